package io.gigagate.stream;

import io.gigagate.error.GatewayException;

/**
 * A front's stream format: writes the neutral {@link StreamEvent}s of one answer as that front's events.
 * This is all a front writes to stream; reading GigaChat, stop sequences, deadlines, connection reuse and
 * client aborts are {@link UpstreamEvents}', batching and framing are {@link SseBody}'s and
 * {@link EventStream.Writer}'s.
 *
 * <p>Calls, on the stream's reading thread, in order: {@link #start} once, {@link #encode} for each
 * event, then either {@link #end} (the answer is complete) or {@link #error} (it failed after the first
 * event), or neither (the client went away). One instance per stream, holding its own state (a role sent,
 * a block index, a sequence number); not thread-safe.
 */
public interface StreamEncoder {

    /**
     * Whether this front writes token usage: then a {@link StreamEvent.Usage} comes after the finish, and a
     * choice cut short by a stop sequence reads on until GigaChat's usage arrives.
     */
    boolean wantsUsage();

    /**
     * What goes out before the first event (a {@code message_start}, an echoed prompt); they leave with the
     * first event's, never waiting for more upstream. Nothing by default.
     */
    default void start(EventStream.Writer out) {
    }

    /** Writes one event (never {@link StreamEvent.Error}: that goes to {@link #error}); may write nothing. */
    void encode(StreamEvent event, EventStream.Writer out);

    /** The front's ending after the last event ({@code data: [DONE]}, a {@code message_stop}, or nothing). */
    void end(EventStream.Writer out);

    /** The front's mid-stream error event; the stream ends after it, without {@link #end}. */
    void error(GatewayException error, EventStream.Writer out);

    /** Makes one stream's encoder from what the stream is about (ids, requested model, options). */
    @FunctionalInterface
    interface Factory {
        StreamEncoder create(StreamContext context);
    }
}
