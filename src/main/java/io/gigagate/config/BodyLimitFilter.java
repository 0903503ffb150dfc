package io.gigagate.config;

import io.gigagate.camel.GatewayTime;
import io.gigagate.error.GatewayException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the servlet container must do before Camel reads a request: refuse a body above the limit (by its
 * Content-Length at once, a chunked one as soon as it grows past it: {@link BoundedBodyRequest}), in the
 * shape of the front the path belongs to, and note when the request arrived (the gateway's own time). The
 * rest of the access policy (API keys, per-key limits) is the routes' ({@code camel.AccessPolicyStep}), so
 * it holds on Camel Main and Camel K too, where platform-http's Vert.x server bounds bodies
 * ({@code camel.server.max-body-size}).
 */
final class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final ServletErrors errors;

    BodyLimitFilter(long maxBodyBytes, ServletErrors errors) {
        this.maxBodyBytes = maxBodyBytes;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the start of the request for the gateway's own time (x-gigagate-overhead-ms): here, before
        // the rest of the filters, not when Camel's exchange is made
        request.setAttribute(GatewayTime.START_NANOS, System.nanoTime());
        if (request.getRequestURI().startsWith("/actuator")) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest bounded;
        try {
            bounded = BoundedBodyRequest.of(request, maxBodyBytes);
        } catch (GatewayException refusal) {
            errors.write(request, response, refusal);
            return;
        }
        chain.doFilter(bounded, response);
    }
}
