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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The access policy end to end, the same checks on every runtime: gateway keys (in each accepted place,
 * plain or hashed), per-key rate and concurrency limits, the body size, open links, and the per-model
 * queue. {@link AccessControlTest} runs them on Spring Boot, {@link CamelMainAccessControlTest} on
 * Camel Main (as {@code camel run} and Camel K run the routes), both with {@link #settings()}. The
 * emulator is shared by both in one JVM and left to end with it.
 */
abstract class AccessControlContract {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("upstream-token").build().start();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String CHAT = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** The settings both runtimes start with, under the names both read (maps in their text form). */
    static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gigachat.base-url", EMULATOR.baseUrl());
        s.put("gigachat.access-token", "upstream-token");
        s.put("gigachat.credentials", "");
        s.put("gpt2giga.api-key", "plain-default-key");
        s.put("gigagate.security.rate-limit-per-minute", "5");
        s.put("gigagate.security.max-concurrent-per-key", "2");
        s.put("gigagate.security.model-queue-size", "1");
        s.put("gigagate.security.model-queue-timeout", "10s");
        return s;
    }

    /** The named keys: team-b given only by its SHA-256 digest. */
    static Map<String, String> namedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("team-a", "key-of-team-a");
        keys.put("team-b", "sha256:" + HexFormat.of().formatHex(ApiKeys.sha256("key-of-team-b")));
        keys.put("rate", "key-for-rate-test");
        keys.put("busy", "key-for-concurrency-test");
        return keys;
    }

    /** The body limit in both runtimes' tests, in bytes. */
    static final int MAX_BODY = 2048;

    abstract int port();

    HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }


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
                URI.create("http://127.0.0.1:" + port() + healthPath())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
    }

    /** A health endpoint of the runtime: gpt2giga's /health is on both. */
    String healthPath() {
        return "/health";
    }

    @Test
    void generatedImageLinksNeedNoKey() throws Exception {
        HttpResponse<String> image = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port() + "/v1/images/content/0123456789abcdef0123456789abcdef")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(image.statusCode()).as("an unknown image, not a missing key").isEqualTo(404);
    }

    @Test
    void aClientCannotForgeTheInternalKeyNameHeader() throws Exception {
        HttpResponse<String> response = post(CHAT, "X-GigaGate-Api-Key-Name", "team-a");

        assertOpenAiError(response, 401, "invalid_request_error");
    }


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

        assertBodyRefused(post(big, "x-api-key", "key-of-team-a"));
    }

    /** An oversized body's answer, the same on both runtimes: OpenAI's 413 {@code request_too_large}. */
    static void assertBodyRefused(HttpResponse<String> response) throws Exception {
        JsonNode error = assertOpenAiError(response, 413, "invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void anOversizedChunkedBodyIs413Too() throws Exception {
        byte[] big = ("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(3000) + "\"}]}").getBytes();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("x-api-key", "key-of-team-a")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertBodyRefused(response);
        assertThat(EMULATOR.requests("/chat/completions")).as("nothing of it reached GigaChat")
                .noneMatch(r -> r.body().length > MAX_BODY);
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

    @Test
    void aPreflightFromABrowserIsAnswered() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port() + "/v1/chat/completions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://app.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void anAnswerToABrowserNamesItsOriginAndAFailureToo() throws Exception {
        HttpResponse<String> ok = post(CHAT, "x-api-key", "key-of-team-a", "Origin", "http://app.example");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://app.example");

        HttpResponse<String> refused = post(CHAT, "Origin", "http://app.example");
        assertOpenAiError(refused, 401, "invalid_request_error");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as("the browser may read the error")
                .hasValue("http://app.example");
    }
}
