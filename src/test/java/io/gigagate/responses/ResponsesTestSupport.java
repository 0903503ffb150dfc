package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.OpenAiJavaTestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running gateway with a reader of /v1/responses streams (named events, their data and arrival times) and
 * the official openai-java client, pointed at the gateway's /v1.
 */
abstract class ResponsesTestSupport extends OpenAiJavaTestSupport {

    /** One SSE event as the client saw it: its name, data, and when it arrived. */
    record Event(String name, JsonNode data, long nanos) {
        String type() {
            return data.path("type").asText();
        }
    }

    record Streamed(int status, HttpResponse<InputStream> response, List<Event> events, String errorBody) {
        List<String> names() {
            return events.stream().map(Event::name).toList();
        }

        Event last() {
            return events.get(events.size() - 1);
        }
    }

    protected Streamed stream(String body) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/responses")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            return new Streamed(response.statusCode(), response, List.of(),
                    new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Event> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, JSON.readTree(line.substring(6)), System.nanoTime()));
                    name = null;
                }
            }
        }
        return new Streamed(200, response, events, null);
    }

    protected static void assertWellFormed(Streamed s) {
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        for (int i = 0; i < s.events().size(); i++) {
            Event e = s.events().get(i);
            assertThat(e.name()).as("event %d is named after its type", i).isEqualTo(e.type());
            assertThat(e.data().path("sequence_number").asInt(-1)).as("sequence number of event %d", i).isEqualTo(i);
        }
    }
}
