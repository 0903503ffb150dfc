package io.gigagate.stream;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.IOException;

/**
 * {@code n > 1} while streaming: GigaChat streams one answer per call, so the gateway runs n streams
 * and interleaves their chunks as they arrive, each marked with its choice index (0..n-1) under one
 * completion id. Each choice's neutral events ({@link UpstreamEvents}) are written by its own
 * {@link ChatChunkEncoder} with the choice's index on a reader thread; nothing is parsed again. Every
 * choice ends with its own finish chunk; the usage of all calls is summed into one extra chunk (when the
 * client asked for usage), then {@code [DONE]}. An error in any choice is passed on and ends the whole
 * stream.
 */
public final class InterleavedSseBody extends EventStream {

    private static final byte[] END = new byte[0];
    private static final byte[] ERROR_PREFIX = "data: {\"error\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] READ_FAILED = ("data: {\"error\":{\"message\":\"A choice's stream failed.\","
            + "\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_stream_error\"}}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private final List<UpstreamEvents> choices;
    private final StreamContext context;
    private final BlockingQueue<byte[]> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Every choice's first chunk goes out before any other, so no client sees a choice end before all began. */
    private final CountDownLatch started;
    private final long[] usage = new long[4]; // prompt, completion, total, cached
    private int running;
    private boolean failed;
    private boolean finished;

    /**
     * @param choices each choice's upstream, in index order, each opened with usage wanted (so the sum can be
     *                sent)
     * @param context the stream's context as the client asked (include_usage, requested model, id, created)
     * @param executor runs one reader per choice; a bounded pool may refuse
     * @throws GatewayException 503 {@code stream_readers_exhausted} when the executor refuses a reader: every
     *                          choice's upstream is closed first, so nothing is left open
     */
    public InterleavedSseBody(List<UpstreamEvents> choices, StreamContext context, Executor executor) {
        this.choices = List.copyOf(choices);
        this.context = context;
        this.running = choices.size();
        this.started = new CountDownLatch(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            int index = i;
            try {
                executor.execute(() -> pump(index));
            } catch (RejectedExecutionException e) {
                close(); // readers already running see the closed upstreams and end
                throw new GatewayException(503, ErrorCategory.SERVER, "stream_readers_exhausted", null,
                        "The gateway is reading as many n > 1 streams as it allows; retry shortly or ask for n = 1.", e)
                        .withHeaders(Map.of("Retry-After", "1"));
            }
        }
    }

    /**
     * Reads one choice's events, writes them with its index and queues the bytes: each upstream batch as one
     * piece, except the choice's first chunk, which goes alone; a sentinel marks the choice's end.
     */
    private void pump(int index) {
        boolean first = true;
        StreamEncoder encoder = ImageLinks.around(new ChatChunkEncoder(context, index, false)); // drawn images as links
        Writer out = new Writer();
        try (UpstreamEvents in = choices.get(index)) {
            while (!in.ended()) {
                List<StreamEvent> batch = in.next(false);
                for (int i = 0; i < batch.size(); i++) {
                    StreamEvent event = batch.get(i);
                    if (event instanceof StreamEvent.Usage u) {
                        addUsage(u);
                    } else if (event instanceof StreamEvent.Error error) {
                        encoder.error(error.error(), out);
                    } else {
                        encoder.encode(event, out);
                    }
                    if (first && out.size() > 0) {
                        // clients such as openai-java's accumulator take a stream as done once every
                        // choice they have seen has finished: let all choices begin first
                        first = false;
                        events.add(out.take());
                        started.countDown();
                        started.await();
                    }
                }
                if (out.size() > 0) {
                    events.add(out.take());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed.get()) {
                events.add(READ_FAILED);
            }
        } finally {
            if (first) {
                started.countDown(); // a choice that ended before its first chunk must not hold the others
            }
            events.add(END);
        }
    }

    private synchronized void addUsage(StreamEvent.Usage u) {
        usage[0] += u.promptTokens();
        usage[1] += u.completionTokens();
        usage[2] += u.totalTokens();
        usage[3] += u.cachedTokens();
    }

    /** The next bytes to send: a choice's events, then the usage chunk and [DONE] once all have ended. */
    private byte[] next() throws IOException {
        while (running > 0) {
            byte[] event;
            try {
                event = events.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while streaming", e);
            }
            if (event == END) {
                running--;
                continue;
            }
            if (isError(event)) {
                failed = true;
                finished = true;
                close();
            }
            return event;
        }
        finished = true;
        if (failed) {
            return new byte[0];
        }
        Writer out = new Writer();
        if (context.includeUsage()) {
            StreamEvent.Usage sum;
            synchronized (this) {
                sum = new StreamEvent.Usage((int) usage[0], (int) usage[1], (int) usage[2], (int) usage[3], 0);
            }
            String model = context.requestedModel() != null ? context.requestedModel() : "GigaChat";
            out.data(ChatChunkEncoder.usageChunk(context.completionId(), context.created(), model, sum));
        }
        out.done();
        return out.take();
    }

    /** A choice's error event: it is queued alone, as the last piece of its choice. */
    private static boolean isError(byte[] event) {
        if (event.length < ERROR_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < ERROR_PREFIX.length; i++) {
            if (event[i] != ERROR_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** Closes every choice's upstream; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (UpstreamEvents choice : choices) {
                choice.close();
            }
        }
    }

    @Override
    protected boolean ended() {
        return finished || closed.get();
    }

    @Override
    protected byte[] nextBytes() throws IOException {
        return next();
    }
}
