package io.gigagate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.gigachat.GigaChatChatChunk;
import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.gigachat.GigaChatErrors;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.OpenAiErrors;
import io.gigagate.openai.WireJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The OpenAI SSE response body, pulled by the web layer: each {@link #read(byte[], int, int)}
 * translates upstream events until at least one OpenAI event is ready and returns only complete
 * {@code data: {json}\n\n} events (or, when the caller's buffer is smaller, what fits, with the rest
 * returned by the next read without touching the upstream). The web layer flushes after every
 * read, so each event reaches the client as soon as it is translated.
 *
 * <p>The end: {@code data: [DONE]\n\n}, then -1. A failure after the first event (I/O error, idle
 * or total timeout, malformed JSON, a GigaChat error object) becomes one
 * {@code data: {"error": {...}}} event, then -1 without {@code [DONE]}. Failures before the first
 * event are thrown by {@link #open} as {@link GatewayException}s, so they become normal HTTP errors.
 *
 * <p>{@link #close()} closes the upstream, is idempotent and may be called from another thread
 * while a read is blocked (a client disconnect); the blocked read then returns -1.
 */
public final class OpenAiSseBody extends EventStream {

    private static final String DONE_DATA = "[DONE]";
    /** What may follow GigaChat's {@code [DONE]} and still be read to free its connection for reuse. */
    private static final int TAIL_LIMIT = 16 * 1024;

    private final SseEventReader upstream;
    private final ChatStreamTranslator translator;
    private final LongSupplier nanoClock;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong upstreamEvents = new AtomicLong();
    private final AtomicLong eventsSent = new AtomicLong();
    private String firstEvent;
    private volatile boolean done;
    private volatile boolean closedEarly;
    /** GigaChat's answer is over ({@code [DONE]}, the end of the body, or its finish reason): keep its connection. */
    private volatile boolean upstreamComplete;

    /**
     * @param upstream   the upstream events (closed by {@link #close()} and at the end)
     * @param translator this stream's translator
     * @param firstEvent an upstream event's data already read by the caller, or null
     * @param limits     the stream's limits; the total timeout counts from now
     */
    public OpenAiSseBody(SseEventReader upstream, ChatStreamTranslator translator, String firstEvent,
                         StreamLimits limits) {
        this(upstream, translator, firstEvent, limits, System::nanoTime, System.nanoTime());
    }

    OpenAiSseBody(SseEventReader upstream, ChatStreamTranslator translator, String firstEvent,
                  StreamLimits limits, LongSupplier nanoClock, long startNanos) {
        this.upstream = upstream;
        this.translator = translator;
        this.firstEvent = firstEvent;
        this.nanoClock = nanoClock;
        this.hasDeadline = limits != null && limits.hasTotalTimeout();
        this.deadlineNanos = hasDeadline ? startNanos + limits.totalTimeout().toNanos() : 0;
    }

    /**
     * Reads the first upstream event now, so that a stream that fails before it becomes a normal
     * HTTP error, and returns the body for the rest.
     *
     * @throws GatewayException 502 {@code server_error}/{@code upstream_stream_error} when the
     *                          upstream ends, fails or sends something that is not a chunk before its
     *                          first event; GigaChat's own error object mapped by {@link GigaChatErrors}
     */
    public static OpenAiSseBody open(InputStream upstream, StreamContext ctx, StreamLimits limits) {
        return open(upstream, ctx, limits, System::nanoTime);
    }

    static OpenAiSseBody open(InputStream upstream, StreamContext ctx, StreamLimits limits, LongSupplier nanoClock) {
        long start = nanoClock.getAsLong();
        SseEventReader reader = new SseEventReader(upstream);
        try {
            String first = firstDataEvent(reader);
            Upstream parsed = parse(first);
            if (parsed.error() != null) {
                throw parsed.error();
            }
            return new OpenAiSseBody(reader, new ChatStreamTranslator(ctx), first, limits, nanoClock, start);
        } catch (GatewayException e) {
            closeQuietly(reader);
            throw e;
        } catch (SocketTimeoutException e) {
            closeQuietly(reader);
            throw beforeFirstEvent("GigaChat sent nothing before the read timeout.", e);
        } catch (IOException e) {
            closeQuietly(reader);
            throw beforeFirstEvent("The connection to GigaChat failed before the stream started.", e);
        } catch (RuntimeException e) {
            closeQuietly(reader);
            throw beforeFirstEvent("GigaChat's stream could not be read.", e);
        }
    }

    private static String firstDataEvent(SseEventReader reader) throws IOException {
        while (true) {
            String data = reader.next();
            if (data == null || data.strip().equals(DONE_DATA)) {
                throw beforeFirstEvent("GigaChat ended the stream before sending anything.", null);
            }
            if (!data.isBlank()) {
                return data;
            }
        }
    }

    private static GatewayException beforeFirstEvent(String message, Throwable cause) {
        return new GatewayException(502, ErrorCategory.SERVER, "upstream_stream_error", null, message, cause);
    }

    /** Upstream events read so far (including the first one read by {@link #open}). */
    public long upstreamEvents() {
        return upstreamEvents.get() + (firstEvent != null ? 1 : 0);
    }

    /** OpenAI events written so far, including {@code [DONE]} or the error event. */
    public long eventsSent() {
        return eventsSent.get();
    }

    /** Whether the stream reached its end (the last event, or the error event) rather than being cut off. */
    public boolean finished() {
        return done && !closedEarly;
    }

    /** GigaChat's token usage, when the stream carried it (on its last chunk); null otherwise. */
    public GigaChatChatResponse.Usage usage() {
        return translator.lastUsage();
    }

    /**
     * Translates upstream events until there is something to send, and goes on while the next upstream
     * event is already buffered (or the end needs none): events that arrived together leave in one write
     * and one flush, and an event is never held back waiting for upstream. Sets {@link #done} at the end.
     */
    private byte[] nextEvents() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        while (true) {
            batch.writeBytes(nextTranslated(batch.size() > 0));
            if (ended() || (batch.size() > 0 && translator.needsMoreUpstream() && !upstream.hasBufferedEvent())) {
                return batch.toByteArray();
            }
        }
    }

    /**
     * Translates upstream events until there is something to send; sets {@link #done} at the end.
     *
     * @param holding whether translated events are waiting to be sent: then upstream is read only while
     *        it has an event buffered, and nothing (an empty array) comes back rather than waiting
     */
    private byte[] nextTranslated(boolean holding) {
        while (true) {
            if (closed.get()) {
                return finishClosed();
            }
            if (!translator.needsMoreUpstream()) {
                return end(translator.onEnd());
            }
            if (hasDeadline && nanoClock.getAsLong() - deadlineNanos >= 0) {
                return fail(new GatewayException(504, ErrorCategory.SERVER, "upstream_timeout", null,
                        "GigaChat's stream took longer than the gateway allows and was ended."));
            }
            String data;
            if (firstEvent != null) {
                data = firstEvent;
                firstEvent = null;
                upstreamEvents.incrementAndGet();
            } else {
                if (holding && !upstream.hasBufferedEvent()) {
                    return new byte[0];
                }
                try {
                    data = upstream.next();
                } catch (IOException | RuntimeException e) {
                    if (closed.get()) {
                        return finishClosed();
                    }
                    return fail(e instanceof SocketTimeoutException
                            ? new GatewayException(504, ErrorCategory.SERVER, "upstream_idle_timeout", null,
                                    "GigaChat went idle for longer than the gateway allows; the stream was ended.", e)
                            : new GatewayException(502, ErrorCategory.SERVER, "upstream_stream_error", null,
                                    "The connection to GigaChat failed during the stream.", e));
                }
                if (closed.get()) {
                    return finishClosed();
                }
                if (data != null) {
                    upstreamEvents.incrementAndGet();
                }
            }
            if (data == null || data.strip().equals(DONE_DATA)) {
                upstreamComplete = true;
                return end(translator.onEnd());
            }
            if (data.isBlank()) {
                continue;
            }
            Upstream parsed = parse(data);
            if (parsed.error() != null) {
                return fail(parsed.error());
            }
            List<TranslatedChunk> chunks;
            try {
                chunks = translator.onChunk(parsed.chunk());
            } catch (RuntimeException e) {
                return fail(malformed());
            }
            if (!chunks.isEmpty()) {
                return events(chunks, false);
            }
        }
    }

    /**
     * The last events. An upstream that has sent (or is just sending) the end of its answer, its finish
     * reason having arrived, is released by {@link #close()} once the exchange is done, so reading the
     * bytes behind it never holds up the client's last event; one cut short by a stop sequence, whose
     * generation may go on, is closed now.
     */
    private byte[] end(List<TranslatedChunk> last) {
        done = true;
        upstreamComplete |= translator.finishedByUpstream();
        byte[] bytes = events(last, true);
        if (!upstreamComplete) {
            closeUpstream();
        }
        return bytes;
    }

    private byte[] fail(GatewayException error) {
        done = true;
        closeUpstream();
        eventsSent.incrementAndGet();
        return jsonEvent(OpenAiErrors.INSTANCE.body(error));
    }

    private byte[] finishClosed() {
        closedEarly = true;
        done = true;
        return new byte[0];
    }

    private byte[] events(List<TranslatedChunk> chunks, boolean withDone) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * chunks.size() + 16);
        for (TranslatedChunk chunk : chunks) {
            writeEvent(out, chunk.jsonBytes());
        }
        eventsSent.addAndGet(chunks.size());
        if (withDone) {
            out.writeBytes(DONE);
            eventsSent.incrementAndGet();
        }
        return out.toByteArray();
    }

    /** An upstream event: a chunk, or the error it amounts to. */
    private record Upstream(GigaChatChatChunk chunk, GatewayException error) {
    }

    /**
     * A chat chunk binds in one pass; anything else (no choices: perhaps GigaChat's error object, or not
     * a chunk at all) is read again as a tree to tell which.
     */
    private static Upstream parse(String data) {
        try {
            GigaChatChatChunk chunk = WireJson.mapper().readValue(data, GigaChatChatChunk.class);
            if (chunk != null && chunk.choices() != null) {
                return new Upstream(chunk, null);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // read again below, as a tree, to tell what it is
        }
        JsonNode tree;
        try {
            tree = WireJson.mapper().readTree(data);
        } catch (JsonProcessingException e) {
            return new Upstream(null, malformed());
        }
        if (tree == null || !tree.isObject()) {
            return new Upstream(null, malformed());
        }
        if (!tree.has("choices") && tree.has("message") && (tree.has("status") || tree.has("code"))) {
            int status = tree.path("status").canConvertToInt() ? tree.path("status").asInt() : 500;
            byte[] body = data.getBytes(StandardCharsets.UTF_8);
            return new Upstream(null, GigaChatErrors.fromResponse(status, body, GigaChatErrors.CHAT));
        }
        try {
            return new Upstream(WireJson.mapper().treeToValue(tree, GigaChatChatChunk.class), null);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Upstream(null, malformed());
        }
    }

    private static GatewayException malformed() {
        return new GatewayException(502, ErrorCategory.SERVER, "upstream_stream_error", null,
                "GigaChat sent a stream event that is not a valid chat chunk.");
    }

    /**
     * Closes the upstream; idempotent and safe from any thread. After GigaChat's whole answer the rest of
     * its body is read first, so the connection goes back to the pool instead of being dropped (a new
     * connection, and a TLS handshake, for every stream); before that, the connection is aborted.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (upstreamComplete) {
                try {
                    upstream.finish(TAIL_LIMIT);
                } catch (IOException | RuntimeException ignored) {
                    // the connection is dropped instead of reused; the answer was complete
                }
            } else {
                closeQuietly(upstream);
            }
        }
    }

    private void closeUpstream() {
        close();
    }

    private static void closeQuietly(SseEventReader reader) {
        try {
            reader.close();
        } catch (IOException | RuntimeException ignored) {
            // the upstream is being abandoned; nothing useful to do with a failure to close it
        }
    }

    @Override
    protected boolean ended() {
        return done || closed.get();
    }

    @Override
    protected byte[] nextBytes() throws IOException {
        return nextEvents();
    }
}
