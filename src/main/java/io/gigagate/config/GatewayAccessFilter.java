package io.gigagate.config;

import io.gigagate.camel.GatewayTime;
import io.gigagate.camel.ExchangeKeys;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.security.ApiKeys;
import io.gigagate.security.AuthorizationHeader;
import io.gigagate.security.KeyLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gateway's front door, before any route sees a request: the body size limit (checked before a
 * byte is parsed), the API key, and the per-key rate and concurrency limits. Health endpoints stay
 * open. Refusals are errors in the shape of the front the request was for ({@link ServletErrors}). The authenticated key's name travels to the routes in an
 * internal header that a client cannot set.
 */
final class GatewayAccessFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final boolean enforceKeys;
    private final boolean passToken;
    private final KeyLimits limits;
    private final long maxBodyBytes;
    private final ServletErrors errors;

    GatewayAccessFilter(ApiKeys keys, boolean enforceKeys, boolean passToken, KeyLimits limits, long maxBodyBytes,
                        ServletErrors errors) {
        this.keys = keys;
        this.enforceKeys = enforceKeys;
        this.passToken = passToken;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        this.errors = errors;
    }

    /**
     * Paths anyone may call: health and metrics for the platform, and generated images, whose URLs carry
     * an unguessable 128-bit key and work like pre-signed links (a browser fetches them without a key).
     */
    static boolean isOpen(String path) {
        return path.startsWith("/actuator") || path.equals("/health") || path.equals("/ping") || path.equals("/error")
                || path.startsWith("/v1/images/content/") || path.startsWith("/images/content/");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the start of the request for the gateway's own time (x-gigagate-overhead-ms): here, before
        // the key check and the rest of the filters, not when Camel's exchange is made
        request.setAttribute(GatewayTime.START_NANOS, System.nanoTime());
        if (isOpen(request.getRequestURI()) || "OPTIONS".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        KeyLimits.Permit permit;
        HttpServletRequest admitted;
        try {
            HttpServletRequest bounded = BoundedBodyRequest.of(request, maxBodyBytes);
            String keyName = authenticate(bounded);
            permit = limits.enabled() ? limits.acquire(keyName) : () -> { };
            admitted = new KeyNamedRequest(bounded, keyName);
        } catch (GatewayException refusal) {
            errors.write(request, response, refusal);
            return;
        }
        try {
            chain.doFilter(admitted, response);
        } finally {
            permit.close(); // the exchange runs on this thread (InlinePlatformHttpEngine): a stream is over here too
        }
    }

    private String authenticate(HttpServletRequest request) {
        if (!enforceKeys) {
            return "anonymous";
        }
        String presented = request.getHeader("x-api-key");
        if (presented == null && !passToken) {
            // in pass-token mode the Bearer header carries GigaChat credentials, never the gateway key
            presented = AuthorizationHeader.bearer(request.getHeader("Authorization"));
        }
        Optional<String> name = keys.match(presented);
        if (name.isEmpty()) {
            throw new GatewayException(401, ErrorCategory.INVALID_REQUEST, "invalid_api_key", null, presented == null
                    ? "You didn't provide an API key. Send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'"
                            + (passToken ? " (in pass-token mode: x-api-key)." : ".")
                    : "Incorrect API key provided.");
        }
        return name.get();
    }

    /** The request with the authenticated key's name in {@link ExchangeKeys#API_KEY_NAME_HEADER}; a client's own copy is hidden. */
    private static final class KeyNamedRequest extends HttpServletRequestWrapper {
        private final String keyName;

        KeyNamedRequest(HttpServletRequest request, String keyName) {
            super(request);
            this.keyName = keyName;
        }

        @Override
        public String getHeader(String name) {
            return ExchangeKeys.API_KEY_NAME_HEADER.equalsIgnoreCase(name) ? keyName : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return ExchangeKeys.API_KEY_NAME_HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(keyName)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String n = e.nextElement();
                if (!ExchangeKeys.API_KEY_NAME_HEADER.equalsIgnoreCase(n)) {
                    names.add(n);
                }
            }
            names.add(ExchangeKeys.API_KEY_NAME_HEADER);
            return Collections.enumeration(names);
        }
    }
}
