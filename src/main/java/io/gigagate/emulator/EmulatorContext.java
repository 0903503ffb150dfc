package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every resource handler of one emulator shares: the fault plan, the issued tokens (and so the bearer
 * check), the stored files, the recorder, the chat and stream counters; and, as static helpers, the wire
 * pieces (JSON mapper, answers with GigaChat's {@code Server} header, correlation headers, interruptible
 * sleeps). The {@link Dispatcher} applies the bearer check and the faults; handlers get this object at
 * construction and a {@link Call} per request.
 */
final class EmulatorContext {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_UTF8 = "application/json; charset=utf-8";

    final TokenStore tokens;
    final Faults faults;
    final FileStore files = new FileStore();
    final Recorder recorder;

    // ---- chat state, shared by every chat contract (v1 today) ----
    /** X-Session-ID -> prompt tokens of its previous call (precached_prompt_tokens). */
    final Map<String, Integer> sessions = new ConcurrentHashMap<>();
    /** v2 storage threads by {@code thread_id}: the model and the turns so far (v1-shaped). */
    final Map<String, StoredThread> threads = new ConcurrentHashMap<>();

    /** A v2 storage thread. */
    record StoredThread(String model, List<JsonNode> messages) {
    }
    /** Chat calls being answered (for {@link Faults#concurrencyLimit}). */
    final AtomicInteger activeChats = new AtomicInteger();
    /** The most {@link #activeChats} seen. */
    final AtomicInteger peakChats = new AtomicInteger();
    final AtomicInteger activeStreams = new AtomicInteger();
    final AtomicInteger streamsAbortedByClient = new AtomicInteger();
    volatile List<Long> lastStreamSentNanos = List.of();
    /** Set by close(): a stream cut from then on is not the client's doing. */
    volatile boolean closing;

    EmulatorContext(Duration tokenTtl, String staticToken, boolean requireBearer, int recordLimit) {
        this.tokens = new TokenStore(tokenTtl, staticToken, requireBearer);
        this.faults = new Faults(tokens::expireAll, threads::clear);
        this.recorder = new Recorder(recordLimit);
    }

    /** Thrown to make the JDK server cut the connection without finishing the response. */
    static final class AbortConnection extends IOException {
        AbortConnection(String msg) {
            super(msg, null);
        }
    }

    /** GigaChat's X-Request-Id / X-Session-Id (echoed, else fresh uuids) and X-Client-Id (echoed if sent). */
    static Map<String, String> correlationHeaders(RecordedRequest rr) {
        Map<String, String> h = new LinkedHashMap<>();
        String rid = rr.header("X-Request-ID");
        String sid = rr.header("X-Session-ID");
        String cid = rr.header("X-Client-ID");
        h.put("X-Request-Id", rid != null && !rid.isBlank() ? rid : UUID.randomUUID().toString());
        h.put("X-Session-Id", sid != null && !sid.isBlank() ? sid : UUID.randomUUID().toString());
        if (cid != null) {
            h.put("X-Client-Id", cid);
        }
        return h;
    }

    static void sendJson(HttpExchange ex, int status, JsonNode body, Map<String, String> headers,
                         String contentType) throws IOException {
        send(ex, status, JSON.writeValueAsBytes(body), headers, contentType);
    }

    static void send(HttpExchange ex, int status, byte[] body, Map<String, String> headers, String contentType)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Server", "SynGX");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** Sleeps; an interrupt (the emulator closing) cuts the connection. */
    static void sleep(long millis) throws IOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortConnection("interrupted (emulator closing)");
        }
    }
}
