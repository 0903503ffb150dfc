package io.gigagate.config;

import io.gigagate.config.InlinePlatformHttpEngine.InlineConsumer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpListener;

/**
 * The last servlet filter: a request for one of platform-http's fixed paths, with a method its route
 * accepts, goes straight to the route's consumer instead of on through Spring MVC's DispatcherServlet
 * (handler lookup over every mapping, argument resolution, a reflective call, the request-handled event),
 * which held about a fifteenth of a chat request's CPU samples. Everything before it (the start-up gate,
 * keys, limits, CORS, tracing) has already run. Anything else falls through to Spring MVC as before:
 * path templates ({@code /v1/models/{id}}), other methods (405, CORS pre-flights), multipart bodies
 * (resolved by the DispatcherServlet), paths not exactly as registered, and the actuator.
 *
 * <p>It learns the routes from platform-http's listener, so routes added, removed or reloaded at run
 * time are followed.
 */
final class RouteDispatchFilter extends HttpFilter implements PlatformHttpListener {

    private record Target(Set<String> methods, InlineConsumer consumer) {
    }

    private final Map<String, Target> byPath = new ConcurrentHashMap<>();

    @Override
    public void registerHttpEndpoint(HttpEndpointModel model) {
        String path = model.getUri();
        if (path == null || path.indexOf('{') >= 0 || !(model.getConsumer() instanceof InlineConsumer consumer)) {
            return;
        }
        // the consumer's own methods, not the model's: another route on the same path adds its verbs there
        String restrict = consumer.getEndpoint().getHttpMethodRestrict();
        if (restrict == null || restrict.isBlank()) {
            return;
        }
        Set<String> methods = Arrays.stream(restrict.split(","))
                .map(m -> m.trim().toUpperCase(Locale.ROOT))
                .filter(m -> !m.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        byPath.put(path, new Target(methods, consumer));
    }

    /** Whether a request for this path and method would be handed straight to its route. */
    boolean dispatches(String path, String method) {
        Target target = byPath.get(path);
        return target != null && target.methods().contains(method);
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel model) {
        if (model.getUri() != null) {
            byPath.remove(model.getUri());
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Target target = byPath.get(request.getRequestURI());
        if (target == null || !target.methods().contains(request.getMethod()) || !request.getContextPath().isEmpty()
                || isMultipart(request) || !target.consumer().isRunAllowed() || target.consumer().isSuspended()) {
            chain.doFilter(request, response);
            return;
        }
        target.consumer().service(request, response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }
}
