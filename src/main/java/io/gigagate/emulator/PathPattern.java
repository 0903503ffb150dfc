package io.gigagate.emulator;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A path template for the {@link Dispatcher}, matched segment by segment against the decoded path:
 * a literal segment matches itself; {@code {name}} one non-empty segment; {@code {name?}} one segment that may
 * be empty (GigaChat's {@code /files//content} still reaches the files resource); a last {@code **} any rest,
 * none included ({@code /api/v1/**} matches {@code /api/v1} and everything below it).
 */
final class PathPattern {

    private static final int REST = 0;
    private static final int OPTIONAL_PARAM = 1;
    private static final int PARAM = 2;
    private static final int LITERAL = 3;
    /** Where a pattern has ended while another goes on with {@code **} (matching nothing): the end wins. */
    private static final int END = 4;

    private final String text;
    private final String[] segments;
    private final int[] kinds;
    private final String[] names;

    private PathPattern(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with /: " + text);
        }
        this.text = text;
        this.segments = split(text);
        this.kinds = new int[segments.length];
        this.names = new String[segments.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals("**")) {
                if (i != segments.length - 1) {
                    throw new IllegalArgumentException("** must be the last segment: " + text);
                }
                kinds[i] = REST;
            } else if (s.startsWith("{") && s.endsWith("}")) {
                boolean optional = s.endsWith("?}");
                String name = s.substring(1, s.length() - (optional ? 2 : 1));
                if (name.isEmpty() || !seen.add(name)) {
                    throw new IllegalArgumentException("bad or repeated parameter " + s + " in " + text);
                }
                kinds[i] = optional ? OPTIONAL_PARAM : PARAM;
                names[i] = name;
            } else if (s.contains("{") || s.contains("}") || s.contains("*")) {
                throw new IllegalArgumentException("a segment is a literal, {name}, {name?} or a last **: " + text);
            } else {
                kinds[i] = LITERAL;
            }
        }
    }

    static PathPattern of(String text) {
        return new PathPattern(text);
    }

    /** A decoded path's segments ({@code /a/b/} -> a, b, ""), or null when it does not start with /. */
    static String[] split(String path) {
        return path.startsWith("/") ? path.substring(1).split("/", -1) : null;
    }

    /** The {@code {name}} values when the path's segments match, else null. */
    Map<String, String> match(String[] path) {
        if (path == null) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < segments.length; i++) {
            if (kinds[i] == REST) {
                return params == null ? Map.of() : params;
            }
            if (i >= path.length) {
                return null;
            }
            String s = path[i];
            switch (kinds[i]) {
                case LITERAL -> {
                    if (!segments[i].equals(s)) {
                        return null;
                    }
                }
                case PARAM, OPTIONAL_PARAM -> {
                    if (kinds[i] == PARAM && s.isEmpty()) {
                        return null;
                    }
                    if (params == null) {
                        params = new LinkedHashMap<>();
                    }
                    params.put(names[i], s);
                }
                default -> throw new IllegalStateException();
            }
        }
        if (path.length != segments.length) {
            return null;
        }
        return params == null ? Map.of() : params;
    }

    /**
     * Of two patterns that match the same path, the more specific one is greater: segment by segment, a literal
     * beats {@code {name}}, which beats {@code {name?}}, which beats {@code **}.
     */
    int compareSpecificity(PathPattern other) {
        int n = Math.max(kinds.length, other.kinds.length);
        for (int i = 0; i < n; i++) {
            int a = i < kinds.length ? kinds[i] : END;
            int b = i < other.kinds.length ? other.kinds[i] : END;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
