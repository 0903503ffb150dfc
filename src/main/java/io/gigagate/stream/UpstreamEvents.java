package io.gigagate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.ChatV2Contract;
import io.gigagate.gigachat.GigaChatChatChunk;
import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.gigachat.GigaChatErrors;
import io.gigagate.gigachat.GigaChatOperation;
import io.gigagate.wire.WireJson;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * GigaChat's live SSE answer as batches of neutral {@link StreamEvent}s, for any front: the connection side
 * of a stream, kept apart from any wire format.
 *
 * <ul>
 *   <li>Reads upstream events ({@link SseEventReader}) and parses GigaChat's chunks, telling its error
 *       objects apart; decodes them with a {@link GigaChatStreamDecoder}.</li>
 *   <li>{@link #open} reads the first upstream event, so a failure before it is thrown as a
 *       {@link GatewayException} and becomes a normal HTTP error.</li>
 *   <li>A failure after that (I/O error, idle timeout = the socket's read timeout, the total timeout,
 *       malformed JSON, a GigaChat error object) is one last {@link StreamEvent.Error}.</li>
 *   <li>Connections: after GigaChat's whole answer, {@link #close()} reads the tail behind its
 *       {@code [DONE]} so the pooled connection is kept; a stream cut short (a stop sequence, a failure, a
 *       client that went away) is aborted.</li>
 *   <li>{@link #close()} is idempotent and may be called from another thread while {@link #next} is
 *       blocked (a client disconnect); the blocked call then returns nothing and the stream has ended.</li>
 * </ul>
 *
 * <p>Apart from {@link #close()} and the counters, one thread at a time.
 */
public final class UpstreamEvents implements AutoCloseable {

    private static final String DONE_DATA = "[DONE]";
    /** What may follow GigaChat's {@code [DONE]} and still be read to free its connection for reuse. */
    private static final int TAIL_LIMIT = 16 * 1024;

    private final SseEventReader upstream;
    private final GigaChatStreamDecoder decoder;
    private final LongSupplier nanoClock;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong upstreamEvents = new AtomicLong();
    private String firstEvent;
    /** GigaChat's v2 contract, once its first event shows it is v2 (named events, no {@code [DONE]}). */
    private ChatV2Contract.Stream v2;
    /** GigaChat's storage thread id, once an event has carried it (v2 with {@code storage}). */
    private volatile String threadId;
    private volatile boolean done;
    private volatile boolean completed;
    private volatile boolean closedEarly;
    /** GigaChat's answer is over ({@code [DONE]}, the end of the body, or its finish reason): keep its connection. */
    private volatile boolean upstreamComplete;

    private UpstreamEvents(SseEventReader upstream, GigaChatStreamDecoder decoder, String firstEvent,
                           StreamLimits limits, LongSupplier nanoClock, long startNanos) {
        this.upstream = upstream;
        this.decoder = decoder;
        this.firstEvent = firstEvent;
        this.nanoClock = nanoClock;
        this.hasDeadline = limits != null && limits.hasTotalTimeout();
        this.deadlineNanos = hasDeadline ? startNanos + limits.totalTimeout().toNanos() : 0;
    }

    /**
     * Reads the first upstream event now, so that a stream that fails before it becomes a normal HTTP
     * error, and returns the stream for the rest. The total timeout counts from now.
     *
     * @param upstream  GigaChat's SSE body (closed by {@link #close()} and at the end)
     * @param ctx       the stream's context (for the decoder: completion id, stop sequences, functions)
     * @param wantUsage whether the front writes usage ({@link StreamEncoder#wantsUsage()})
     * @throws GatewayException 502 {@code upstream_stream_error} when the upstream ends, fails or sends
     *                          something that is not a chunk before its first event; GigaChat's own error
     *                          object mapped by {@link GigaChatErrors}
     */
    public static UpstreamEvents open(InputStream upstream, StreamContext ctx, boolean wantUsage, StreamLimits limits) {
        return open(upstream, ctx, wantUsage, limits, System::nanoTime);
    }

    static UpstreamEvents open(InputStream upstream, StreamContext ctx, boolean wantUsage, StreamLimits limits,
                               LongSupplier nanoClock) {
        long start = nanoClock.getAsLong();
        SseEventReader reader = new SseEventReader(upstream);
        try {
            String first = firstDataEvent(reader);
            Upstream parsed = parse(first);
            if (parsed.error() != null) {
                throw parsed.error();
            }
            return new UpstreamEvents(reader, new GigaChatStreamDecoder(ctx, wantUsage), first, limits, nanoClock,
                    start);
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

    /** Whether the stream has ended: its last events or its error were returned, or it was closed. */
    public boolean ended() {
        return done || closed.get();
    }

    /** Whether the answer ended normally (its last events were returned), so the front's ending follows. */
    public boolean completed() {
        return completed;
    }

    /** Whether the stream reached its end (the last events, or the error) rather than being cut off. */
    public boolean finished() {
        return done && !closedEarly;
    }

    /**
     * GigaChat's storage thread id (v2's {@code thread_id}), once an event read so far has carried it; null
     * otherwise. Read before the events of that upstream event are handed on, so it is there when they are.
     */
    public String threadId() {
        return threadId;
    }

    /** GigaChat's token usage, when the stream carried it (on its last chunk); null otherwise. */
    public GigaChatChatResponse.Usage usage() {
        return decoder.lastUsage();
    }

    /**
     * Whether events already returned should leave now rather than wait for the next ones: more upstream
     * events can still change the output and none is buffered, so the next would mean waiting.
     */
    public boolean wouldWait() {
        return decoder.needsMoreUpstream() && !upstream.hasBufferedEvent();
    }

    /**
     * Decodes upstream events until some neutral events come out; at the end, returns the last ones and
     * {@link #ended()} is true ({@link #completed()} too, unless it is an {@link StreamEvent.Error} or a
     * close from another thread: then the list is that one error, or empty).
     *
     * @param holding whether events already returned are waiting to be sent: then upstream is read only while
     *                it has an event buffered, and nothing (an empty list) comes back rather than waiting
     */
    public List<StreamEvent> next(boolean holding) {
        while (true) {
            if (closed.get()) {
                return finishClosed();
            }
            if (!decoder.needsMoreUpstream()) {
                return end(decoder.onEnd());
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
                    return List.of();
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
                GigaChatChatChunk held = v2 == null ? null : v2.end();
                if (held == null) {
                    return end(decoder.onEnd());
                }
                List<StreamEvent> last = new ArrayList<>(decoder.onChunk(held));
                last.addAll(decoder.onEnd());
                return end(last);
            }
            if (data.isBlank()) {
                continue;
            }
            Upstream parsed = parse(data);
            if (parsed.error() != null) {
                return fail(parsed.error());
            }
            List<StreamEvent> events;
            try {
                GigaChatChatChunk chunk = parsed.chunk();
                if (parsed.v2() != null) {
                    String thread = ChatV2Contract.threadId(parsed.v2());
                    threadId = thread != null ? thread : threadId;
                    v2 = v2 == null ? V2.stream() : v2;
                    chunk = v2.next(parsed.v2());
                    if (chunk == null) {
                        continue;
                    }
                }
                events = decoder.onChunk(chunk);
            } catch (GatewayException e) {
                return fail(e); // a drawn image that could not be fetched
            } catch (RuntimeException e) {
                return fail(malformed());
            }
            if (!events.isEmpty()) {
                return events;
            }
        }
    }

    /**
     * The last events. An upstream that has sent (or is just sending) the end of its answer, its finish
     * reason having arrived, is released by {@link #close()} once the exchange is done, so reading the
     * bytes behind it never holds up the client's last event; one cut short by a stop sequence, whose
     * generation may go on, is closed now.
     */
    private List<StreamEvent> end(List<StreamEvent> last) {
        done = true;
        completed = true;
        upstreamComplete |= decoder.finishedByUpstream();
        if (!upstreamComplete) {
            close();
        }
        return last;
    }

    private List<StreamEvent> fail(GatewayException error) {
        done = true;
        close();
        return List.of(new StreamEvent.Error(error));
    }

    private List<StreamEvent> finishClosed() {
        closedEarly = true;
        done = true;
        return List.of();
    }

    /** An upstream event: a chunk, a v2 event (translated in order by {@link #v2}), or the error it amounts to. */
    private record Upstream(GigaChatChatChunk chunk, GatewayException error, JsonNode v2) {

        Upstream(GigaChatChatChunk chunk, GatewayException error) {
            this(chunk, error, null);
        }
    }

    private static final ChatV2Contract V2 = new ChatV2Contract(WireJson.mapper());

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
            return new Upstream(null, GigaChatErrors.fromResponse(status, body, GigaChatOperation.CHAT));
        }
        if (ChatV2Contract.isV2Event(tree)) {
            return new Upstream(null, null, tree);
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

    private static void closeQuietly(SseEventReader reader) {
        try {
            reader.close();
        } catch (IOException | RuntimeException ignored) {
            // the upstream is being abandoned; nothing useful to do with a failure to close it
        }
    }
}
