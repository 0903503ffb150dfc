package io.gigagate.config;

import io.gigagate.config.InlinePlatformHttpEngine.InlineConsumer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * keys, limits, CORS, tracing) has already run.
 *
 * <p>Path templates whose one variable is the whole last segment ({@code /v1beta/models/{target}},
 * {@code /v1/models/{id}}) are dispatched the same way when the request's last segment is plain (letters,
 * digits, {@code - . _ ~ : @}), no route has that exact path, and one of the template's routes accepts the
 * method: platform-http's binding reads the variable from the request's path either way. Anything else falls
 * through to Spring MVC as before: other templates ({@code /v1/files/{id}/content}), other methods (405),
 * encoded or empty segments, multipart bodies (resolved by the DispatcherServlet), paths not exactly as
 * registered, and the actuator.
 *
 * <p>It learns the routes from platform-http's listener, so routes added, removed or reloaded at run
 * time are followed.
 */
final class RouteDispatchFilter extends HttpFilter implements PlatformHttpListener {

    private record Target(String uri, Set<String> methods, InlineConsumer consumer) {
    }

    private final Map<String, Target> byPath = new ConcurrentHashMap<>();
    /** Every fixed path a route has, whatever its methods: a request for one is never taken for a template. */
    private final Set<String> fixedPaths = ConcurrentHashMap.newKeySet();
    /** Templates {@code <prefix>{var}}, by their prefix (up to and with the last slash). */
    private final Map<String, List<Target>> byTemplatePrefix = new ConcurrentHashMap<>();

    @Override
    public void registerHttpEndpoint(HttpEndpointModel model) {
        String path = model.getUri();
        if (path == null) {
            return;
        }
        boolean template = path.indexOf('{') >= 0;
        if (!template) {
            fixedPaths.add(path);
        }
        if (!(model.getConsumer() instanceof InlineConsumer consumer)) {
            return;
        }
        String prefix = template ? templatePrefix(path) : null;
        if (template && prefix == null) {
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
        Target target = new Target(path, methods, consumer);
        if (template) {
            byTemplatePrefix.compute(prefix, (p, targets) -> {
                List<Target> list = new ArrayList<>(targets == null ? List.of() : targets);
                list.removeIf(t -> t.uri().equals(path));
                list.add(target);
                return List.copyOf(list);
            });
        } else {
            byPath.put(path, target);
        }
    }

    /**
     * The prefix of a template whose only variable is its whole last segment ({@code /v1/models/} of
     * {@code /v1/models/{id}}); null for any other template.
     */
    static String templatePrefix(String path) {
        int slash = path.lastIndexOf('/');
        int open = path.indexOf('{');
        if (open != slash + 1 || path.indexOf('}') != path.length() - 1 || path.indexOf('{', open + 1) >= 0
                || path.indexOf('*') >= 0 || path.length() - open < 3) {
            return null;
        }
        return path.substring(0, slash + 1);
    }

    /** Whether a request for this path and method would be handed straight to its route. */
    boolean dispatches(String path, String method) {
        return find(path, method) != null;
    }

    @Override
    public void unregisterHttpEndpoint(HttpEndpointModel model) {
        String path = model.getUri();
        if (path == null) {
            return;
        }
        if (path.indexOf('{') < 0) {
            byPath.remove(path);
            fixedPaths.remove(path);
            return;
        }
        String prefix = templatePrefix(path);
        if (prefix != null) {
            byTemplatePrefix.computeIfPresent(prefix, (p, targets) -> {
                List<Target> left = targets.stream().filter(t -> !t.uri().equals(path)).toList();
                return left.isEmpty() ? null : left;
            });
        }
    }

    /** The route a request goes straight to: its exact path, else a template of its last segment; or null. */
    private Target find(String uri, String method) {
        Target exact = byPath.get(uri);
        if (exact != null) {
            return exact.methods().contains(method) ? exact : null;
        }
        if (fixedPaths.contains(uri)) {
            return null;
        }
        int slash = uri.lastIndexOf('/');
        if (slash < 0 || !plainSegment(uri, slash + 1)) {
            return null;
        }
        List<Target> templates = byTemplatePrefix.get(uri.substring(0, slash + 1));
        if (templates != null) {
            for (Target target : templates) {
                if (target.methods().contains(method)) {
                    return target;
                }
            }
        }
        return null;
    }

    /**
     * A last segment of letters, digits and {@code - . _ ~ : @} only: not empty, not {@code .} or {@code ..},
     * nothing encoded, no matrix part.
     */
    static boolean plainSegment(String uri, int from) {
        int length = uri.length() - from;
        if (length <= 0 || uri.startsWith(".", from) && (length == 1 || length == 2 && uri.charAt(from + 1) == '.')) {
            return false;
        }
        for (int i = from; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || c == '~' || c == ':' || c == '@';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Target target = find(request.getRequestURI(), request.getMethod());
        if (target == null || !request.getContextPath().isEmpty()
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
