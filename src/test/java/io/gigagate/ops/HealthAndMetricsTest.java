package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.gigagate.support.GatewayTestSupport;
import io.gigagate.support.PrometheusText;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Health probes, gpt2giga's /health and /ping, and the Prometheus metrics after real traffic:
 * counters and histograms move by what the requests did.
 */
@AutoConfigureObservability(tracing = false) // Spring Boot tests switch metrics export off unless asked
@TestPropertySource(properties = {"gigagate.metrics.balance-interval=300ms", "gigagate.health.upstream-check=true"})
@ExtendWith(OutputCaptureExtension.class)
// closed after the class: its balance poller (every 300 ms, against the shared emulator) would otherwise go on
// in the cached context and take a later test's injected OAuth failure for itself
@DirtiesContext
class HealthAndMetricsTest extends GatewayTestSupport {

    private static final Map<String, String> CHAT_OK = Map.of("endpoint", "/v1/chat/completions", "model", "GigaChat-2",
            "status", "200", "key", "anonymous", "stream", "false");

    @Autowired
    private CircuitBreaker gigaChatCircuitBreaker;

    @Test
    void livenessAndReadinessAreUpWithCamelAndTheUpstreamCheck() throws Exception {
        var liveness = get("/actuator/health/liveness");
        var readiness = get("/actuator/health/readiness");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).get("status").asText()).isEqualTo("UP");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).get("status").asText()).isEqualTo("UP");
        assertThat(EMULATOR.requests("/models")).as("the opt-in upstream check asked GigaChat").isNotEmpty();
    }

    @Test
    void readinessGoesOutOfServiceWhenGigaChatFailsButLivenessStaysUp() throws Exception {
        EMULATOR.faults().errorEvery(1, 503);

        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        EMULATOR.faults().reset();
        // the failed checks may have opened GigaChat's circuit (more so on a busy machine, where the balance poller
        // fails in the same window); how the circuit recovers is ResilienceTest's, here it must not reach the
        // next tests
        gigaChatCircuitBreaker.reset();
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void gpt2gigaHealthAndPingAnswerWithoutAuth() throws Exception {
        for (var response : new java.util.ArrayList<>(java.util.List.of(get("/health"), get("/ping"), post("/ping", "")))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("status").asText()).isEqualTo("ok");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        }
    }

    @Test
    void aChatCompletionMovesRequestUpstreamGatewayAndTokenMetrics() throws Exception {
        PrometheusText before = scrape();

        var response = post("/v1/chat/completions", chatBody("count me"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = json(response).get("usage");

        PrometheusText after = scrape();
        assertThat(delta(before, after, "gigagate_requests_seconds_count", CHAT_OK)).isEqualTo(1);
        assertThat(after.value("gigagate_requests_seconds_sum", CHAT_OK)).isGreaterThan(before.value("gigagate_requests_seconds_sum", CHAT_OK));
        assertThat(delta(before, after, "gigagate_requests_seconds_bucket", with(CHAT_OK, "le", "+Inf"))).isEqualTo(1);
        assertThat(delta(before, after, "gigagate_upstream_seconds_count", Map.of("operation", "chat", "status", "200"))).isEqualTo(1);
        assertThat(delta(before, after, "gigagate_gateway_time_seconds_count", Map.of("endpoint", "/v1/chat/completions"))).isEqualTo(1);
        assertThat(delta(before, after, "gigagate_tokens_total", Map.of("direction", "in", "model", "GigaChat-2", "key", "anonymous")))
                .isEqualTo(usage.get("prompt_tokens").asDouble());
        assertThat(delta(before, after, "gigagate_tokens_total", Map.of("direction", "out", "model", "GigaChat-2")))
                .isEqualTo(usage.get("completion_tokens").asDouble());
        assertThat(after.value("gigagate_gigachat_token_fetches_total", Map.of("outcome", "success"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withTracingOffNoServerObservationOrLogEventCounterRunsPerRequest() throws Exception {
        var response = post("/v1/chat/completions", chatBody("unobserved"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-trace-id")).isEmpty();

        PrometheusText metrics = scrape();
        assertThat(metrics.has("gigagate_requests_seconds_count", CHAT_OK)).isTrue();
        // Spring's per-request observation (http.server.requests) and Logback's turbo-filter counter are off
        assertThat(metrics.has("http_server_requests_seconds_count", Map.of())).isFalse();
        assertThat(metrics.has("logback_events_total", Map.of())).isFalse();
        // Tomcat's binder (session meters only, and a JMX MBean server made at start for them) is left out
        assertThat(metrics.toString()).doesNotContain("tomcat_");
    }

    @Test
    void upstreamErrorsAreCountedByStatus() throws Exception {
        PrometheusText before = scrape();
        EMULATOR.faults().failNext("/chat/completions", 429);

        assertThat(post("/v1/chat/completions", chatBody("fail me")).statusCode()).isEqualTo(429);

        PrometheusText after = scrape();
        assertThat(delta(before, after, "gigagate_upstream_errors_total", Map.of("operation", "chat", "status", "429"))).isEqualTo(1);
        assertThat(delta(before, after, "gigagate_requests_seconds_count", with(CHAT_OK, "status", "429"))).isEqualTo(1);
    }

    @Test
    void aStreamTheClientLeavesIsADisconnect(CapturedOutput output) throws Exception {
        Map<String, String> model = Map.of("model", "GigaChat-2");
        PrometheusText before = scrape();

        InputStream body = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"GigaChat-2\",\"stream\":true,\"update_interval\":0.2,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"a long story\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream()).body();
        assertThat(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)).readLine()).startsWith("data: ");
        body.close();

        awaitTrue(() -> delta(before, scrape(), "gigagate_stream_disconnects_total", model) == 1);
        assertThat(delta(before, scrape(), "gigagate_requests_seconds_count", Map.of("stream", "true"))).isEqualTo(1);
        // a client leaving is normal: counted, not logged as a failure
        assertThat(output.getOut()).doesNotContain("Failed writing HTTP response").doesNotContain("Broken pipe");
    }

    @Test
    void gigaChatBalanceIsAGaugePerUsage() throws Exception {
        awaitTrue(() -> scrape().has("gigagate_gigachat_balance", Map.of("usage", "GigaChat")));

        assertThat(scrape().value("gigagate_gigachat_balance", Map.of("usage", "GigaChat"))).isEqualTo(100000);
        assertThat(scrape().value("gigagate_gigachat_balance", Map.of("usage", "embeddings"))).isEqualTo(500000);
    }

    private PrometheusText scrape() {
        try {
            var response = get("/actuator/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            return new PrometheusText(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        var copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
