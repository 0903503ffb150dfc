package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays what Gemini CLI 0.61 sends (recorded from the real CLI against this gateway in emulator mode,
 * see docs/clients.md): a ~23K-character systemInstruction, eight functionDeclarations with
 * parametersJsonSchema, thinkingConfig with includeThoughts, {@code streamGenerateContent?alt=sse}, the
 * key in {@code x-goog-api-key}; then the turn with its function's response; and countTokens of the
 * contents.
 */
class GeminiCliReplayTest extends GatewayTestSupport {

    private static final String STREAM = "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse";

    private static String fixture(String name) throws IOException {
        try (InputStream in = GeminiCliReplayTest.class.getResourceAsStream("/gemini/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<JsonNode> events(HttpResponse<String> response) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(JSON.readTree(line.substring(6)));
            }
        }
        return out;
    }

    @Test
    void theCliFirstTurnStreamsText() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("Hello", "!"));

        HttpResponse<String> response = post(STREAM, fixture("gemini-cli-first-turn.json"), "x-goog-api-key", "cli-key");

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = events(response);
        StringBuilder text = new StringBuilder();
        StringBuilder thoughts = new StringBuilder();
        events.forEach(e -> e.at("/candidates/0/content/parts").forEach(p ->
                (p.path("thought").asBoolean(false) ? thoughts : text).append(p.path("text").asText(""))));
        assertThat(text.toString()).isEqualTo("Hello!");
        // the CLI asks for thoughts (includeThoughts): GigaChat's reasoning comes as thought parts, before the text
        assertThat(thoughts.toString()).isNotEmpty();
        assertThat(events.get(events.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(events.get(events.size() - 1).at("/usageMetadata/totalTokenCount").asInt()).isPositive();

        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2-Max");
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText().length()).isGreaterThan(20000);
        assertThat(sent.at("/messages/1/content").asText()).contains("<session_context>").endsWith("Say hello in one word");
        assertThat(sent.get("functions")).hasSize(8);
        List<String> names = new ArrayList<>();
        sent.get("functions").forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).contains("update_topic", "read_file", "google_web_search", "list_directory");
        assertThat(sent.get("function_call").asText()).isEqualTo("auto");
        assertThat(sent.get("reasoning_effort").asText()).isEqualTo("high"); // thinkingBudget 8192
        assertThat(sent.has("top_k")).isFalse();
    }

    @Test
    void theCliGetsAFunctionCallAndItsResponseGoesBackToGigaChat() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.functionCall("list_directory", Map.of("dir_path", ".")));

        List<JsonNode> first = events(post(STREAM, fixture("gemini-cli-first-turn.json"), "x-goog-api-key", "cli-key"));

        JsonNode call = first.stream().map(e -> e.at("/candidates/0/content/parts/0/functionCall"))
                .filter(JsonNode::isObject).findFirst().orElseThrow(); // after the thought parts
        assertThat(call.get("name").asText()).isEqualTo("list_directory");
        assertThat(call.at("/args/dir_path").asText()).isEqualTo(".");
        String id = call.get("id").asText();

        // the CLI's next turn, as recorded, with this call and its result in place of the recorded ones
        ObjectNode next = (ObjectNode) JSON.readTree(fixture("gemini-cli-function-response.json"));
        ObjectNode modelCall = (ObjectNode) next.at("/contents/1/parts/0/functionCall");
        modelCall.put("id", id).put("name", "list_directory");
        modelCall.putObject("args").put("dir_path", ".");
        ObjectNode result = (ObjectNode) next.at("/contents/2/parts/0/functionResponse");
        result.put("id", id).put("name", "list_directory");
        result.putObject("response").put("output", "README.md\nsrc/");

        HttpResponse<String> response = post(STREAM, JSON.writeValueAsString(next), "x-goog-api-key", "cli-key");

        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        events(response).forEach(e -> e.at("/candidates/0/content/parts").forEach(p -> {
            if (!p.path("thought").asBoolean(false)) {
                text.append(p.path("text").asText(""));
            }
        }));
        assertThat(text.toString()).startsWith("Function list_directory returned:").contains("README.md");
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        JsonNode assistant = sent.at("/messages/2");
        assertThat(assistant.at("/function_call/name").asText()).isEqualTo("list_directory");
        assertThat(assistant.get("functions_state_id").asText()).isEqualTo(id.substring("call_".length()));
        assertThat(sent.at("/messages/3/role").asText()).isEqualTo("function");
        assertThat(sent.at("/messages/3/content").asText()).contains("README.md");
    }

    @Test
    void theCliCountsTokensOfItsContents() throws Exception {
        JsonNode turn = JSON.readTree(fixture("gemini-cli-first-turn.json"));
        ObjectNode count = JSON.createObjectNode();
        count.set("contents", turn.get("contents"));

        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-pro:countTokens", JSON.writeValueAsString(count),
                "x-goog-api-key", "cli-key");

        assertThat(response.statusCode()).isEqualTo(200);
        int expected = 0;
        for (JsonNode input : EMULATOR.lastRequest("/tokens/count").json().get("input")) {
            expected += (input.asText().codePointCount(0, input.asText().length()) + 3) / 4;
        }
        assertThat(json(response).get("totalTokens").asInt()).isEqualTo(expected).isPositive();
        assertThat(EMULATOR.lastRequest("/tokens/count").json().get("input").toString()).contains("Say hello in one word");
    }
}
