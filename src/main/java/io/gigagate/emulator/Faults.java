package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runtime fault injection and scripted replies. All methods are thread-safe and may be called between
 * (or during) requests; every setter returns {@code this} for chaining. {@link #reset()} clears everything.
 *
 * <p>"Data calls" are all {@code /api/v1/*} requests except {@code /api/v1/token} (the resources the emulator
 * routes as data calls, unknown paths under {@code /api/v1} included); faults apply after the bearer check and
 * before the method check, so a request rejected with 401 does not consume a fault, and one with a wrong method
 * or an unknown path does.
 */
public final class Faults {

    /** A one-shot failure. pathSuffix null = any data call. */
    record Failure(String pathSuffix, int status, String body, Map<String, String> headers) {
    }

    record OauthFailure(int status, int code, String message) {
    }

    /** What the next stream should do wrong (values < 0 mean "nothing"). */
    record StreamPlan(int dropAfter, int stallAfter, Duration stallFor) {
        static final StreamPlan NONE = new StreamPlan(-1, -1, Duration.ZERO);
    }

    private final Runnable expireTokens;
    private final Runnable forgetThreads;

    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Deque<OauthFailure> oauthFailures = new ArrayDeque<>();
    private final Deque<ChatReply> chatReplies = new ArrayDeque<>();
    private int errorEveryN;
    private int errorEveryStatus;
    private long dataCalls;
    private int rateLimitRetryAfter = -1;
    private int dropStreamAfter = -1;
    private int stallStreamAfter = -1;
    private Duration stallFor = Duration.ZERO;
    private volatile int concurrencyLimit;
    private volatile Duration latency = Duration.ZERO;
    private volatile Function<JsonNode, ChatReply> responder;
    private volatile boolean builtInDetails = true;

    Faults(Runnable expireTokens) {
        this(expireTokens, () -> { });
    }

    Faults(Runnable expireTokens, Runnable forgetThreads) {
        this.expireTokens = expireTokens;
        this.forgetThreads = forgetThreads;
    }

    /** The next data call fails with this status, body (null = standard body) and extra headers. */
    public Faults failNext(int status, String jsonBody, Map<String, String> headers) {
        return failNext(null, status, jsonBody, headers);
    }

    /** The next data call fails with {@code {"status":N,"message":"<standard text>"}}. */
    public Faults failNext(int status) {
        return failNext(null, status, null, null);
    }

    /** The next data call whose path ends with pathSuffix (e.g. "/chat/completions") fails with status. */
    public Faults failNext(String pathSuffix, int status) {
        return failNext(pathSuffix, status, null, null);
    }

    /** Full form: path filter (null = any), status, body (null = standard) and extra headers (may be null). */
    public synchronized Faults failNext(String pathSuffix, int status, String jsonBody, Map<String, String> headers) {
        failures.addLast(new Failure(pathSuffix, status,
                jsonBody != null ? jsonBody : ApiError.body(status, ApiError.standardMessage(status)).toString(),
                headers == null ? Map.of() : Map.copyOf(headers)));
        return this;
    }

    /** Every n-th data call fails with status (n <= 0 disables). Counting restarts now. */
    public synchronized Faults errorEvery(int n, int status) {
        this.errorEveryN = n;
        this.errorEveryStatus = status;
        this.dataCalls = 0;
        return this;
    }

    /** The next data call gets 429 "Too many requests" with a Retry-After header. */
    public synchronized Faults rateLimitNext(int retryAfterSeconds) {
        this.rateLimitRetryAfter = Math.max(0, retryAfterSeconds);
        return this;
    }

    /** More than n concurrent chat calls get 429 (0 = unlimited; personal accounts allow 1). */
    public Faults concurrencyLimit(int n) {
        this.concurrencyLimit = Math.max(0, n);
        return this;
    }

    /** The next stream closes the TCP connection abruptly after that many data events (no [DONE]). */
    public synchronized Faults dropStreamAfter(int events) {
        this.dropStreamAfter = Math.max(0, events);
        return this;
    }

    /** The next stream pauses for {@code pause} after that many data events, then continues. */
    public synchronized Faults stallStreamAfter(int events, Duration pause) {
        this.stallStreamAfter = Math.max(0, events);
        this.stallFor = Objects.requireNonNull(pause);
        return this;
    }

    /** Delay before any response (all endpoints, OAuth included). */
    public Faults latency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
        return this;
    }

    /** Every token issued so far now counts as expired (tokens issued afterwards are fine). */
    public Faults expireAllTokens() {
        expireTokens.run();
        return this;
    }

    /**
     * Every v2 storage thread so far is forgotten, as GigaChat's storage may expire or drop one: a request that
     * continues one ({@code storage: {thread_id}}) then gets 404 {@code Thread not found} (the emulator's
     * assumption: GigaChat's answer for an unknown thread is not documented).
     */
    public Faults forgetThreads() {
        forgetThreads.run();
        return this;
    }

    /** The next OAuth call fails with {@code {"code":code,"message":message}} and this status. */
    public synchronized Faults oauthFailNext(int status, int code, String message) {
        oauthFailures.addLast(new OauthFailure(status, code, message));
        return this;
    }

    /** Scripted reply for the next chat completion (queued; consumed in order before the default). */
    public synchronized Faults enqueueChat(ChatReply reply) {
        chatReplies.addLast(Objects.requireNonNull(reply));
        return this;
    }

    /** Computes chat replies from the request JSON when no scripted reply is queued; returning null
     *  falls back to the default behaviour. null removes the responder. */
    public Faults responder(Function<JsonNode, ChatReply> responder) {
        this.responder = responder;
        return this;
    }

    /**
     * Whether v2 answers carry the emulator's assumed detail parts of the code interpreter and URL content
     * extraction ({@code {code_interpreter: {code, output}}}, {@code {url_content_extraction: {url, title}}}); off,
     * they carry only what recorded traffic shows: the {@code tool_execution} state and the answer's text. On
     * by default; {@link #reset} turns it back on.
     */
    public Faults builtInDetails(boolean on) {
        this.builtInDetails = on;
        return this;
    }

    /** Clears every fault, scripted reply and the responder. Does not touch issued tokens or files. */
    public synchronized Faults reset() {
        failures.clear();
        oauthFailures.clear();
        chatReplies.clear();
        errorEveryN = 0;
        errorEveryStatus = 0;
        dataCalls = 0;
        rateLimitRetryAfter = -1;
        dropStreamAfter = -1;
        stallStreamAfter = -1;
        stallFor = Duration.ZERO;
        concurrencyLimit = 0;
        latency = Duration.ZERO;
        responder = null;
        builtInDetails = true;
        return this;
    }

    // ---- internal ----

    /** Counts a data call and returns the failure to send for it, if any. */
    synchronized Failure nextFailure(String path) {
        dataCalls++;
        if (rateLimitRetryAfter >= 0) {
            int ra = rateLimitRetryAfter;
            rateLimitRetryAfter = -1;
            return new Failure(null, 429, ApiError.body(429, "Too many requests").toString(),
                    Map.of("Retry-After", Integer.toString(ra)));
        }
        for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
            Failure f = it.next();
            if (f.pathSuffix() == null || path.endsWith(f.pathSuffix())) {
                it.remove();
                return f;
            }
        }
        if (errorEveryN > 0 && dataCalls % errorEveryN == 0) {
            return new Failure(null, errorEveryStatus,
                    ApiError.body(errorEveryStatus, ApiError.standardMessage(errorEveryStatus)).toString(), Map.of());
        }
        return null;
    }

    synchronized OauthFailure nextOauthFailure() {
        return oauthFailures.pollFirst();
    }

    synchronized ChatReply nextScriptedReply() {
        return chatReplies.pollFirst();
    }

    Function<JsonNode, ChatReply> responder() {
        return responder;
    }

    boolean builtInDetails() {
        return builtInDetails;
    }

    int concurrencyLimitValue() {
        return concurrencyLimit;
    }

    Duration latencyValue() {
        return latency;
    }

    synchronized StreamPlan takeStreamPlan() {
        if (dropStreamAfter < 0 && stallStreamAfter < 0) {
            return StreamPlan.NONE;
        }
        StreamPlan p = new StreamPlan(dropStreamAfter, stallStreamAfter, stallFor);
        dropStreamAfter = -1;
        stallStreamAfter = -1;
        stallFor = Duration.ZERO;
        return p;
    }
}
