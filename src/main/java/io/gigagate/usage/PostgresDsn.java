package io.gigagate.usage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL address as gpt2giga writes it ({@code TRAFFIC_LOG_POSTGRES_DSN}, libpq's URI form:
 * {@code postgresql://user:password@host:5432/db?sslmode=require}; also {@code postgres://} and SQLAlchemy's
 * {@code postgresql+asyncpg://}) or already as JDBC's {@code jdbc:postgresql://...}: the JDBC URL without the
 * credentials, and the user and password apart, so the password never sits in a URL that might be logged.
 */
public record PostgresDsn(String jdbcUrl, String user, String password) {

    public static PostgresDsn parse(String dsn) {
        String text = dsn.strip();
        if (text.startsWith("jdbc:")) {
            return new PostgresDsn(text, null, null);
        }
        int scheme = text.indexOf("://");
        if (scheme < 0 || !text.substring(0, scheme).toLowerCase(java.util.Locale.ROOT).startsWith("postgres")) {
            throw new IllegalArgumentException("not a postgresql:// address");
        }
        URI uri = URI.create("postgresql" + text.substring(scheme));
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresDsn("jdbc:postgresql://" + host + port + path + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PostgresDsn[" + jdbcUrl + ", user=" + user + "]";
    }
}
