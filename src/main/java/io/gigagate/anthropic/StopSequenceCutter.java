package io.gigagate.anthropic;

import io.gigagate.gigachat.StopSequences;
import java.util.List;

/**
 * {@code stop_sequences}, done by the front (GigaChat has no stop parameter): the text is cut at the earliest
 * sequence, as the chat front does ({@link StopSequences}), and the answer names the sequence that matched
 * ({@code stop_reason: "stop_sequence"}, {@code stop_sequence}). For a stream, pieces go in as they come and
 * only what could still start a sequence is held back. One per answer; not thread-safe.
 */
public final class StopSequenceCutter {

    private final List<String> stops;
    private final StopSequences.Cutter cutter;
    private final StringBuilder fed = new StringBuilder();
    private int emitted;
    private String matched;

    public StopSequenceCutter(List<String> stops) {
        this.stops = stops == null ? List.of() : stops.stream().filter(s -> s != null && !s.isEmpty()).toList();
        this.cutter = new StopSequences.Cutter(this.stops);
    }

    /** A whole text cut at once: the text before the first sequence; {@link #matched()} tells which. */
    public String cut(String text) {
        String out = accept(text);
        return out + finish();
    }

    /** The part of this piece that may go out now (empty once a sequence matched). */
    public String accept(String piece) {
        if (stops.isEmpty() || matched != null) {
            return matched != null || piece == null ? "" : piece;
        }
        fed.append(piece == null ? "" : piece);
        String out = cutter.accept(piece);
        emitted += out.length();
        if (cutter.stopped()) {
            for (String stop : stops) { // the earliest one; at the same place the first listed, as the cutter chose
                if (fed.indexOf(stop, emitted) == emitted) {
                    matched = stop;
                    break;
                }
            }
        }
        return out;
    }

    /** What was held back, at the end of the answer. */
    public String finish() {
        String rest = matched != null ? "" : cutter.finish();
        emitted += rest.length();
        return rest;
    }

    /** The sequence that ended the text, or null. */
    public String matched() {
        return matched;
    }
}
