package io.gigagate.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An in-process fake of the GigaChat REST API (OAuth host and {@code /api/v1}) on the JDK's HttpServer.
 *
 * <pre>{@code
 * try (GigaChatEmulator gc = GigaChatEmulator.builder().build().start()) {
 *     String base = gc.baseUrl();   // http://127.0.0.1:PORT/api/v1
 *     String auth = gc.authUrl();   // http://127.0.0.1:PORT/api/v2/oauth
 *     gc.faults().failNext(503);
 *     ...
 *     gc.lastRequest("/chat/completions").json();
 * }
 * }</pre>
 *
 * Plain Java (no Spring, no Camel): it also runs from {@link #main(String[])}.
 */
public final class GigaChatEmulator implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String JSON_UTF8 = "application/json; charset=utf-8";
    static final Set<String> DEFAULT_SCOPES = Set.of("GIGACHAT_API_PERS", "GIGACHAT_API_B2B", "GIGACHAT_API_CORP");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern BASE64ISH = Pattern.compile("[A-Za-z0-9+/_\\-]+={0,2}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger THREAD_SEQ = new AtomicInteger();

    /** A stored file (uploaded or generated). */
    record StoredFile(String id, String filename, String purpose, String contentType, byte[] data,
                      long createdAt, String accessPolicy) {
        ObjectNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", id);
            n.put("object", "file");
            n.put("bytes", data.length);
            n.put("created_at", createdAt);
            n.put("filename", filename);
            n.put("purpose", purpose);
            n.put("access_policy", accessPolicy);
            return n;
        }
    }

    // ---- configuration ----
    private final String host;
    private final int requestedPort;
    private final SSLContext sslContext;
    private final boolean requireClientCertificate;
    final Duration tokenTtl;
    private final String authorizationKey;
    private final String scope;
    private final String user;
    private final String password;
    private final String staticToken;
    private final boolean requireBearer;
    volatile List<Long> lastStreamSentNanos = List.of();
    final Duration chunkDelay;
    final int streamChunks;
    final boolean stampChunks;
    private final int maxEmbeddingsBatch;
    private final boolean balanceForbidden;

    // ---- state ----
    private final Faults faults = new Faults(this::expireIssuedTokens);
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    final Map<String, StoredFile> files = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, Integer> sessions = new ConcurrentHashMap<>();
    private final java.util.ArrayDeque<RecordedRequest> recorded = new java.util.ArrayDeque<>();
    private final int recordLimit;
    private final AtomicInteger oauthCalls = new AtomicInteger();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final AtomicInteger chatCalls = new AtomicInteger();
    final AtomicInteger activeStreams = new AtomicInteger();
    final AtomicInteger streamsAbortedByClient = new AtomicInteger();
    final AtomicInteger activeChats = new AtomicInteger();
    private final ChatHandler chat = new ChatHandler(this);

    private HttpServer server;
    private ExecutorService executor;
    volatile boolean closing;

    private GigaChatEmulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.sslContext = b.sslContext;
        this.requireClientCertificate = b.requireClientCertificate;
        this.tokenTtl = b.tokenTtl;
        this.authorizationKey = b.authorizationKey;
        this.scope = b.scope;
        this.user = b.user;
        this.password = b.password;
        this.staticToken = b.staticToken;
        this.requireBearer = b.requireBearer;
        this.chunkDelay = b.chunkDelay;
        this.streamChunks = b.streamChunks;
        this.stampChunks = b.stampChunks;
        this.recordLimit = b.recordLimit;
        this.maxEmbeddingsBatch = b.maxEmbeddingsBatch;
        this.balanceForbidden = b.balanceForbidden;
    }

    public static Builder builder() {
        return new Builder();
    }

    // =====================================================================================
    // lifecycle
    // =====================================================================================

    /** Binds and starts the server; returns this. */
    public synchronized GigaChatEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // the JDK server closes every connection that goes idle while 200 others already are: after a
        // gateway's pool held 256 connections, each new client got one answer per connection
        for (String idle : List.of("sun.net.httpserver.maxIdleConnections", "jdk.httpserver.maxIdleConnections")) {
            if (System.getProperty(idle) == null) {
                System.setProperty(idle, "10000");
            }
        }
        try {
            InetSocketAddress addr = new InetSocketAddress(host, requestedPort);
            if (sslContext != null) {
                HttpsServer https = HttpsServer.create(addr, 128);
                https.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
                    @Override
                    public void configure(HttpsParameters params) {
                        SSLParameters p = getSSLContext().getDefaultSSLParameters();
                        if (requireClientCertificate) {
                            p.setNeedClientAuth(true);
                        }
                        params.setSSLParameters(p);
                    }
                });
                server = https;
            } else {
                server = HttpServer.create(addr, 128);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + host + ":" + requestedPort, e);
        }
        executor = newExecutor("gigachat-emulator-" + server.getAddress().getPort() + "-");
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    private static ExecutorService newExecutor(String threadPrefix) {
        try {
            Object ex = Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            return (ExecutorService) ex;
        } catch (ReflectiveOperationException | RuntimeException notJava21) {
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, threadPrefix + THREAD_SEQ.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            return Executors.newCachedThreadPool(tf);
        }
    }

    /** Stops the server at once (open streams are cut) and shuts down its threads. */
    @Override
    public synchronized void close() {
        closing = true;
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The bound port (valid after start()). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    private String origin() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (sslContext != null ? "https://" : "http://") + h + ":" + port();
    }

    /** e.g. {@code http://127.0.0.1:PORT/api/v1}. */
    public String baseUrl() {
        return origin() + "/api/v1";
    }

    /** e.g. {@code http://127.0.0.1:PORT/api/v2/oauth}. */
    public String authUrl() {
        return origin() + "/api/v2/oauth";
    }

    public Faults faults() {
        return faults;
    }

    // =====================================================================================
    // recorder and counters
    // =====================================================================================

    /** The requests received so far (the latest {@link Builder#recordLimit}), in arrival order (a snapshot). */
    public List<RecordedRequest> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    /** Requests whose path ends with pathSuffix, in arrival order. */
    public List<RecordedRequest> requests(String pathSuffix) {
        return requests().stream().filter(r -> r.path().endsWith(pathSuffix)).toList();
    }

    /** The last request whose path ends with pathSuffix, or null. */
    public RecordedRequest lastRequest(String pathSuffix) {
        List<RecordedRequest> l = requests(pathSuffix);
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }

    public void clearRequests() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    /** Calls to POST /api/v2/oauth (any outcome). */
    public int oauthCalls() {
        return oauthCalls.get();
    }

    /** Calls to /api/v1/token (user/password, any outcome). */
    public int tokenCalls() {
        return tokenCalls.get();
    }

    /** Calls to /api/v1/chat/completions (any outcome). */
    public int chatCalls() {
        return chatCalls.get();
    }

    /** Streams currently being written. */
    /**
     * When each data event of the most recent stream was flushed ({@link System#nanoTime()}), so a test
     * in the same JVM can compare it with when its client received the event. [DONE] is not included.
     */
    public List<Long> lastStreamSentNanos() {
        List<Long> sent = lastStreamSentNanos;
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public int activeStreams() {
        return activeStreams.get();
    }

    /** Streams where the client went away (a write failed) before [DONE]. */
    public int streamsAbortedByClient() {
        return streamsAbortedByClient.get();
    }

    /** Issues a valid access token directly, as if OAuth had been called. */
    public String issueToken() {
        return newToken();
    }

    // =====================================================================================
    // dispatch
    // =====================================================================================

    /** Thrown to make the JDK server cut the connection without finishing the response. */
    static final class AbortConnection extends IOException {
        AbortConnection(String msg) {
            super(msg, null);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        boolean abort = false;
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>(ex.getRequestHeaders());
            RecordedRequest rr = new RecordedRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), headers, body, Instant.now(), ex.getRemoteAddress().getPort());
            synchronized (recorded) {
                if (recordLimit > 0) {
                    if (recorded.size() >= recordLimit) {
                        recorded.removeFirst(); // a long-running emulator (demo, bench) keeps only the latest
                    }
                    recorded.add(rr);
                }
            }
            Duration latency = faults.latencyValue();
            if (!latency.isZero() && !latency.isNegative()) {
                sleep(latency.toMillis());
            }
            String path = rr.path();
            if (path.equals("/api/v2/oauth")) {
                oauthCalls.incrementAndGet();
                try {
                    handleOauth(ex, rr);
                } catch (ApiError e) {
                    sendJson(ex, e.status, e.body, e.headers, "application/json");
                }
            } else if (path.equals("/api/v1") || path.startsWith("/api/v1/")) {
                handleV1(ex, rr);
            } else {
                sendJson(ex, 404, ApiError.body(404, "Not found"), Map.of(), JSON_UTF8);
            }
        } catch (IOException e) {
            abort = true;
            throw e;
        } catch (RuntimeException e) {
            try {
                sendJson(ex, 500, ApiError.body(500, "Internal Server Error"), Map.of(), JSON_UTF8);
            } catch (IOException | RuntimeException ignored) {
                abort = true;
            }
        } finally {
            if (!abort) {
                ex.close();
            }
        }
    }

    private void handleV1(HttpExchange ex, RecordedRequest rr) throws IOException {
        String sub = rr.path().substring("/api/v1".length());
        Map<String, String> corr = correlationHeaders(rr);
        try {
            if (sub.equals("/token")) {
                tokenCalls.incrementAndGet();
                requireMethod(rr, "POST");
                handleUserPassword(ex, rr, corr);
                return;
            }
            boolean isChat = sub.equals("/chat/completions");
            if (isChat) {
                chatCalls.incrementAndGet();
            }
            checkBearer(rr);
            Faults.Failure f = faults.nextFailure(rr.path());
            if (f != null) {
                Map<String, String> h = new LinkedHashMap<>(corr);
                h.putAll(f.headers());
                send(ex, f.status(), f.body().getBytes(StandardCharsets.UTF_8), h, JSON_UTF8);
                return;
            }
            String[] seg = sub.isEmpty() ? new String[0] : sub.substring(1).split("/", -1);
            route(ex, rr, corr, sub, seg);
        } catch (ApiError e) {
            Map<String, String> h = new LinkedHashMap<>(corr);
            h.putAll(e.headers);
            sendJson(ex, e.status, e.body, h, JSON_UTF8);
        }
    }

    private void route(HttpExchange ex, RecordedRequest rr, Map<String, String> corr, String sub, String[] seg)
            throws IOException {
        if (sub.equals("/chat/completions")) {
            requireMethod(rr, "POST");
            chat.handle(ex, rr, corr);
        } else if (sub.equals("/models")) {
            requireMethod(rr, "GET");
            ArrayNode data = JSON.createArrayNode();
            Models.ALL.forEach((id, type) -> data.add(modelJson(id, type)));
            ObjectNode res = JSON.createObjectNode();
            res.put("object", "list");
            res.set("data", data);
            sendJson(ex, 200, res, corr, JSON_UTF8);
        } else if (seg.length == 2 && seg[0].equals("models") && !seg[1].isEmpty()) {
            requireMethod(rr, "GET");
            String type = Models.ALL.get(seg[1]);
            if (type == null) {
                throw ApiError.of(404, "No such model");
            }
            sendJson(ex, 200, modelJson(seg[1], type), corr, JSON_UTF8);
        } else if (sub.equals("/embeddings")) {
            requireMethod(rr, "POST");
            sendJson(ex, 200, embeddings(rr), corr, JSON_UTF8);
        } else if (sub.equals("/tokens/count")) {
            requireMethod(rr, "POST");
            sendJson(ex, 200, tokensCount(rr), corr, JSON_UTF8);
        } else if (sub.equals("/balance")) {
            requireMethod(rr, "GET");
            if (balanceForbidden) {
                throw ApiError.of(403, "Permission denied");
            }
            ObjectNode res = JSON.createObjectNode();
            ArrayNode bal = res.putArray("balance");
            bal.addObject().put("usage", "GigaChat").put("value", 100000);
            bal.addObject().put("usage", "embeddings").put("value", 500000);
            sendJson(ex, 200, res, corr, JSON_UTF8);
        } else if (sub.equals("/files")) {
            requireMethod(rr, "GET", "POST");
            if (rr.method().equals("POST")) {
                sendJson(ex, 200, upload(rr).toJson(), corr, JSON_UTF8);
            } else {
                ObjectNode res = JSON.createObjectNode();
                ArrayNode data = res.putArray("data");
                synchronized (files) {
                    files.values().forEach(f -> data.add(f.toJson()));
                }
                sendJson(ex, 200, res, corr, JSON_UTF8);
            }
        } else if (seg.length == 2 && seg[0].equals("files") && !seg[1].isEmpty()) {
            requireMethod(rr, "GET");
            sendJson(ex, 200, file(seg[1]).toJson(), corr, JSON_UTF8);
        } else if (seg.length == 3 && seg[0].equals("files") && seg[2].equals("content")) {
            requireMethod(rr, "GET");
            StoredFile f = file(seg[1]);
            send(ex, 200, f.data(), corr, f.contentType());
        } else if (seg.length == 3 && seg[0].equals("files") && seg[2].equals("delete")) {
            requireMethod(rr, "POST");
            StoredFile f = file(seg[1]);
            files.remove(f.id());
            ObjectNode res = JSON.createObjectNode();
            res.put("id", f.id());
            res.put("deleted", true);
            sendJson(ex, 200, res, corr, JSON_UTF8);
        } else {
            throw ApiError.of(404, "Not found");
        }
    }

    private static ObjectNode modelJson(String id, String type) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", id);
        m.put("object", "model");
        m.put("owned_by", "salutedevices");
        m.put("type", type);
        return m;
    }

    private static void requireMethod(RecordedRequest rr, String... allowed) {
        for (String m : allowed) {
            if (m.equals(rr.method())) {
                return;
            }
        }
        throw new ApiError(405, ApiError.body(405, "Method Not Allowed"), Map.of("Allow", String.join(", ", allowed)));
    }

    private static Map<String, String> correlationHeaders(RecordedRequest rr) {
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

    // =====================================================================================
    // authentication
    // =====================================================================================

    private void handleOauth(HttpExchange ex, RecordedRequest rr) throws IOException {
        requireMethod(rr, "POST");
        Faults.OauthFailure f = faults.nextOauthFailure();
        if (f != null) {
            throw ApiError.oauth(f.status(), f.code(), f.message());
        }
        String rqUid = rr.header("RqUID");
        if (rqUid == null || !UUID_PATTERN.matcher(rqUid.trim()).matches()) {
            // the real host answers 400 here; its body is undocumented
            throw ApiError.oauth(400, 400, "RqUID header is missing or is not a uuid4");
        }
        String auth = rr.header("Authorization");
        String key = auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6) ? auth.substring(6).trim() : "";
        if (key.isEmpty() || !BASE64ISH.matcher(key).matches()) {
            throw ApiError.oauth(401, 4, "Can't decode 'Authorization' header");
        }
        String requestedScope = parseForm(rr.bodyAsString()).get("scope");
        if (requestedScope == null || requestedScope.isBlank()) {
            throw ApiError.oauth(400, 5, "scope is empty");
        }
        if (authorizationKey != null && !authorizationKey.equals(key)) {
            throw ApiError.oauth(401, 6, "credentials doesn't match db data");
        }
        boolean scopeOk = scope != null ? scope.equals(requestedScope.trim())
                : DEFAULT_SCOPES.contains(requestedScope.trim());
        if (!scopeOk) {
            throw ApiError.oauth(400, 7, "scope from db not fully includes consumed scope");
        }
        long expiresAt = System.currentTimeMillis() + tokenTtl.toMillis();
        String token = newToken(expiresAt);
        ObjectNode res = JSON.createObjectNode();
        res.put("access_token", token);
        res.put("expires_at", expiresAt);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        h.put("Pragma", "no-cache");
        h.put("Expires", "0");
        sendJson(ex, 200, res, h, "application/json");
    }

    private void handleUserPassword(HttpExchange ex, RecordedRequest rr, Map<String, String> corr) throws IOException {
        String auth = rr.header("Authorization");
        String decoded = null;
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
        }
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon <= 0) {
            throw ApiError.of(401, "Unauthorized");
        }
        String u = decoded.substring(0, colon);
        String p = decoded.substring(colon + 1);
        if (user != null && !(user.equals(u) && Objects.equals(password, p))) {
            throw ApiError.of(401, "Unauthorized");
        }
        long expiresAt = System.currentTimeMillis() + tokenTtl.toMillis();
        ObjectNode res = JSON.createObjectNode();
        res.put("tok", newToken(expiresAt));
        res.put("exp", expiresAt);
        sendJson(ex, 200, res, corr, JSON_UTF8);
    }

    private void checkBearer(RecordedRequest rr) {
        String auth = rr.header("Authorization");
        if (auth == null || auth.isBlank()) {
            if (!requireBearer) {
                return;
            }
            throw ApiError.of(401, "Unauthorized");
        }
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.of(401, "Unauthorized");
        }
        String token = auth.substring(7).trim();
        if (staticToken != null && staticToken.equals(token)) {
            return;
        }
        Long exp = tokens.get(token);
        if (exp == null) {
            throw ApiError.of(401, "Unauthorized");
        }
        if (System.currentTimeMillis() >= exp) {
            throw ApiError.of(401, "Token has expired");
        }
    }

    private String newToken() {
        return newToken(System.currentTimeMillis() + tokenTtl.toMillis());
    }

    private String newToken(long expiresAt) {
        byte[] raw = new byte[48];
        RANDOM.nextBytes(raw);
        String token = "emu." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, expiresAt);
        return token;
    }

    private void expireIssuedTokens() {
        long past = System.currentTimeMillis() - 1;
        tokens.replaceAll((t, exp) -> Math.min(exp, past));
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                m.putIfAbsent(k, v);
            }
        }
        return m;
    }

    // =====================================================================================
    // embeddings, tokens/count
    // =====================================================================================

    static JsonNode parseJson(RecordedRequest rr) {
        try {
            JsonNode n = JSON.readTree(rr.body());
            if (n == null || n.isMissingNode()) {
                throw ApiError.of(400, "Your request contains invalid JSON syntax.");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw ApiError.of(400, "Your request contains invalid JSON syntax.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> stringArray(JsonNode root, String field) {
        JsonNode in = root.get(field);
        if (in == null || !in.isArray()) {
            throw ApiError.invalidParams(field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : in) {
            if (!s.isTextual()) {
                throw ApiError.invalidParams(field + " must be an array of strings");
            }
            out.add(s.asText());
        }
        return out;
    }

    static int tokensFor(String text) {
        int chars = text.codePointCount(0, text.length());
        return (chars + 3) / 4;
    }

    private ObjectNode embeddings(RecordedRequest rr) {
        JsonNode root = parseJson(rr);
        if (!root.isObject()) {
            throw ApiError.of(400, "Your request contains invalid JSON syntax.");
        }
        String model = root.path("model").asText("");
        if (!Models.isEmbedder(model)) {
            throw ApiError.of(404, "No such model");
        }
        List<String> input = stringArray(root, "input");
        if (input.size() > maxEmbeddingsBatch) {
            throw ApiError.of(413, "Payload too large");
        }
        int dim = Models.EMBEDDING_DIMS.get(model);
        ObjectNode res = JSON.createObjectNode();
        res.put("object", "list");
        res.put("model", model);
        ArrayNode data = res.putArray("data");
        for (int i = 0; i < input.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            ArrayNode vec = item.putArray("embedding");
            for (float v : embed(input.get(i), dim)) {
                vec.add(v);
            }
            item.putObject("usage").put("prompt_tokens", Math.max(1, tokensFor(input.get(i))));
        }
        return res;
    }

    /** A deterministic, L2-normalised vector seeded from the text's SHA-256. */
    static float[] embed(String text, int dim) {
        long seed;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (h[i] & 0xFF);
            }
        } catch (NoSuchAlgorithmException e) {
            seed = text.hashCode();
        }
        Random r = new Random(seed);
        double[] v = new double[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = r.nextGaussian();
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    private ArrayNode tokensCount(RecordedRequest rr) {
        JsonNode root = parseJson(rr);
        if (!root.isObject()) {
            throw ApiError.of(400, "Your request contains invalid JSON syntax.");
        }
        String model = root.path("model").asText("");
        if (!Models.ALL.containsKey(model)) {
            throw ApiError.of(404, "No such model");
        }
        ArrayNode res = JSON.createArrayNode();
        for (String s : stringArray(root, "input")) {
            ObjectNode o = res.addObject();
            o.put("object", "tokens");
            o.put("tokens", tokensFor(s));
            o.put("characters", s.codePointCount(0, s.length()));
        }
        return res;
    }

    // =====================================================================================
    // files
    // =====================================================================================

    StoredFile file(String id) {
        StoredFile f = files.get(id);
        if (f == null) {
            throw ApiError.of(404, "No such file");
        }
        return f;
    }

    StoredFile storeFile(String filename, String purpose, String contentType, byte[] data) {
        String id = UUID.randomUUID().toString();
        StoredFile f = new StoredFile(id, filename, purpose, contentType, data,
                System.currentTimeMillis() / 1000, "private");
        files.put(id, f);
        return f;
    }

    private StoredFile upload(RecordedRequest rr) {
        String boundary = Multipart.boundary(rr.header("Content-Type"));
        if (boundary == null) {
            throw ApiError.of(400, "Request must be multipart/form-data");
        }
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(rr.body(), boundary);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, "Malformed multipart body: " + e.getMessage());
        }
        Multipart.Part file = null;
        String purpose = "general";
        for (Multipart.Part p : parts) {
            if ("file".equals(p.name()) && file == null) {
                file = p;
            } else if ("purpose".equals(p.name())) {
                purpose = p.text().trim();
            }
        }
        if (file == null || file.filename() == null) {
            throw ApiError.of(400, "File part is missing");
        }
        String ct = file.contentType() != null ? file.contentType() : "application/octet-stream";
        return storeFile(file.filename(), purpose.isEmpty() ? "general" : purpose, ct, file.data());
    }

    // =====================================================================================
    // response helpers
    // =====================================================================================

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

    // =====================================================================================
    // main
    // =====================================================================================

    /**
     * Starts an emulator: {@code --port N} (default 9090), {@code --host H} (default 127.0.0.1),
     * {@code --chunk-delay-ms N}, {@code --stream-chunks N}, {@code --token-ttl-s N}, {@code --static-token T}
     * (a bearer token accepted as is, for a gateway started with {@code --gigachat.access-token=T}),
     * {@code --stamp-chunks} (see {@link Builder#stampChunks}), {@code --record-limit N} (default 1,000 here;
     * see {@link Builder#recordLimit}). Prints the URLs.
     */
    public static void main(String[] args) {
        Builder b = builder().port(9090).recordLimit(1000);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else if (i + 1 < args.length) {
                v = args[i + 1];
            }
            boolean inline = args[i].indexOf('=') > 0;
            switch (a) {
                case "--port" -> b.port(Integer.parseInt(Objects.requireNonNull(v, a)));
                case "--host" -> b.host(Objects.requireNonNull(v, a));
                case "--chunk-delay-ms" -> b.chunkDelay(Duration.ofMillis(Long.parseLong(Objects.requireNonNull(v, a))));
                case "--stream-chunks" -> b.streamChunks(Integer.parseInt(Objects.requireNonNull(v, a)));
                case "--token-ttl-s" -> b.tokenTtl(Duration.ofSeconds(Long.parseLong(Objects.requireNonNull(v, a))));
                case "--static-token" -> b.staticToken(Objects.requireNonNull(v, a));
                case "--record-limit" -> b.recordLimit(Integer.parseInt(Objects.requireNonNull(v, a)));
                case "--stamp-chunks" -> {
                    b.stampChunks(true);
                    inline = true; // a flag: it takes no value
                }
                case "--help", "-h" -> {
                    System.out.println("usage: GigaChatEmulator [--port N] [--host H] [--chunk-delay-ms N] "
                            + "[--stream-chunks N] [--token-ttl-s N] [--static-token T] [--stamp-chunks] [--record-limit N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
            if (!inline) {
                i++;
            }
        }
        GigaChatEmulator emu = b.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(emu::close, "gigachat-emulator-shutdown"));
        System.out.println("GigaChat emulator base URL: " + emu.baseUrl());
        System.out.println("GigaChat emulator auth URL: " + emu.authUrl());
        System.out.flush();
    }

    // =====================================================================================
    // builder
    // =====================================================================================

    public static final class Builder {
        private int port = 0;
        private String host = "127.0.0.1";
        private SSLContext sslContext;
        private boolean requireClientCertificate;
        private Duration tokenTtl = Duration.ofMinutes(30);
        private String authorizationKey;
        private String scope;
        private String user;
        private String password;
        private String staticToken;
        private boolean requireBearer = true;
        private Duration chunkDelay = Duration.ZERO;
        private int streamChunks = 5;
        private boolean stampChunks;
        private int recordLimit = 10_000;
        private int maxEmbeddingsBatch = 100;
        private boolean balanceForbidden;

        private Builder() {
        }

        /** 0 = a random free port (default). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Serve HTTPS with this context; optionally require a client certificate (mTLS). */
        public Builder tls(SSLContext ctx, boolean requireClientCertificate) {
            this.sslContext = Objects.requireNonNull(ctx);
            this.requireClientCertificate = requireClientCertificate;
            return this;
        }

        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** The only Basic key and scope OAuth accepts (default: any non-empty key, PERS/B2B/CORP). */
        public Builder credentials(String authorizationKey, String scope) {
            this.authorizationKey = authorizationKey;
            this.scope = scope;
            return this;
        }

        /** The user and password accepted by POST /api/v1/token (default: any non-empty user). */
        public Builder userPassword(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** An access token accepted without OAuth; it never expires. */
        public Builder staticToken(String token) {
            this.staticToken = token;
            return this;
        }

        /** false = mTLS mode: requests without Authorization are accepted. */
        public Builder requireBearer(boolean requireBearer) {
            this.requireBearer = requireBearer;
            return this;
        }

        /** Delay between SSE events. */
        public Builder chunkDelay(Duration delay) {
            this.chunkDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** How many content chunks a default streamed reply is split into (at least 1). */
        public Builder streamChunks(int n) {
            this.streamChunks = Math.max(1, n);
            return this;
        }

        /**
         * Every streamed content piece starts with {@code @<System.nanoTime() at the write> }: a client on
         * the same machine (CLOCK_MONOTONIC on Linux, as Node's {@code process.hrtime}) can tell how long
         * each event took to reach it, straight or through the gateway (bench/stream-latency.mjs).
         */
        public Builder stampChunks(boolean stamp) {
            this.stampChunks = stamp;
            return this;
        }

        /**
         * How many of the latest requests {@link #requests()} keeps (default 10,000; 0 = none): enough for
         * any test, and a demo or benchmark emulator serving millions of calls stays in bounded memory.
         */
        public Builder recordLimit(int limit) {
            this.recordLimit = Math.max(0, limit);
            return this;
        }

        /** More inputs than this in one embeddings call get 413. */
        public Builder maxEmbeddingsBatch(int n) {
            this.maxEmbeddingsBatch = n;
            return this;
        }

        /** GET /balance answers 403 "Permission denied" (pay-as-you-go accounts). */
        public Builder balanceForbidden(boolean forbidden) {
            this.balanceForbidden = forbidden;
            return this;
        }

        public GigaChatEmulator build() {
            return new GigaChatEmulator(this);
        }
    }
}
