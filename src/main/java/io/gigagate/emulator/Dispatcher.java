package io.gigagate.emulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes a request to the handler registered for its method and path pattern, in GigaChat's order of checks.
 *
 * <p>A <em>resource</em> is one path pattern with its {@link Access} and a handler per method. For a request:
 * <ol>
 *   <li>the resource whose pattern matches the path is found (the most specific one, see
 *       {@link PathPattern#compareSpecificity}; on a tie the first registered); none: 404
 *       {@code {"status":404,"message":"Not found"}} without correlation headers;</li>
 *   <li>the resource's call counter goes up (any method, any outcome);</li>
 *   <li>{@link Access#DATA}: the bearer check (401), then {@link Faults#nextFailure} (the injected answer);</li>
 *   <li>no handler for the method (nor for {@link #ANY_METHOD}): 405 "Method Not Allowed" with {@code Allow}
 *       listing the resource's methods in registration order;</li>
 *   <li>the handler answers; an {@link ApiError} it throws is rendered with the correlation headers (the OAuth
 *       host has none and answers {@code application/json}).</li>
 * </ol>
 * A catch-all resource such as {@code ANY /api/v1/**} → {@link #NOT_FOUND} gives unknown API paths the data-call
 * checks before their 404, as GigaChat does.
 */
final class Dispatcher {

    /** Registers a handler for every method: the resource never answers 405. */
    static final String ANY_METHOD = "*";

    /** GigaChat's 404 for a path under the API that no resource serves. */
    static final Handler NOT_FOUND = call -> {
        throw ApiError.of(404, "Not found");
    };

    /** What a resource checks before its handler runs, and how its errors look. */
    enum Access {
        /** The OAuth host: no bearer, no data-call faults, no correlation headers; errors as application/json. */
        OAUTH_HOST(false, false, "application/json"),
        /** An API resource that takes no bearer and no data-call fault ({@code POST /api/v1/token}). */
        OPEN(true, false, EmulatorContext.JSON_UTF8),
        /** A data call: the bearer check, then an injected fault, then the method. */
        DATA(true, true, EmulatorContext.JSON_UTF8);

        final boolean correlated;
        final boolean guarded;
        final String errorContentType;

        Access(boolean correlated, boolean guarded, String errorContentType) {
            this.correlated = correlated;
            this.guarded = guarded;
            this.errorContentType = errorContentType;
        }
    }

    private static final class Resource {
        final PathPattern pattern;
        final Access access;
        final Map<String, Handler> byMethod = new LinkedHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        Resource(PathPattern pattern, Access access) {
            this.pattern = pattern;
            this.access = access;
        }

        Handler handlerFor(String method) {
            Handler h = byMethod.get(method);
            if (h == null) {
                h = byMethod.get(ANY_METHOD);
            }
            if (h == null) {
                throw new ApiError(405, ApiError.body(405, "Method Not Allowed"),
                        Map.of("Allow", String.join(", ", byMethod.keySet())));
            }
            return h;
        }
    }

    private final EmulatorContext ctx;
    private final List<Resource> resources = new ArrayList<>();

    Dispatcher(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Serves method (or {@link #ANY_METHOD}) on pattern (see {@link PathPattern}) with handler. Registrations with
     * the same pattern form one resource and must agree on access; a method is registered once per resource.
     * All registrations happen before the server starts (the routes are read without locks afterwards).
     */
    Dispatcher on(String method, String pattern, Access access, Handler handler) {
        Resource r = null;
        for (Resource existing : resources) {
            if (existing.pattern.toString().equals(pattern)) {
                r = existing;
                break;
            }
        }
        if (r == null) {
            r = new Resource(PathPattern.of(pattern), access);
            resources.add(r);
        } else if (r.access != access) {
            throw new IllegalArgumentException(pattern + " is already registered as " + r.access + ", not " + access);
        }
        if (r.byMethod.putIfAbsent(method, handler) != null) {
            throw new IllegalStateException(method + " " + pattern + " is already registered");
        }
        return this;
    }

    /** Requests to the resource registered under exactly this pattern so far (any method, any outcome). */
    int calls(String pattern) {
        for (Resource r : resources) {
            if (r.pattern.toString().equals(pattern)) {
                return r.calls.get();
            }
        }
        return 0;
    }

    void dispatch(HttpExchange ex, RecordedRequest rr) throws IOException {
        String[] segments = PathPattern.split(rr.path());
        Resource resource = null;
        Map<String, String> params = null;
        for (Resource r : resources) {
            Map<String, String> p = r.pattern.match(segments);
            if (p != null && (resource == null || r.pattern.compareSpecificity(resource.pattern) > 0)) {
                resource = r;
                params = p;
            }
        }
        if (resource == null) {
            EmulatorContext.sendJson(ex, 404, ApiError.body(404, "Not found"), Map.of(), EmulatorContext.JSON_UTF8);
            return;
        }
        resource.calls.incrementAndGet();
        Map<String, String> corr = resource.access.correlated ? EmulatorContext.correlationHeaders(rr) : Map.of();
        try {
            if (resource.access.guarded) {
                ctx.tokens.checkBearer(rr);
                Faults.Failure f = ctx.faults.nextFailure(rr.path());
                if (f != null) {
                    Map<String, String> h = new LinkedHashMap<>(corr);
                    h.putAll(f.headers());
                    EmulatorContext.send(ex, f.status(), f.body().getBytes(StandardCharsets.UTF_8), h,
                            EmulatorContext.JSON_UTF8);
                    return;
                }
            }
            resource.handlerFor(rr.method()).handle(new Call(ex, rr, corr, params));
        } catch (ApiError e) {
            Map<String, String> h = new LinkedHashMap<>(corr);
            h.putAll(e.headers);
            EmulatorContext.sendJson(ex, e.status, e.body, h, resource.access.errorContentType);
        }
    }
}
