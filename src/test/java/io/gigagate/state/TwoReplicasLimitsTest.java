package io.gigagate.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.CamelMainGateway;
import io.gigagate.support.RedisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two gateways, one Spring Boot and one Camel Main (as Camel K runs it), on one Redis and one emulator, act as one
 * gateway for the limits: a key's rate across both, a model limited to one call never overlapping upstream (the
 * emulator's peak proves it), one Redis round trip per limit per request, Redis killed mid-run (served on local
 * limits, no hang) and back, and no slot left taken at the end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoReplicasLimitsTest {

    private static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("upstream-token").build().start();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RedisServer REDIS = startRedis();
    private static final Map<String, String> SETTINGS = settings();
    private static Main camelMain;
    private static int camelMainPort;

    @LocalServerPort
    int springPort;

    private static RedisServer startRedis() {
        try {
            return RedisServer.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gigachat.base-url", EMULATOR.baseUrl());
        s.put("gigachat.access-token", "upstream-token");
        s.put("gigachat.credentials", "");
        s.put("gpt2giga.api-key", "default-key");
        s.put("gigagate.state", "redis");
        s.put("gigagate.redis.url", REDIS.url());
        s.put("gigagate.security.rate-limit-per-minute", "4");
        s.put("gigagate.security.max-concurrent-per-key", "50");
        s.put("gigagate.security.model-queue-size", "20");
        s.put("gigagate.security.model-queue-timeout", "PT30S");
        // a budget under the same property name on both runtimes, counted in Redis (no PostgreSQL sink)
        s.put("gigagate.usage.budgets.budget.tokens-per-day", "1");
        s.put("gigagate.usage.budget-sync", "PT0.1S");
        return s;
    }

    /** Each test its own key, so that the per-minute buckets do not meet. */
    private static final Map<String, String> KEYS = Map.of("rate", "key-rate", "trips", "key-trips", "fault", "key-fault",
            "probe", "key-probe", "budget", "key-budget", "queue-0", "key-queue-0", "queue-1", "key-queue-1",
            "queue-2", "key-queue-2");

    @org.junit.jupiter.api.BeforeEach
    void bothGatewaysOnRedis() throws Exception {
        awaitBothOnRedis();
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        SETTINGS.forEach((key, value) -> registry.add(key, () -> value));
        KEYS.forEach((name, key) -> registry.add("gigagate.security.api-keys." + name, () -> key));
        registry.add("gigagate.security.model-max-concurrency.GigaChat-2-Max", () -> "1");
    }

    @BeforeAll
    static void startCamelMain() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
        settings.put("gigagate.security.api-keys-list", String.join(",",
                KEYS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        settings.put("gigagate.security.model-max-concurrency-list", "GigaChat-2-Max=1");
        camelMainPort = freePort();
        camelMain = CamelMainGateway.create(camelMainPort, settings);
        camelMain.start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (camelMain != null) {
            camelMain.stop();
        }
        REDIS.close();
    }

    @Test
    void aKeyLimitedToFourPerMinuteGetsFourAcrossBothGateways() throws Exception {
        int ok = 0;
        List<JsonNode> refusals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = chat(i % 2 == 0 ? springPort : camelMainPort, "key-rate", "GigaChat", false);
            if (response.statusCode() == 200) {
                ok++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                refusals.add(JSON.readTree(response.body()).path("error"));
            }
        }
        assertThat(ok).isEqualTo(4);
        assertThat(refusals).hasSize(6).allSatisfy(error -> {
            assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
            assertThat(error.path("message").asText()).contains("4 requests per minute");
        });
    }

    @Test
    void aModelLimitedToOneNeverHasTwoCallsUpstreamAtOnce() throws Exception {
        EMULATOR.resetPeakConcurrentChats();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                int port = i % 2 == 0 ? springPort : camelMainPort;
                boolean stream = i % 3 == 0;
                String key = "key-queue-" + (i % 3);
                calls.add(pool.submit(() -> chat(port, key, "GigaChat-2-Max", stream)));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(EMULATOR.peakConcurrentChats()).isEqualTo(1);
        awaitNoSlotTaken();
    }

    @Test
    void aBudgetSpentOnTheSpringGatewayIsRefusedOnCamelMain() throws Exception {
        assertThat(chat(springPort, "key-budget", "GigaChat", false).statusCode()).isEqualTo(200);
        HttpResponse<String>[] refused = new HttpResponse[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
                    refused[0] = chat(camelMainPort, "key-budget", "GigaChat", false);
                    return refused[0].statusCode() == 429;
                });
        assertThat(JSON.readTree(refused[0].body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
        assertThat(refused[0].headers().firstValue("x-gigagate-budget-reset")).isPresent();
        assertThat(chat(springPort, "key-budget", "GigaChat", false).statusCode()).isEqualTo(429);
    }

    @Test
    void eachLimitCostsOneRedisRoundTripPerRequest() throws Exception {
        chat(springPort, "key-trips", "GigaChat-2-Max", false);
        chat(camelMainPort, "key-trips", "GigaChat-2-Max", false);
        long before = REDIS.calls("evalsha");
        assertThat(chat(springPort, "key-trips", "GigaChat", false).statusCode()).isEqualTo(200);
        assertThat(REDIS.calls("evalsha") - before).as("the key's limits only").isEqualTo(1);
        before = REDIS.calls("evalsha");
        assertThat(chat(camelMainPort, "key-trips", "GigaChat-2-Max", false).statusCode()).isEqualTo(200);
        assertThat(REDIS.calls("evalsha") - before).as("the key's limits and a free model slot").isEqualTo(2);
    }

    @Test
    void withRedisKilledBothGatewaysServeOnLocalLimitsAndShareAgainWhenItIsBack() throws Exception {
        REDIS.kill();
        try {
            long start = System.nanoTime();
            for (int port : new int[] {springPort, camelMainPort}) {
                HttpResponse<String> response = chat(port, "key-fault", "GigaChat-2-Max", false);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no hang").isLessThan(Duration.ofSeconds(20));
            JsonNode health = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + springPort + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode detail = health.path("components").path("sharedState").path("details");
            assertThat(detail.path("state").asText()).isEqualTo("redis");
            assertThat(detail.path("redis.available").asBoolean(true)).isFalse();
            assertThat(detail.path("fallbacks.key-limits").asLong()).isPositive();
            assertThat(detail.path("message").asText()).contains("Redis unavailable");
            assertThat(health.toString()).doesNotContain(RedisServer.PASSWORD);
        } finally {
            REDIS.restart();
        }
        awaitBothOnRedis();
        awaitNoSlotTaken();
    }

    /** Until a request on each gateway reaches Redis again (a gateway retries Redis every couple of seconds). */
    private void awaitBothOnRedis() throws Exception {
        for (int port : new int[] {springPort, camelMainPort}) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean back = false;
            while (!back && System.nanoTime() < deadline) {
                long before = REDIS.calls("evalsha");
                chat(port, "key-probe", "GigaChat", false);
                back = REDIS.calls("evalsha") > before;
                if (!back) {
                    Thread.sleep(200);
                }
            }
            assertThat(back).as("the gateway on port %d uses Redis again", port).isTrue();
        }
    }

    private static void awaitNoSlotTaken() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String slots = null;
        while (System.nanoTime() < deadline) {
            slots = REDIS.command("ZCARD gigagate:{model:GigaChat-2-Max}:slots");
            if (":0".equals(slots)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(slots).as("slots still taken").isEqualTo(":0");
    }

    private static HttpResponse<String> chat(int port, String key, String model, boolean stream) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
