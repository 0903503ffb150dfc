package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Streams are bounded by an idle timeout between events and a total timeout, each ending the stream
 * with an error event; neither is a framework timeout that cuts healthy streams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamTimeoutsTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("stream-token").build().start();
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.access-token", () -> "stream-token");
        registry.add("gigachat.credentials", () -> "");
        registry.add("gigagate.stream.idle-timeout", () -> "800ms");
        registry.add("gigagate.stream.total-timeout", () -> "1500ms");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @BeforeEach
    void reset() {
        EMULATOR.faults().reset();
    }

    private List<String> stream(String extra) throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"GigaChat\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"slow\"}]" + extra + "}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                }
            }
        }
        return data;
    }

    @Test
    void anUpstreamThatStallsPastTheIdleTimeoutEndsWithAnErrorEvent() throws Exception {
        EMULATOR.faults().stallStreamAfter(1, Duration.ofSeconds(3));

        List<String> data = stream("");

        assertThat(data).doesNotContain("[DONE]");
        JsonNode error = JSON.readTree(data.get(data.size() - 1)).get("error");
        assertThat(error.get("code").asText()).isEqualTo("upstream_idle_timeout");
        assertThat(data.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aStreamLongerThanTheTotalTimeoutEndsWithAnErrorEvent() throws Exception {
        // five events 600 ms apart: each gap is within the idle timeout, the whole is not
        List<String> data = stream(",\"update_interval\":0.6");

        assertThat(data).doesNotContain("[DONE]");
        JsonNode error = JSON.readTree(data.get(data.size() - 1)).get("error");
        assertThat(error.get("code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    void aSlowButSteadyStreamWithinTheLimitsCompletes() throws Exception {
        List<String> data = stream(",\"update_interval\":0.2");

        assertThat(data).last().isEqualTo("[DONE]");
    }
}
