package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code :streamGenerateContent}, with {@code alt=sse} and as a streamed JSON array, against the emulator. */
class GeminiStreamRouteTest extends GatewayTestSupport {

    record Received(String data, long nanos) {
    }

    record Streamed(int status, String contentType, List<Received> events, String body) {
        List<JsonNode> json() {
            return events.stream().map(e -> {
                try {
                    return JSON.readTree(e.data());
                } catch (IOException x) {
                    throw new IllegalStateException(x);
                }
            }).toList();
        }
    }

    private static final String HELLO = """
            {"contents": [{"role": "user", "parts": [{"text": "stream please"}]}]}""";

    Streamed sse(String model, String body) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(url("/v1beta/models/" + model + ":streamGenerateContent?alt=sse")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200) {
            return new Streamed(response.statusCode(), contentType, List.of(),
                    new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Received> events = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("data: ")) {
                    events.add(new Received(line.substring(6), System.nanoTime()));
                }
            }
        }
        return new Streamed(200, contentType, events, all.toString());
    }

    @Test
    void sseEventsAreGenerateContentResponsesEndingWithFinishAndUsage() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("Hel", "lo", " world"));

        Streamed s = sse("gemini-2.5-flash", HELLO);

        assertThat(s.status()).isEqualTo(200);
        assertThat(s.contentType()).startsWith("text/event-stream");
        assertThat(s.body()).doesNotContain("[DONE]").doesNotContain("event:");
        List<JsonNode> chunks = s.json();
        assertThat(chunks).hasSize(4);
        assertThat(chunks.subList(0, 3)).extracting(c -> c.at("/candidates/0/content/parts/0/text").asText())
                .containsExactly("Hel", "lo", " world");
        assertThat(chunks.subList(0, 3)).allSatisfy(c -> {
            assertThat(c.at("/candidates/0/content/role").asText()).isEqualTo("model");
            assertThat(c.at("/candidates/0/finishReason").isMissingNode()).isTrue();
            assertThat(c.get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        });
        JsonNode last = chunks.get(3);
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asInt()).isPositive();
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isPositive();
        assertThat(chunks).extracting(c -> c.get("responseId").asText()).containsOnly(chunks.get(0).get("responseId").asText());
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArray() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("a", "b"));

        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode array = json(response);
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        assertThat(array.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("a");
        assertThat(array.get(1).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("b");
        assertThat(array.get(2).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void eventsReachTheClientWhileGigaChatIsStillSending() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("first", " second", " third"));
        EMULATOR.faults().stallStreamAfter(1, Duration.ofMillis(1500));

        Streamed s = sse("gemini-2.5-flash", HELLO);
        List<Long> sent = EMULATOR.lastStreamSentNanos();

        assertThat(s.json().get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("first");
        assertThat(sent.size()).isGreaterThanOrEqualTo(3);
        // the first piece was translated and flushed before GigaChat sent the rest
        assertThat(s.events().get(0).nanos()).as("first event received before the last upstream event was sent")
                .isLessThan(sent.get(sent.size() - 1));
        assertThat(s.events().get(0).nanos()).isGreaterThan(sent.get(0));
    }

    @Test
    void aFunctionCallStreamsAsAFunctionCallPart() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.functionCall("list_directory", Map.of("dir_path", ".")));

        Streamed s = sse("gemini-2.5-pro", """
                {"contents": [{"role": "user", "parts": [{"text": "what is here?"}]}],
                 "tools": [{"functionDeclarations": [{"name": "list_directory",
                   "parametersJsonSchema": {"type": "object", "properties": {"dir_path": {"type": "string"}}}}]}]}""");

        List<JsonNode> chunks = s.json();
        JsonNode call = chunks.get(0).at("/candidates/0/content/parts/0/functionCall");
        assertThat(call.get("name").asText()).isEqualTo("list_directory");
        assertThat(call.at("/args/dir_path").asText()).isEqualTo(".");
        assertThat(call.get("id").asText()).startsWith("call_");
        assertThat(chunks.get(chunks.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void anUpstreamErrorBeforeTheFirstEventIsAnHttpErrorInGooglesShape() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 429, "{\"status\":429,\"message\":\"Too many requests\"}",
                Map.of("Retry-After", "3"));

        Streamed s = sse("gemini-2.5-flash", HELLO);

        assertThat(s.status()).isEqualTo(429);
        JsonNode error = JSON.readTree(s.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(429);
        assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.get("message").asText()).contains("Too many requests");
    }

    @Test
    void aConnectionDroppedMidStreamEndsWithAnErrorObject() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("one", " two", " three"));
        EMULATOR.faults().dropStreamAfter(1);

        Streamed s = sse("gemini-2.5-flash", HELLO);

        assertThat(s.status()).isEqualTo(200);
        List<JsonNode> chunks = s.json();
        assertThat(chunks.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("one");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/error/code").asInt()).isGreaterThanOrEqualTo(500);
        assertThat(last.at("/error/status").asText()).isIn("UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED");
    }

    @Test
    void candidateCountAboveOneIsRefusedWhenStreamed() throws Exception {
        Streamed s = sse("gemini-2.5-flash", """
                {"contents": [{"parts": [{"text": "x"}]}], "generationConfig": {"candidateCount": 2}}""");

        assertThat(s.status()).isEqualTo(400);
        assertThat(JSON.readTree(s.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(JSON.readTree(s.body()).at("/error/message").asText()).contains("candidateCount");
    }
}
