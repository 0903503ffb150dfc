package io.gigagate.config;

import io.gigagate.security.LogSecrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/...}: off, every admin path is 404; on, {@code /admin/api/...} needs the admin key
 * ({@code Authorization: Bearer <key>} or {@code X-Admin-Key}), compared in constant time. A gateway key is
 * not the admin key (start-up refuses the same value for both), so it gets 401 here. The page itself
 * ({@code /admin/}) is static and holds no data; it asks for the key and sends it with every call.
 */
final class AdminKeyFilter extends OncePerRequestFilter {

    private final boolean enabled;
    private final byte[] keyDigest;

    AdminKeyFilter(boolean enabled, String adminKey) {
        this.enabled = enabled;
        this.keyDigest = adminKey == null ? null : sha256(adminKey.strip());
        if (adminKey != null) {
            LogSecrets.register(adminKey.strip());
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!enabled) {
            error(response, 404, "not_found", "The admin API is off (gigagate.admin.enabled, GPT2GIGA_ADMIN_API_ENABLED).");
            return;
        }
        if (path.startsWith("/admin/api/") || path.equals("/admin/api")) {
            if (!admitted(request)) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"gigagate-admin\"");
                error(response, 401, "invalid_admin_key", "The admin API needs the admin key (Authorization: Bearer "
                        + "<ADMIN_API_KEY> or X-Admin-Key); a gateway API key is not accepted.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private boolean admitted(HttpServletRequest request) {
        String presented = request.getHeader("X-Admin-Key");
        if (presented == null) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = authorization.substring(7).strip();
            }
        }
        return presented != null && keyDigest != null && MessageDigest.isEqual(keyDigest, sha256(presented.strip()));
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":{\"message\":\"" + message.replace("\"", "\\\"")
                + "\",\"type\":\"" + (status == 401 ? "authentication_error" : "invalid_request_error")
                + "\",\"code\":\"" + code + "\"}}").getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
