package io.gigagate.stream;

import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.GigaChatChatResponse;

import java.io.InputStream;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A streamed answer body in any front's format: GigaChat's events ({@link UpstreamEvents}) written by the
 * front's {@link StreamEncoder}, pulled by the web layer. Each {@link #read(byte[], int, int)} decodes
 * upstream events until at least one front event is ready and returns only complete events (or, when the
 * caller's buffer is smaller, what fits, with the rest returned by the next read without touching the
 * upstream). The web layer flushes after every read, so each event reaches the client as soon as it is
 * made; events that arrived together leave in one write, and none waits for upstream.
 *
 * <p>The end: the front's ending ({@link StreamEncoder#end}, e.g. {@code data: [DONE]}), then -1. A failure
 * after the first event becomes the front's error event ({@link StreamEncoder#error}), then -1 without the
 * ending. Failures before the first event are thrown by {@link #open} as {@link GatewayException}s, so they
 * become normal HTTP errors.
 *
 * <p>{@link #close()} closes the upstream, is idempotent and may be called from another thread while a
 * read is blocked (a client disconnect); the blocked read then returns -1.
 */
public final class SseBody extends EventStream {

    private final UpstreamEvents upstream;
    private final StreamEncoder encoder;
    private final Writer out = new Writer();
    private boolean started;

    private SseBody(UpstreamEvents upstream, StreamEncoder encoder) {
        this.upstream = upstream;
        this.encoder = encoder;
    }

    /**
     * Reads the first upstream event now (see {@link UpstreamEvents#open}) and returns the body for the rest,
     * written by {@code encoder}.
     *
     * @throws GatewayException when the upstream fails before its first event
     */
    public static SseBody open(InputStream upstream, StreamContext ctx, StreamEncoder encoder, StreamLimits limits) {
        return new SseBody(UpstreamEvents.open(upstream, ctx, encoder.wantsUsage(), limits), encoder);
    }

    static SseBody open(InputStream upstream, StreamContext ctx, StreamEncoder encoder, StreamLimits limits,
                        LongSupplier nanoClock) {
        return new SseBody(UpstreamEvents.open(upstream, ctx, encoder.wantsUsage(), limits, nanoClock), encoder);
    }

    /** Upstream events read so far (including the first one read by {@link #open}). */
    public long upstreamEvents() {
        return upstream.upstreamEvents();
    }

    /** Front events written so far, including the ending or the error event. */
    public long eventsSent() {
        return out.events();
    }

    /** Whether the stream reached its end (the last event, or the error event) rather than being cut off. */
    public boolean finished() {
        return upstream.finished();
    }

    /** GigaChat's storage thread id (v2 with {@code storage}), once the stream has carried it; null otherwise. */
    public String threadId() {
        return upstream.threadId();
    }

    /** GigaChat's token usage, when the stream carried it (on its last chunk); null otherwise. */
    public GigaChatChatResponse.Usage usage() {
        return upstream.usage();
    }

    /**
     * Encodes upstream events until there is something to send, and goes on while the next upstream event
     * is already buffered (or the end needs none): events that arrived together leave in one write and one
     * flush, and an event is never held back waiting for upstream. The encoder's opening leaves with the
     * first event's.
     */
    private byte[] nextEvents() {
        if (!started) {
            started = true;
            encoder.start(out);
        }
        while (true) {
            List<StreamEvent> events = upstream.next(out.size() > 0);
            for (int i = 0; i < events.size(); i++) {
                StreamEvent event = events.get(i);
                if (event instanceof StreamEvent.Error error) {
                    encoder.error(error.error(), out);
                } else {
                    encoder.encode(event, out);
                }
            }
            if (upstream.ended()) {
                if (upstream.completed()) {
                    encoder.end(out);
                }
                return out.take();
            }
            if (out.size() > 0 && upstream.wouldWait()) {
                return out.take();
            }
        }
    }

    /** Closes the upstream (see {@link UpstreamEvents#close()}); idempotent and safe from any thread. */
    @Override
    public void close() {
        upstream.close();
    }

    @Override
    protected boolean ended() {
        return upstream.ended();
    }

    @Override
    protected byte[] nextBytes() {
        return nextEvents();
    }
}
