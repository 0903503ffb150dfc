package io.gigagate.error;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Which front's {@link ErrorRenderer} answers a request that failed before any route ran (the access
 * filter, the start-up gate, Spring's error page): the front whose path rule takes the path
 * ({@link #withPath}), else the front with the longest path prefix the request's path starts with (so the order the fronts are made in, which differs between runtimes, does not
 * matter), else the default front (OpenAI's, whose paths have no common prefix). Inside the routes
 * each front's route configuration names its renderer directly.
 */
public final class FrontErrors {

    private record Front(String pathPrefix, ErrorRenderer renderer) {
    }

    private record PathRule(Predicate<String> paths, ErrorRenderer renderer) {
    }

    private static final Comparator<Front> LONGEST_PREFIX_FIRST =
            Comparator.comparingInt((Front f) -> f.pathPrefix().length()).reversed().thenComparing(Front::pathPrefix);

    private final ErrorRenderer fallback;
    /** Added to as the fronts are made, at start-up; read by every refused request. */
    private final List<Front> fronts = new CopyOnWriteArrayList<>();
    /** Paths of one front inside another's space (Gemini's {@code /v1/models/{model}:generateContent}), first. */
    private final List<PathRule> byPathRule = new CopyOnWriteArrayList<>();
    /** Headers that name a front's clients on paths fronts share (Anthropic's {@code anthropic-version}). */
    private final Map<String, ErrorRenderer> byHeader = new ConcurrentHashMap<>();

    public FrontErrors(ErrorRenderer fallback) {
        this.fallback = fallback;
    }

    /** Requests whose path starts with {@code pathPrefix} are answered in this renderer's shape. */
    public FrontErrors with(String pathPrefix, ErrorRenderer renderer) {
        fronts.add(new Front(pathPrefix, renderer));
        fronts.sort(LONGEST_PREFIX_FIRST);
        return this;
    }

    /**
     * Requests whose path {@code rule} accepts are answered in this renderer's shape, before any prefix is
     * asked: for a front's paths that lie among another front's (Gemini's {@code /v1/models/{model}:method}
     * beside OpenAI's {@code /v1/models/{id}}).
     */
    public FrontErrors withPath(Predicate<String> rule, ErrorRenderer renderer) {
        byPathRule.add(new PathRule(rule, renderer));
        return this;
    }

    /**
     * Requests that carry {@code header} on a path no front's prefix claims (the OpenAI paths other fronts'
     * clients also call, such as {@code /v1/models}) are answered in this renderer's shape.
     */
    public FrontErrors withHeader(String header, ErrorRenderer renderer) {
        byHeader.put(header.toLowerCase(Locale.ROOT), renderer);
        return this;
    }

    /** The renderer a header rule gives a request on an unclaimed path ({@code hasHeader} asks the request), or null. */
    public ErrorRenderer forHeaders(Predicate<String> hasHeader) {
        for (Map.Entry<String, ErrorRenderer> rule : byHeader.entrySet()) {
            if (hasHeader.test(rule.getKey())) {
                return rule.getValue();
            }
        }
        return null;
    }

    public ErrorRenderer forPath(String path) {
        if (path != null) {
            for (PathRule rule : byPathRule) {
                if (rule.paths().test(path)) {
                    return rule.renderer();
                }
            }
            for (Front front : fronts) {
                if (path.startsWith(front.pathPrefix())) {
                    return front.renderer();
                }
            }
        }
        return fallback;
    }
}
