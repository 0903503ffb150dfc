package io.gigagate.gigachat;

import java.util.List;

/**
 * OpenAI's {@code stop}, done by the gateway because GigaChat has no stop parameter: the text is
 * cut at the earliest occurrence of any stop sequence (the sequence itself is not returned, as at
 * OpenAI). Pure; {@link Cutter} is the incremental form for streaming.
 */
public final class StopSequences {

    private StopSequences() {
    }

    /** The text up to the first stop sequence, and whether one was found. */
    public record Cut(String text, boolean stopped) {
    }

    public static Cut cut(String text, List<String> stops) {
        if (text == null) {
            return new Cut(null, false);
        }
        int at = earliest(text, stops);
        return at < 0 ? new Cut(text, false) : new Cut(text.substring(0, at), true);
    }

    /** Index of the earliest occurrence of any non-empty stop sequence, or -1. */
    static int earliest(String text, List<String> stops) {
        int best = -1;
        if (stops == null) {
            return best;
        }
        for (String stop : stops) {
            if (stop == null || stop.isEmpty()) {
                continue;
            }
            int i = text.indexOf(stop);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Incremental cutting for a stream of text pieces. {@link #accept} returns what may be emitted
     * now; it holds back only the trailing characters that could still be the start of a stop
     * sequence (fewer than the longest one). Once a stop is hit, nothing more is emitted. Call
     * {@link #finish} at the end of the stream for the held-back rest. Not thread-safe: one per stream.
     */
    public static final class Cutter {

        private final List<String> stops;
        private final StringBuilder held = new StringBuilder();
        private boolean stopped;

        public Cutter(List<String> stops) {
            this.stops = stops == null ? List.of() : stops.stream().filter(s -> s != null && !s.isEmpty()).toList();
        }

        public String accept(String piece) {
            if (stopped || piece == null || piece.isEmpty()) {
                return "";
            }
            if (stops.isEmpty()) {
                return piece;
            }
            held.append(piece);
            String pending = held.toString();
            int at = earliest(pending, stops);
            if (at >= 0) {
                stopped = true;
                held.setLength(0);
                return pending.substring(0, at);
            }
            int keep = longestSuffixThatStartsAStop(pending);
            held.delete(0, pending.length() - keep);
            return pending.substring(0, pending.length() - keep);
        }

        /** The held-back text once the stream ends without a stop (empty after a stop). */
        public String finish() {
            String rest = stopped ? "" : held.toString();
            held.setLength(0);
            return rest;
        }

        public boolean stopped() {
            return stopped;
        }

        private int longestSuffixThatStartsAStop(String text) {
            int best = 0;
            for (String stop : stops) {
                for (int len = Math.min(stop.length() - 1, text.length()); len > best; len--) {
                    if (text.regionMatches(text.length() - len, stop, 0, len)) {
                        best = len;
                        break;
                    }
                }
            }
            return best;
        }
    }
}
