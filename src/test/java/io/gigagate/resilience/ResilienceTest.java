package io.gigagate.resilience;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.emulator.RecordedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Faults injected by the emulator: retries with backoff and Retry-After, no retry of client errors,
 * and the circuit breaker opening, failing fast and closing again. Each test counts the calls GigaChat
 * really received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().build().start();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHAT = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreaker breaker;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
        registry.add("gigachat.credentials", () -> "a2V5LW9uZTpzZWNyZXQ=");
        registry.add("gigachat.access-token", () -> "");
        registry.add("gigagate.retry.max-attempts", () -> "3");
        registry.add("gigachat.timeout", () -> "1.5");
        registry.add("gigagate.retry.base-delay", () -> "50ms");
        registry.add("gigagate.circuit-breaker.minimum-calls", () -> "4");
        registry.add("gigagate.circuit-breaker.sliding-window", () -> "4");
        registry.add("gigagate.circuit-breaker.wait-in-open", () -> "1s");
        registry.add("gigagate.circuit-breaker.half-open-calls", () -> "1");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @BeforeEach
    void reset() {
        EMULATOR.faults().reset();
        EMULATOR.clearRequests();
    }

    HttpResponse<String> chat(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void serverErrorsAreRetriedUntilOneSucceeds() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 500).failNext("/chat/completions", 502);

        assertThat(chat(CHAT).statusCode()).isEqualTo(200);
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(3);
    }

    @Test
    @Order(2)
    void aRetryAfterFromGigaChatIsHonoured() throws Exception {
        EMULATOR.faults().rateLimitNext(1);
        long start = System.nanoTime();

        assertThat(chat(CHAT).statusCode()).isEqualTo(200);

        List<RecordedRequest> calls = EMULATOR.requests("/chat/completions");
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).receivedAt(), calls.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    @Order(3)
    void clientErrorsAreNotRetried() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 422);

        assertOpenAiError(chat(CHAT), 422, "invalid_request_error");
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(1);
    }

    @Test
    @Order(4)
    void aPersistentFailureEndsAfterTheLastAttempt() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 503).failNext("/chat/completions", 503)
                .failNext("/chat/completions", 503);

        assertOpenAiError(chat(CHAT), 503, "server_error");
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(3);
    }

    @Test
    @Order(5)
    void aStreamIsRetriedWhileNothingHasBeenSent() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 503);

        HttpResponse<String> response = chat("{\"model\":\"GigaChat\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(2);
    }

    @Test
    @Order(6)
    void aSlowGigaChatTimesOutAsA504AndIsNotCalledTwice() throws Exception {
        EMULATOR.faults().latency(Duration.ofSeconds(4));

        JsonNode error = assertOpenAiError(chat(CHAT), 504, "server_error");

        assertThat(error.get("code").asText()).isEqualTo("upstream_timeout");
        assertThat(EMULATOR.requests("/chat/completions")).as("a read timeout is not retried").hasSize(1);
        EMULATOR.faults().reset();
    }

    @Test
    @Order(7)
    void theBreakerOpensFailsFastAndClosesAfterAProbe() throws Exception {
        breaker.reset();
        EMULATOR.faults().errorEvery(1, 500);
        for (int i = 0; i < 4; i++) {
            assertOpenAiError(chat(CHAT), 500, "server_error");
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = EMULATOR.requests("/chat/completions").size();

        JsonNode error = assertOpenAiError(chat(CHAT), 503, "server_error");
        assertThat(error.get("code").asText()).isEqualTo("upstream_circuit_open");
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(callsWhenOpened);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("OPEN");
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        // open, or already half-open if the second it stays open has passed on a busy machine
        assertThat(metrics.body()).containsPattern("gigagate_upstream_circuit_state(\\{[^}]*\\})? [12]\\.0");

        EMULATOR.faults().reset();
        Thread.sleep(1_200);
        assertThat(chat(CHAT).statusCode()).isEqualTo(200);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
