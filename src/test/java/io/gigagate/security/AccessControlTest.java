package io.gigagate.security;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.GigaChatEmulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Gateway keys, per-key limits, body size, CORS and per-model concurrency, end to end. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("upstream-token").build().start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String CHAT = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.access-token", () -> "upstream-token");
        registry.add("gigachat.credentials", () -> "");
        registry.add("gpt2giga.api-key", () -> "plain-default-key");
        registry.add("gigagate.security.api-keys.team-a", () -> "key-of-team-a");
        registry.add("gigagate.security.api-keys.team-b",
                () -> "sha256:" + HexFormat.of().formatHex(ApiKeys.sha256("key-of-team-b")));
        registry.add("gigagate.security.api-keys.rate", () -> "key-for-rate-test");
        registry.add("gigagate.security.api-keys.busy", () -> "key-for-concurrency-test");
        registry.add("gigagate.security.rate-limit-per-minute", () -> "5");
        registry.add("gigagate.security.max-concurrent-per-key", () -> "2");
        registry.add("gigagate.security.max-body-size", () -> "2KB");
        registry.add("gigagate.security.model-max-concurrency.GigaChat-2-Pro", () -> "1");
        registry.add("gigagate.security.model-queue-size", () -> "1");
        registry.add("gigagate.security.model-queue-timeout", () -> "10s");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Keys {

        @Test
        void aRequestWithoutKeyIs401InOpenAiShape() throws Exception {
            JsonNode error = assertOpenAiError(post(CHAT), 401, "invalid_request_error");

            assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        }

        @Test
        void aWrongKeyIs401AndNeverReachesGigaChat() throws Exception {
            EMULATOR.clearRequests();

            assertOpenAiError(post(CHAT, "Authorization", "Bearer key-of-team-c"), 401, "invalid_request_error");
            assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
        }

        @Test
        void keysAreAcceptedAsBearerOrXApiKeyPlainOrHashed() throws Exception {
            assertThat(post(CHAT, "Authorization", "Bearer key-of-team-a").statusCode()).isEqualTo(200);
            assertThat(post(CHAT, "x-api-key", "key-of-team-b").statusCode()).isEqualTo(200);
            assertThat(post(CHAT, "Authorization", "Bearer plain-default-key").statusCode()).isEqualTo(200);
        }

        @Test
        void healthStaysOpen() throws Exception {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
        }

        @Test
        void generatedImageLinksNeedNoKey() throws Exception {
            HttpResponse<String> image = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/images/content/0123456789abcdef0123456789abcdef")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(image.statusCode()).as("an unknown image, not a missing key").isEqualTo(404);
        }

        @Test
        void aClientCannotForgeTheInternalKeyNameHeader() throws Exception {
            HttpResponse<String> response = post(CHAT, "X-GigaGate-Api-Key-Name", "team-a");

            assertOpenAiError(response, 401, "invalid_request_error");
        }
    }

    @Nested
    class Limits {

        @Test
        void theSixthRequestInAMinuteIs429WithRetryAfter() throws Exception {
            for (int i = 0; i < 5; i++) {
                assertThat(post(CHAT, "x-api-key", "key-for-rate-test").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> sixth = post(CHAT, "x-api-key", "key-for-rate-test");

            JsonNode error = assertOpenAiError(sixth, 429, "rate_limit_error");
            assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(post(CHAT, "x-api-key", "key-of-team-a").statusCode()).as("other keys unaffected").isEqualTo(200);
        }

        @Test
        void aThirdConcurrentRequestOfOneKeyIs429() throws Exception {
            String slow = "{\"model\":\"GigaChat\",\"stream\":true,\"update_interval\":0.4,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}]}";
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<HttpResponse<String>>> running = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    running.add(pool.submit(() -> post(slow, "x-api-key", "key-for-concurrency-test")));
                }
                Thread.sleep(700);
                HttpResponse<String> third = post(CHAT, "x-api-key", "key-for-concurrency-test");

                assertOpenAiError(third, 429, "rate_limit_error");
                for (Future<HttpResponse<String>> r : running) {
                    assertThat(r.get().statusCode()).isEqualTo(200);
                }
                assertThat(post(CHAT, "x-api-key", "key-for-concurrency-test").statusCode())
                        .as("slots come back when the streams end").isEqualTo(200);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void anOversizedBodyIs413BeforeParsing() throws Exception {
            String big = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(3000) + "\"}]}";

            JsonNode error = assertOpenAiError(post(big, "x-api-key", "key-of-team-a"), 413, "invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("request_too_large");
        }

        @Test
        void anOversizedChunkedBodyIs413Too() throws Exception {
            byte[] big = ("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(3000) + "\"}]}").getBytes();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Content-Type", "application/json").header("x-api-key", "key-of-team-a")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertOpenAiError(response, 413, "invalid_request_error");
        }

        @Test
        void aBusyModelQueuesOneCallAndRefusesTheNext() throws Exception {
            EMULATOR.faults().reset();
            EMULATOR.faults().concurrencyLimit(1);
            String slow = "{\"model\":\"GigaChat-2-Pro\",\"stream\":true,\"update_interval\":0.3,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"one at a time\"}]}";
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                // three different keys, so only the model's limit is in play
                Future<HttpResponse<String>> first = pool.submit(() -> post(slow, "x-api-key", "key-of-team-a"));
                Thread.sleep(400);
                Future<HttpResponse<String>> queued = pool.submit(() -> post(slow, "x-api-key", "plain-default-key"));
                Thread.sleep(300);
                HttpResponse<String> refused = post(slow, "x-api-key", "key-of-team-b");

                JsonNode error = assertOpenAiError(refused, 429, "rate_limit_error");
                assertThat(error.get("code").asText()).isEqualTo("model_concurrency_limit");
                assertThat(first.get().statusCode()).isEqualTo(200);
                assertThat(queued.get().statusCode()).isEqualTo(200);
                assertThat(queued.get().body()).contains("[DONE]").doesNotContain("\"error\"");
            } finally {
                pool.shutdownNow();
                EMULATOR.faults().reset();
            }
        }
    }

    @Nested
    class Cors {

        @Test
        void aPreflightFromABrowserIsAnswered() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://app.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://app.example");
            assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        }
    }
}
