package io.gigagate.files;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Downloads the file at a client's http(s) URL without opening an SSRF hole: only http and https;
 * the host is resolved and every address checked against the {@link AddressPolicy} before anything
 * connects; the connection is made to exactly those checked addresses (the client's DNS resolver is
 * the policy, so a second lookup cannot swap in another address); redirects are followed by hand, each
 * hop checked the same way; and the download is bounded in size and time.
 */
public final class UrlDownloader implements AutoCloseable {

    private final AddressPolicy policy;
    private final CloseableHttpClient client;
    private final long maxBytes;
    private final int maxRedirects;
    private final Duration timeout;

    public UrlDownloader(AddressPolicy policy, Duration timeout, long maxBytes, int maxRedirects) {
        this.policy = policy;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        this.timeout = timeout;
        DnsResolver checkedDns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return policy.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout t = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checkedDns)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t)
                                .setTimeToLive(1, TimeUnit.MINUTES).build())
                        .setMaxConnTotal(64).setMaxConnPerRoute(8)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("GigaGate")
                .build();
    }

    /**
     * The bytes at {@code url} and the Content-Type the server declared; a 400 naming {@code at} when the
     * URL is refused or cannot be fetched, a 413 when it is larger than allowed.
     */
    public PartBytes download(String url, String at) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = checkedUri(url, at);
        for (int hop = 0; hop <= maxRedirects; hop++) {
            check(current, at);
            HttpGet get = new HttpGet(current);
            try {
                Fetched fetched = client.execute(get, response -> read(response, at, deadline));
                if (fetched.location() == null) {
                    return new PartBytes(fetched.data(), fetched.contentType(), null);
                }
                current = checkedUri(current.resolve(fetched.location().strip()).toString(), at);
            } catch (AddressPolicy.RefusedAddressException e) {
                throw refused(at, e.getMessage());
            } catch (GatewayException e) {
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                throw GatewayException.invalidRequest("Could not download the file in '" + at + "': "
                        + describe(e) + ".", at, "invalid_url");
            }
        }
        throw GatewayException.invalidRequest("Could not download the file in '" + at + "': more than " + maxRedirects
                + " redirects.", at, "invalid_url");
    }

    private record Fetched(byte[] data, String contentType, String location) {
    }

    private Fetched read(ClassicHttpResponse response, String at, long deadline) throws IOException {
        int status = response.getCode();
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            if (location == null) {
                throw GatewayException.invalidRequest("Could not download the file in '" + at + "': HTTP " + status
                        + " without a Location.", at, "invalid_url");
            }
            return new Fetched(null, null, location.getValue());
        }
        if (status != 200) {
            throw GatewayException.invalidRequest("Could not download the file in '" + at + "': the server answered HTTP "
                    + status + ".", at, "invalid_url");
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Fetched(new byte[0], null, null);
        }
        if (entity.getContentLength() > maxBytes) {
            throw tooLarge(at);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = entity.getContent()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLarge(at);
                }
                if (System.nanoTime() > deadline) {
                    throw GatewayException.invalidRequest("Could not download the file in '" + at + "': it took longer "
                            + "than " + timeout.toSeconds() + " s.", at, "invalid_url");
                }
            }
        }
        return new Fetched(out.toByteArray(), entity.getContentType(), null);
    }

    /** Refused before connecting: the DNS answer is checked here and again by the client's resolver. */
    private void check(URI uri, String at) {
        try {
            policy.resolve(uri.getHost());
        } catch (AddressPolicy.RefusedAddressException e) {
            throw refused(at, e.getMessage());
        } catch (UnknownHostException e) {
            throw GatewayException.invalidRequest("Could not download the file in '" + at + "': unknown host '"
                    + uri.getHost() + "'.", at, "invalid_url");
        }
    }

    private static URI checkedUri(String url, String at) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw GatewayException.invalidRequest("Invalid URL in '" + at + "'.", at, "invalid_url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw GatewayException.invalidRequest("Invalid URL in '" + at + "': only http, https and data URLs are "
                    + "accepted.", at, "invalid_url");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw GatewayException.invalidRequest("Invalid URL in '" + at + "': no host.", at, "invalid_url");
        }
        return uri;
    }

    private GatewayException tooLarge(String at) {
        return new GatewayException(413, ErrorCategory.INVALID_REQUEST, "file_too_large", at, "The file in '" + at
                + "' is larger than the gateway downloads (" + FileLimits.describe(maxBytes) + ").");
    }

    private static GatewayException refused(String at, String why) {
        return GatewayException.invalidRequest("URL refused in '" + at + "': " + why + ". The gateway fetches only "
                + "public addresses.", at, "url_not_allowed");
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
