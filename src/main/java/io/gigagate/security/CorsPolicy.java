package io.gigagate.security;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the gateway (CORS), and the headers that say so. Origins are patterns:
 * {@code *} for any, or an origin with {@code *} standing for any run of characters
 * ({@code https://*.example.com}). Credentials are never allowed, so the answer names the caller's own
 * origin rather than {@code *}. A request from an origin not allowed, or a pre-flight asking for a method
 * or header not allowed, is refused with 403.
 */
public final class CorsPolicy {

    private final List<Pattern> origins;
    private final List<String> methods;
    private final List<String> headers;
    private final boolean anyHeader;
    private final Duration maxAge;

    public CorsPolicy(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders, Duration maxAge) {
        this.origins = allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).map(CorsPolicy::pattern).toList();
        this.methods = allowedMethods.stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).filter(m -> !m.isEmpty()).toList();
        this.headers = allowedHeaders.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.anyHeader = headers.contains("*");
        this.maxAge = maxAge;
    }

    private static Pattern pattern(String origin) {
        return Pattern.compile(origin.equals("*") ? ".*" : Pattern.quote(origin).replace("*", "\\E.*\\Q"),
                Pattern.CASE_INSENSITIVE);
    }

    /** Whether this is a pre-flight: OPTIONS from a browser, announcing the method it wants to use. */
    public static boolean isPreflight(String method, String origin, String requestMethod) {
        return "OPTIONS".equalsIgnoreCase(method) && origin != null && requestMethod != null;
    }

    /**
     * The answer's headers for a pre-flight.
     *
     * @throws GatewayException 403 {@code cors_not_allowed} for an origin, method or header not allowed
     */
    public Map<String, String> preflight(String origin, String requestMethod, String requestHeaders) {
        checkOrigin(origin);
        if (!methods.contains(requestMethod.strip().toUpperCase(Locale.ROOT))) {
            throw refused("The method " + requestMethod.strip() + " is not allowed from browsers.");
        }
        List<String> asked = requestHeaders == null ? List.of() : List.of(requestHeaders.split(",")).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        if (!anyHeader && !headers.containsAll(asked)) {
            throw refused("A requested header is not allowed from browsers.");
        }
        Map<String, String> answer = new LinkedHashMap<>(actual(origin));
        answer.put("Access-Control-Allow-Methods", String.join(",", methods));
        if (!asked.isEmpty()) {
            answer.put("Access-Control-Allow-Headers", String.join(",", asked));
        }
        answer.put("Access-Control-Max-Age", String.valueOf(maxAge.toSeconds()));
        return answer;
    }

    /**
     * The headers of an answer to a browser's request from {@code origin}.
     *
     * @throws GatewayException 403 {@code cors_not_allowed} for an origin not allowed
     */
    public Map<String, String> actual(String origin) {
        checkOrigin(origin);
        return Map.of("Access-Control-Allow-Origin", origin, "Vary", "Origin");
    }

    private void checkOrigin(String origin) {
        if (origins.stream().noneMatch(p -> p.matcher(origin).matches())) {
            throw refused("This origin may not call the gateway from a browser.");
        }
    }

    private static GatewayException refused(String message) {
        return new GatewayException(403, ErrorCategory.PERMISSION, "cors_not_allowed", null, message);
    }

    @Override
    public String toString() {
        return "CorsPolicy[origins=" + origins.stream().map(Pattern::pattern).collect(Collectors.joining(",")) + ", methods="
                + methods + ", headers=" + headers + ", maxAge=" + maxAge + "]";
    }
}
