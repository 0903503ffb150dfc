package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.Application;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.files.FileLimits;
import io.gigagate.support.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

/**
 * A gpt2giga 0.3 {@code .env} that sets every gateway setting GigaGate shares with it starts the
 * gateway with gpt2giga's behaviour: the settings are seen on GigaGate's properties and beans, and each
 * behaviour is checked with a request over the TLS listener the .env asks for. One flag comes from
 * gpt2giga's command line ({@code --proxy.metrics-path}) and wins over the .env, as in gpt2giga.
 */
class Gpt2GigaDotEnvTest {

    private static final String KEY = "c2hhcmVkLWNsaWVudDpzaGFyZWQtc2VjcmV0";
    private static final String API_KEY = "g2g-prod-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GigaChatEmulator emulator;
    private static TestCertificates certs;
    private static Path logFile;
    private static ConfigurableApplicationContext app;
    private static HttpClient https;
    private static int port;

    @BeforeAll
    static void startWithAGpt2GigaEnv() throws Exception {
        // slow streams: one stays open long enough to hold its model's only slot
        emulator = GigaChatEmulator.builder().credentials(KEY, "GIGACHAT_API_PERS")
                .chunkDelay(Duration.ofMillis(150)).streamChunks(20).build().start();
        certs = TestCertificates.create();
        Path dir = Files.createTempDirectory("gpt2giga-env");
        logFile = dir.resolve("logs/gpt2giga.log");
        Path env = Files.writeString(dir.resolve(".env"), """
                # a gpt2giga 0.3 .env
                GIGACHAT_CREDENTIALS=%s
                GIGACHAT_SCOPE=GIGACHAT_API_PERS
                GIGACHAT_BASE_URL=%s
                GIGACHAT_AUTH_URL=%s
                GPT2GIGA_HOST=127.0.0.1
                GPT2GIGA_MODE=PROD
                GPT2GIGA_ENABLE_API_KEY_AUTH=True
                GPT2GIGA_API_KEY=%s
                GPT2GIGA_CORS_ALLOW_ORIGINS=["*", "https://app.example.com"]
                GPT2GIGA_CORS_ALLOW_METHODS=["GET", "POST", "OPTIONS"]
                GPT2GIGA_CORS_ALLOW_HEADERS=["*"]
                GPT2GIGA_MAX_REQUEST_BODY_BYTES=8192
                GPT2GIGA_MAX_IMAGE_FILE_SIZE_BYTES=1000
                GPT2GIGA_MAX_AUDIO_FILE_SIZE_BYTES=2000
                GPT2GIGA_MAX_TEXT_FILE_SIZE_BYTES=3000
                GPT2GIGA_MAX_AUDIO_IMAGE_TOTAL_SIZE_BYTES=2500
                GPT2GIGA_MODEL_MAX_CONNECTIONS={"GigaChat-2-Max": 1}
                GPT2GIGA_MODEL_MAX_CONNECTIONS_DEFAULT=4
                GPT2GIGA_MODEL_MAX_CONNECTIONS_ACQUIRE_TIMEOUT=0
                GPT2GIGA_SHUTDOWN_TIMEOUT_SECONDS=5
                GPT2GIGA_USE_HTTPS=True
                GPT2GIGA_HTTPS_KEY_FILE=%s
                GPT2GIGA_HTTPS_CERT_FILE=%s
                GPT2GIGA_LOG_FILENAME=%s
                GPT2GIGA_LOG_MAX_SIZE=1048576
                GPT2GIGA_LOG_REDACT_SENSITIVE=True
                GPT2GIGA_METRICS_ENABLED=True
                GPT2GIGA_METRICS_PATH=/metrics
                GPT2GIGA_DEFAULT_MAX_TOKENS=77
                GPT2GIGA_PASS_TOKEN_CLIENT_CACHE_SIZE=5
                """.formatted(KEY, emulator.baseUrl(), emulator.authUrl(), API_KEY, certs.serverKeyPem,
                certs.serverCertPem, logFile));
        port = freePort();
        // Spring Boot configures logging once per JVM while an earlier test's context is alive; let this
        // app configure it (with the file) as a gateway process would. Closing the app cleans up again.
        LoggingSystem.get(Gpt2GigaDotEnvTest.class.getClassLoader()).cleanUp();
        app = SpringApplication.run(Application.class, CommandLineFlags.toSpringArguments(new String[] {
            "--env-path", env.toString(), "--proxy.metrics-path", "/prom", "--server.port=" + port,
            "--gigagate.retry.max-attempts=1", "--gigagate.metrics.balance-interval=0"}));
        https = HttpClient.newBuilder().sslContext(certs.trustingContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theSettingsLandOnGigaGatesPropertiesAndBeans() {
        SecurityProperties security = app.getBean(SecurityProperties.class);
        assertThat(security.requireApiKey()).isEqualTo("true");
        assertThat(security.maxBodySize()).isEqualTo(DataSize.ofBytes(8192));
        assertThat(security.cors().allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(security.cors().allowedMethods()).containsExactly("GET", "POST", "OPTIONS");
        assertThat(security.cors().allowedHeaders()).containsExactlyElementsOf(Gpt2GigaSettings.PROD_CORS_HEADERS);
        assertThat(security.modelMaxConcurrency()).containsOnly(Map.entry("GigaChat-2-Max", 1));
        assertThat(security.modelMaxConcurrencyDefault()).isEqualTo(4);
        assertThat(security.modelQueueTimeout()).isZero();
        assertThat(security.passTokenCacheSize()).isEqualTo(5);
        assertThat(app.getBean(FileLimits.class)).isEqualTo(new FileLimits(1000, 2000, 3000, 10, 2500));
        assertThat(app.getBean(GigaGateProperties.class).defaultMaxTokens()).isEqualTo(77);
        assertThat(app.getEnvironment().getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(app.getEnvironment().getProperty("gigagate.log-redaction.enabled", Boolean.class)).isTrue();
        assertThat(app.getEnvironment().getProperty("server.ssl.bundle")).isEqualTo(Gpt2GigaSettings.TLS_BUNDLE);
        assertThat(app.getEnvironment().getProperty("gigagate.metrics.prometheus-path")).isEqualTo("/prom");
    }

    @Test
    void prodRequiresTheApiKeyOverTls() throws Exception {
        HttpResponse<String> without = post("/v1/chat/completions", chat("GigaChat-2", false), false);
        HttpResponse<String> with = post("/v1/chat/completions", chat("GigaChat-2", false), true);

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(json(without).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.uri().getScheme()).isEqualTo("https");
    }

    @Test
    void generatedImageUrlsUseTheTlsListenersScheme() throws Exception {
        HttpResponse<String> response = post("/v1/images/generations", "{\"prompt\":\"a boat\"}", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/data/0/url").asText()).startsWith("https://127.0.0.1:" + port + "/v1/images/content/");
    }

    @Test
    void theDefaultMaxTokensReachesGigaChatWhenTheClientGivesNone() throws Exception {
        assertThat(post("/v1/chat/completions", chat("GigaChat-2", false), true).statusCode()).isEqualTo(200);
        assertThat(emulator.lastRequest("/chat/completions").chat().get("max_tokens").asInt()).isEqualTo(77);

        String own = "{\"model\":\"GigaChat-2\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(post("/v1/chat/completions", own, true).statusCode()).isEqualTo(200);
        assertThat(emulator.lastRequest("/chat/completions").chat().get("max_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        String big = "{\"model\":\"GigaChat-2\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(9000) + "\"}]}";

        HttpResponse<String> response = post("/v1/chat/completions", big, true);

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void imagesAndAudioOverTheRequestTotalGet413() throws Exception {
        String audio = Base64.getEncoder().encodeToString(new byte[1500]); // each under the 2000-byte audio limit
        String part = "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"" + audio + "\",\"format\":\"wav\"}}";
        String body = "{\"model\":\"GigaChat-2\",\"messages\":[{\"role\":\"user\",\"content\":[" + part + "," + part
                + ",{\"type\":\"text\",\"text\":\"two clips\"}]}]}";

        HttpResponse<String> response = post("/v1/chat/completions", body, true);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("attachments_too_large");
        assertThat(json(response).at("/error/param").asText()).isEqualTo("messages[0].content[1]");
    }

    @Test
    void corsPreflightAllowsTheListedOriginOnlyWithoutCredentials() throws Exception {
        HttpResponse<String> allowed = preflight("https://app.example.com", "content-type,authorization");
        HttpResponse<String> wildcardDropped = preflight("https://evil.example.com", "content-type");
        HttpResponse<String> headerNotListed = preflight("https://app.example.com", "x-custom");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(wildcardDropped.statusCode()).isEqualTo(403);
        assertThat(headerNotListed.statusCode()).isEqualTo(403);
    }

    @Test
    void aCapitalisedModelIdHasItsOwnConcurrencyLimit() throws Exception {
        CompletableFuture<HttpResponse<String>> stream = https.sendAsync(request("/v1/chat/completions",
                chat("GigaChat-2-Max", true), true), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (emulator.activeStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emulator.activeStreams()).as("the stream holds GigaChat-2-Max's only slot").isEqualTo(1);

        HttpResponse<String> busy = post("/v1/chat/completions", chat("GigaChat-2-Max", false), true);
        HttpResponse<String> otherModel = post("/v1/chat/completions", chat("GigaChat-2", false), true);

        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(json(busy).at("/error/code").asText()).isEqualTo("model_concurrency_limit");
        assertThat(otherModel.statusCode()).isEqualTo(200);
        assertThat(stream.get().statusCode()).isEqualTo(200);
        int again = 0;
        for (int i = 0; i < 50 && again != 200; i++) { // the slot is let go as the exchange ends, just after the last byte
            again = post("/v1/chat/completions", chat("GigaChat-2-Max", false), true).statusCode();
            Thread.sleep(again == 200 ? 0 : 40);
        }
        assertThat(again).as("the slot is free again").isEqualTo(200);
    }

    @Test
    void prometheusTextIsServedAtTheMetricsPathBehindTheKey() throws Exception {
        HttpResponse<String> with = https.send(HttpRequest.newBuilder(uri("/prom")).header("x-api-key", API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> without = https.send(HttpRequest.newBuilder(uri("/prom")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(with.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(without.statusCode()).isEqualTo(401);
    }

    @Test
    void theLogGoesToTheRotatingFile() throws Exception {
        assertThat(logFile).exists();
        assertThat(Files.readString(logFile)).contains("gpt2giga settings applied: GPT2GIGA_MODE");
        assertThat(app.getEnvironment().getProperty("logging.logback.rollingpolicy.max-file-size", DataSize.class))
                .isEqualTo(DataSize.ofMegabytes(1));
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    private static HttpResponse<String> preflight(String origin, String headers) throws Exception {
        return https.send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", headers)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, boolean withKey) throws Exception {
        return https.send(request(path, body, withKey), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String body, boolean withKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (withKey) {
            request.header("Authorization", "Bearer " + API_KEY);
        }
        return request.build();
    }

    private static URI uri(String path) {
        return URI.create("https://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
