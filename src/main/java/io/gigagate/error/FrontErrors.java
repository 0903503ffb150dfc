package io.gigagate.error;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which front's {@link ErrorRenderer} answers a request that failed before any route ran (the access
 * filter, the start-up gate, Spring's error page): the first front whose path prefix the request's path
 * starts with, else the default front (OpenAI's, whose paths have no common prefix). Inside the routes
 * each front's route configuration names its renderer directly.
 */
public final class FrontErrors {

    private record Front(String pathPrefix, ErrorRenderer renderer) {
    }

    private final ErrorRenderer fallback;
    /** Added to as the fronts are made, at start-up; read by every refused request. */
    private final List<Front> fronts = new CopyOnWriteArrayList<>();

    public FrontErrors(ErrorRenderer fallback) {
        this.fallback = fallback;
    }

    /** Requests whose path starts with {@code pathPrefix} are answered in this renderer's shape. */
    public FrontErrors with(String pathPrefix, ErrorRenderer renderer) {
        fronts.add(new Front(pathPrefix, renderer));
        return this;
    }

    public ErrorRenderer forPath(String path) {
        if (path != null) {
            for (Front front : fronts) {
                if (path.startsWith(front.pathPrefix())) {
                    return front.renderer();
                }
            }
        }
        return fallback;
    }
}
