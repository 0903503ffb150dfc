package io.gigagate.emulator;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.gigagate.emulator.Dispatcher.ANY_METHOD;
import static io.gigagate.emulator.Dispatcher.Access.DATA;
import static io.gigagate.emulator.Dispatcher.Access.OAUTH_HOST;
import static io.gigagate.emulator.Dispatcher.Access.OPEN;

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
 * <p>Every request is recorded, delayed by {@link Faults#latency}, then handed to a {@code Dispatcher}: one
 * {@code Handler} per GigaChat resource ({@code OAuthHandler}, {@code UserTokenHandler}, {@code ChatHandler},
 * {@code ModelsHandler}, {@code EmbeddingsHandler}, {@code TokensCountHandler}, {@code BalanceHandler},
 * {@code FilesHandler}), registered by method and path pattern in {@code routes(...)} together with what the
 * resource checks first (data calls: the bearer, then an injected fault). The handlers share one
 * {@code EmulatorContext} (faults, tokens, files, recorder, stream counters). A new contract, such as GigaChat's
 * {@code POST /api/v2/chat/completions}, is a new handler class and one line in {@code routes(...)}.
 *
 * <p>Plain Java (no Spring, no Camel): it also runs from {@link #main(String[])}.
 */
public final class GigaChatEmulator implements AutoCloseable {

    static final String OAUTH_PATH = "/api/v2/oauth";
    static final String V1 = "/api/v1";
    static final String TOKEN_PATH = V1 + "/token";
    static final String CHAT_V1_PATH = V1 + "/chat/completions";
    static final String CHAT_V2_PATH = "/api/v2/chat/completions";
    private static final AtomicInteger THREAD_SEQ = new AtomicInteger();

    // ---- configuration ----
    private final String host;
    private final int requestedPort;
    private final SSLContext sslContext;
    private final boolean requireClientCertificate;

    // ---- state ----
    private final EmulatorContext ctx;
    private final Dispatcher dispatcher;

    private HttpServer server;
    private ExecutorService executor;

    private GigaChatEmulator(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.sslContext = b.sslContext;
        this.requireClientCertificate = b.requireClientCertificate;
        this.ctx = new EmulatorContext(b.tokenTtl, b.staticToken, b.requireBearer, b.recordLimit);
        this.dispatcher = routes(ctx, b);
        b.extraRoutes.forEach(r -> r.accept(dispatcher));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * GigaChat's resources: a handler per method and path pattern (the most specific pattern matching a path
     * serves it; {@code {id}} is one path segment, {@code **} the rest, see {@link PathPattern}).
     */
    private static Dispatcher routes(EmulatorContext ctx, Builder b) {
        ModelsHandler models = new ModelsHandler();
        FilesHandler files = new FilesHandler(ctx.files);
        return new Dispatcher(ctx)
                .on("POST", OAUTH_PATH, OAUTH_HOST, new OAuthHandler(ctx, b.authorizationKey, b.scope))
                .on("POST", TOKEN_PATH, OPEN, new UserTokenHandler(ctx.tokens, b.user, b.password))
                .on("POST", CHAT_V1_PATH, DATA, new ChatHandler(ctx, b.chunkDelay, b.streamChunks, b.stampChunks))
                .on("POST", CHAT_V2_PATH, DATA, new ChatHandler(ctx, b.chunkDelay, b.streamChunks, b.stampChunks, true))
                .on("GET", V1 + "/models", DATA, models::list)
                .on("GET", V1 + "/models/{id}", DATA, models::one)
                .on("POST", V1 + "/embeddings", DATA, new EmbeddingsHandler(b.maxEmbeddingsBatch))
                .on("POST", V1 + "/tokens/count", DATA, new TokensCountHandler())
                .on("GET", V1 + "/balance", DATA, new BalanceHandler(b.balanceForbidden))
                .on("GET", V1 + "/files", DATA, files::list)
                .on("POST", V1 + "/files", DATA, files::upload)
                .on("GET", V1 + "/files/{id}", DATA, files::describe)
                .on("GET", V1 + "/files/{id?}/content", DATA, files::content)
                .on("POST", V1 + "/files/{id?}/delete", DATA, files::delete)
                // any other path under the API: a data call (bearer, faults) that ends in 404 "Not found"
                .on(ANY_METHOD, V1 + "/**", DATA, Dispatcher.NOT_FOUND);
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
        ctx.closing = true;
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
        return origin() + V1;
    }

    /** e.g. {@code http://127.0.0.1:PORT/api/v2/oauth}. */
    public String authUrl() {
        return origin() + OAUTH_PATH;
    }

    public Faults faults() {
        return ctx.faults;
    }

    // =====================================================================================
    // recorder and counters
    // =====================================================================================

    /** The requests received so far (the latest {@link Builder#recordLimit}), in arrival order (a snapshot). */
    public List<RecordedRequest> requests() {
        return ctx.recorder.all();
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
        ctx.recorder.clear();
    }

    /** Calls to POST /api/v2/oauth (any outcome). */
    public int oauthCalls() {
        return dispatcher.calls(OAUTH_PATH);
    }

    /** Calls to /api/v1/token (user/password, any outcome). */
    public int tokenCalls() {
        return dispatcher.calls(TOKEN_PATH);
    }

    /** Calls to /api/v1/chat/completions (any outcome). */
    public int chatCalls() {
        return dispatcher.calls(CHAT_V1_PATH);
    }

    /**
     * When each data event of the most recent stream was flushed ({@link System#nanoTime()}), so a test
     * in the same JVM can compare it with when its client received the event. [DONE] is not included.
     */
    public List<Long> lastStreamSentNanos() {
        List<Long> sent = ctx.lastStreamSentNanos;
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /**
     * The most chat calls (v1 and v2, JSON and streamed) ever answered at once since the last {@link
     * #resetPeakConcurrentChats()}: how tests prove that a concurrency limit held across gateways.
     */
    public int peakConcurrentChats() {
        return ctx.peakChats.get();
    }

    public void resetPeakConcurrentChats() {
        ctx.peakChats.set(ctx.activeChats.get());
    }

    /** Streams currently being written. */
    public int activeStreams() {
        return ctx.activeStreams.get();
    }

    /** Streams where the client went away (a write failed) before [DONE]. */
    public int streamsAbortedByClient() {
        return ctx.streamsAbortedByClient.get();
    }

    /** Issues a valid access token directly, as if OAuth had been called. */
    public String issueToken() {
        return ctx.tokens.issue(ctx.tokens.expiryFromNow());
    }

    // =====================================================================================
    // every request
    // =====================================================================================

    /** Records the request, applies the injected latency and dispatches; a handler's bug answers 500. */
    private void handle(HttpExchange ex) throws IOException {
        boolean abort = false;
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>(ex.getRequestHeaders());
            RecordedRequest rr = new RecordedRequest(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), headers, body, Instant.now(), ex.getRemoteAddress().getPort());
            ctx.recorder.record(rr);
            Duration latency = ctx.faults.latencyValue();
            if (!latency.isZero() && !latency.isNegative()) {
                EmulatorContext.sleep(latency.toMillis());
            }
            dispatcher.dispatch(ex, rr);
        } catch (IOException e) {
            abort = true;
            throw e;
        } catch (RuntimeException e) {
            try {
                EmulatorContext.sendJson(ex, 500, ApiError.body(500, "Internal Server Error"), Map.of(),
                        EmulatorContext.JSON_UTF8);
            } catch (IOException | RuntimeException ignored) {
                abort = true;
            }
        } finally {
            if (!abort) {
                ex.close();
            }
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
        private final List<Consumer<Dispatcher>> extraRoutes = new ArrayList<>();

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

        /**
         * Serves one more method and path pattern with handler, beside (and, where more specific, before) the
         * built-in resources: for tests of the dispatcher, and of a contract before it joins {@code routes}.
         */
        Builder route(String method, String pattern, Dispatcher.Access access, Handler handler) {
            Objects.requireNonNull(handler);
            extraRoutes.add(d -> d.on(method, pattern, access, handler));
            return this;
        }

        public GigaChatEmulator build() {
            return new GigaChatEmulator(this);
        }
    }
}
