package io.gigagate.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.openai.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code n > 1} while streaming: GigaChat streams one answer per call, so the gateway runs n streams
 * and interleaves their chunks as they arrive, each marked with its choice index (0..n-1) under one
 * completion id. Every choice ends with its own finish chunk; the usage of all calls is summed into one
 * extra chunk (when the client asked for usage), then {@code [DONE]}. An error in any choice is passed
 * on and ends the whole stream.
 */
public final class InterleavedSseBody extends EventStream {

    private static final byte[] END = new byte[0];

    private final List<? extends InputStream> choices;
    private final boolean includeUsage;
    private final ObjectNode usageChunk;
    private final BlockingQueue<byte[]> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Every choice's first chunk goes out before any other, so no client sees a choice end before all began. */
    private final java.util.concurrent.CountDownLatch started;
    private final long[] usage = new long[4]; // prompt, completion, total, cached
    private int running;
    private boolean failed;
    private boolean finished;

    /**
     * @param choices the translated stream of each choice, in index order, each opened with usage on
     * @param includeUsage whether the client asked for the usage chunk
     * @param id, created, model what the usage chunk says, as the choices' chunks do
     */
    public InterleavedSseBody(List<? extends InputStream> choices, boolean includeUsage, String id, long created,
            String model, Executor executor) {
        this.choices = List.copyOf(choices);
        this.includeUsage = includeUsage;
        this.usageChunk = WireJson.mapper().createObjectNode();
        usageChunk.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        usageChunk.putArray("choices");
        this.running = choices.size();
        this.started = new java.util.concurrent.CountDownLatch(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            int index = i;
            executor.execute(() -> pump(index));
        }
    }

    /** Reads one choice's events and queues them, re-indexed; a sentinel marks its end. */
    private void pump(int index) {
        boolean first = true;
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try (InputStream in = choices.get(index)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                for (int end; (end = text.indexOf("\n\n")) >= 0; ) {
                    String event = text.substring(0, end);
                    text.delete(0, end + 2);
                    if (!forward(index, event)) {
                        return;
                    }
                    if (first) {
                        // clients such as openai-java's accumulator take a stream as done once every
                        // choice they have seen has finished: let all choices begin first
                        first = false;
                        started.countDown();
                        started.await();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                events.add(("data: {\"error\":{\"message\":\"A choice's stream failed.\",\"type\":\"server_error\","
                        + "\"param\":null,\"code\":\"upstream_stream_error\"}}\n\n").getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            if (first) {
                started.countDown(); // a choice that ended before its first chunk must not hold the others
            }
            events.add(END);
        }
    }

    /** @return false when this choice is over (its [DONE] or an error) */
    private boolean forward(int index, String event) throws IOException {
        if (!event.startsWith("data: ")) {
            return true;
        }
        String data = event.substring(6);
        if (data.equals("[DONE]")) {
            return false;
        }
        JsonNode chunk = WireJson.mapper().readTree(data);
        if (chunk.has("error")) {
            events.add((event + "\n\n").getBytes(StandardCharsets.UTF_8));
            return false;
        }
        JsonNode choiceList = chunk.get("choices");
        if (choiceList instanceof ArrayNode array && array.isEmpty()) {
            addUsage(chunk.get("usage"));
            return true;
        }
        for (JsonNode choice : choiceList) {
            ((ObjectNode) choice).put("index", index);
        }
        events.add(jsonEvent(chunk));
        return true;
    }

    private synchronized void addUsage(JsonNode u) {
        if (u == null) {
            return;
        }
        usage[0] += u.path("prompt_tokens").asLong();
        usage[1] += u.path("completion_tokens").asLong();
        usage[2] += u.path("total_tokens").asLong();
        usage[3] += u.path("prompt_tokens_details").path("cached_tokens").asLong();
    }



    /** The next bytes to send: a choice's event, then the usage chunk and [DONE] once all have ended. */
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
            if (new String(event, 0, Math.min(event.length, 16), StandardCharsets.UTF_8).startsWith("data: {\"error\"")) {
                failed = true;
                finished = true;
                close();
                return event;
            }
            return event;
        }
        finished = true;
        if (failed) {
            return new byte[0];
        }
        if (!includeUsage) {
            return DONE;
        }
        ObjectNode u = usageChunk.putObject("usage");
        synchronized (this) {
            u.put("prompt_tokens", usage[0]).put("completion_tokens", usage[1]).put("total_tokens", usage[2]);
            u.putObject("prompt_tokens_details").put("cached_tokens", usage[3]);
            u.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        }
        byte[] chunk = jsonEvent(usageChunk);
        byte[] both = new byte[chunk.length + DONE.length];
        System.arraycopy(chunk, 0, both, 0, chunk.length);
        System.arraycopy(DONE, 0, both, chunk.length, DONE.length);
        return both;
    }

    /** Closes every choice's stream (and so its upstream); idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (InputStream choice : choices) {
                try {
                    choice.close();
                } catch (IOException | RuntimeException ignored) {
                    // being abandoned
                }
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
