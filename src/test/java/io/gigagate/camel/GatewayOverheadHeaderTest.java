package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.support.GatewayTestSupport;
import io.gigagate.support.PrometheusText;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * Every answer carries the gateway's own time ({@code x-gigagate-overhead-ms}): total time minus the
 * time waiting on GigaChat. With the emulator slowed down, the figure stays far below what the client
 * measured, which shows the upstream wait was taken out. The same figure is the
 * {@code gigagate_gateway_time_seconds} histogram.
 */
@AutoConfigureObservability(tracing = false) // for the metric: Spring Boot tests switch metrics export off unless asked
class GatewayOverheadHeaderTest extends GatewayTestSupport {

    private static final Duration LATENCY = Duration.ofMillis(300);

    @BeforeEach
    void warmUp() throws Exception {
        // a first request fetches the access token (a separate exchange), so the measured ones do not
        // and the model list behind the embedders: calls outside the request's own exchange count as its own time
        assertThat(post("/v1/chat/completions", chatBody("warm up")).statusCode()).isEqualTo(200);
        assertThat(post("/v1/embeddings", "{\"model\":\"Embeddings\",\"input\":\"warm up\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aChatAnswerCarriesTheGatewayTimeWithoutGigaChatsLatency() throws Exception {
        EMULATOR.faults().latency(LATENCY);
        Timed<HttpResponse<String>> timed = timed(() -> post("/v1/chat/completions", chatBody("how slow?")));

        assertThat(timed.result().statusCode()).isEqualTo(200);
        assertGatewayTimeWithoutUpstream(timed);
    }

    @Test
    void embeddingsCountTheirParallelCallsAsUpstreamTime() throws Exception {
        EMULATOR.faults().latency(LATENCY);
        Timed<HttpResponse<String>> timed = timed(() -> post("/v1/embeddings", "{\"model\":\"Embeddings\",\"input\":[\"a\",\"b\"]}"));

        assertThat(timed.result().statusCode()).isEqualTo(200);
        assertGatewayTimeWithoutUpstream(timed);
    }

    @Test
    void aStreamCarriesTheGatewayTimeUntilItsFirstEvent() throws Exception {
        EMULATOR.faults().latency(LATENCY);
        Timed<HttpResponse<String>> timed = timed(() -> post("/v1/chat/completions",
                "{\"model\":\"GigaChat-2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

        assertThat(timed.result().statusCode()).isEqualTo(200);
        assertThat(timed.result().body()).contains("data: [DONE]");
        assertGatewayTimeWithoutUpstream(timed);
    }

    @Test
    void errorsAndAnswersWithoutGigaChatCarryItToo() throws Exception {
        HttpResponse<String> error = post("/v1/chat/completions", "{\"model\":\"GigaChat-2\"}");
        HttpResponse<String> models = get("/v1/models");

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(overheadMillis(error)).isNotNegative();
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(overheadMillis(models)).isNotNegative();
    }

    @Test
    void theGatewayTimeMetricCountsJsonAnswersAndStreams() throws Exception {
        PrometheusText before = scrape();

        assertThat(post("/v1/chat/completions", chatBody("time me")).statusCode()).isEqualTo(200);
        assertThat(post("/v1/chat/completions", "{\"model\":\"GigaChat-2\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"time me too\"}]}").statusCode()).isEqualTo(200);

        PrometheusText after = scrape();
        java.util.Map<String, String> json = java.util.Map.of("endpoint", "/v1/chat/completions", "stream", "false");
        java.util.Map<String, String> stream = java.util.Map.of("endpoint", "/v1/chat/completions", "stream", "true");
        assertThat(delta(before, after, "gigagate_gateway_time_seconds_count", json)).isEqualTo(1);
        assertThat(delta(before, after, "gigagate_gateway_time_seconds_count", stream)).isEqualTo(1);
        assertThat(after.has("gigagate_gateway_time_seconds_bucket", java.util.Map.of("le", "2.5E-4"))).isTrue();
    }

    @Test
    void theFigureIsMillisecondsWithTwoDecimals() {
        assertThat(GatewayTime.format(420_000L)).isEqualTo("0.42");
        assertThat(GatewayTime.format(4_999L)).isEqualTo("0.00");
        assertThat(GatewayTime.format(1_005_000L)).isEqualTo("1.01");
        assertThat(GatewayTime.format(12_340_000_000L)).isEqualTo("12340.00");
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusText(response.body());
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, java.util.Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static void assertGatewayTimeWithoutUpstream(Timed<HttpResponse<String>> timed) {
        double overhead = overheadMillis(timed.result());
        assertThat(overhead).isNotNegative();
        assertThat(overhead).as("smaller than the client's total of %s ms", timed.millis()).isLessThan(timed.millis());
        // the emulator's latency is upstream time: what is left is well under it
        assertThat(overhead).isLessThan(timed.millis() - LATENCY.toMillis() + 1.0);
        assertThat(overhead).isLessThan(LATENCY.toMillis() / 2.0);
    }

    private static double overheadMillis(HttpResponse<String> response) {
        String header = response.headers().firstValue(GatewayTime.HEADER).orElseThrow(
                () -> new AssertionError("no " + GatewayTime.HEADER + " header in " + response.headers().map()));
        assertThat(header).matches("\\d+\\.\\d{2}");
        return Double.parseDouble(header);
    }

    private record Timed<T>(T result, double millis) {
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> Timed<T> timed(Call<T> call) throws Exception {
        long start = System.nanoTime();
        T result = call.call();
        return new Timed<>(result, (System.nanoTime() - start) / 1e6);
    }
}
