package io.gigagate.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What Claude Code (2.1.x) sends, replayed in its public request shape: {@code /v1/messages?beta=true} with
 * {@code anthropic-version}, {@code anthropic-beta} and a Bearer token, long system blocks with
 * {@code cache_control}, more than 15 tools whose input schemas are JSON Schema draft 2020-12, {@code stream:
 * true}, {@code thinking} with a large budget, {@code context_management}, {@code metadata.user_id} as a JSON
 * text, the tool-result turn, count_tokens, and the small model's title call. The streamed text and tool use
 * must come out right, in Anthropic's events.
 */
class ClaudeCodeReplayTest extends GatewayTestSupport {

    private static final String SESSION = "9219d56e-18e3-4bf9-aa3d-9cee115ec0e7";
    private static final String[] HEADERS = {"anthropic-version", "2023-06-01",
            "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27",
            "Authorization", "Bearer gg-claude-code-token", "x-app", "cli",
            "User-Agent", "claude-cli/2.1.112 (external, sdk-cli)", "x-claude-code-session-id", SESSION,
            "anthropic-dangerous-direct-browser-access", "true"};
    private static final List<String> TOOLS = List.of("Agent", "Bash", "Edit", "Glob", "Grep", "NotebookEdit", "Read",
            "Skill", "TaskOutput", "TaskStop", "TodoWrite", "WebFetch", "WebSearch", "Write", "AskUserQuestion",
            "EnterPlanMode", "ExitPlanMode");

    /** A draft 2020-12 schema as Claude Code writes them (zod → JSON Schema). */
    private static ObjectNode schema(String tool) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("description").put("type", "string").put("description", "What " + tool + " does, in 3-5 words");
        properties.putObject("timeout").put("type", "number").put("maximum", 600000).put("exclusiveMinimum", 0);
        properties.putObject("mode").put("type", "string").putArray("enum").add("fast").add("thorough");
        ObjectNode items = properties.putObject("todos").put("type", "array").putObject("items");
        items.put("type", "object").put("additionalProperties", false);
        items.putObject("properties").putObject("content").put("type", "string").put("minLength", 1);
        items.putArray("required").add("content");
        schema.putArray("required").add("description");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ArrayNode tools() {
        ArrayNode tools = JSON.createArrayNode();
        TOOLS.forEach(name -> tools.addObject().put("name", name)
                .put("description", "The " + name + " tool. " + "Use it when the task needs it. ".repeat(20))
                .set("input_schema", schema(name)));
        return tools;
    }

    private static ArrayNode system() {
        ArrayNode system = JSON.createArrayNode();
        system.addObject().put("type", "text").put("text", "x-anthropic-billing-header: cc_version=2.1.112; cc_entrypoint=cli;");
        system.addObject().put("type", "text").put("text", "You are Claude Code, Anthropic's official CLI for Claude.")
                .putObject("cache_control").put("type", "ephemeral");
        system.addObject().put("type", "text").put("text", "Guidance for software tasks. ".repeat(800))
                .putObject("cache_control").put("type", "ephemeral");
        return system;
    }

    private static ObjectNode mainRequest(ArrayNode messages) {
        ObjectNode request = JSON.createObjectNode();
        request.put("model", "claude-sonnet-4-5-20250929");
        request.set("messages", messages);
        request.set("system", system());
        request.set("tools", tools());
        request.putObject("metadata").put("user_id", "{\"device_id\":\"5f61db3f\",\"account_uuid\":\"\",\"session_id\":\""
                + SESSION + "\"}");
        request.put("max_tokens", 32000);
        request.putObject("thinking").put("type", "enabled").put("budget_tokens", 31999);
        request.putObject("context_management").putArray("edits").addObject().put("type", "clear_thinking_20251015")
                .put("keep", "all");
        request.put("stream", true);
        return request;
    }

    private static ArrayNode firstTurn() {
        ArrayNode messages = JSON.createArrayNode();
        ArrayNode content = messages.addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "<system-reminder>\nSkills are available.\n</system-reminder>");
        content.addObject().put("type", "text").put("text", "<system-reminder>\nToday's date is 2026-12-07.\n</system-reminder>");
        content.addObject().put("type", "text").put("text", "List the files here")
                .putObject("cache_control").put("type", "ephemeral");
        return messages;
    }

    /** The data of each event, with its event name checked against the data's type. */
    private static List<JsonNode> events(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        for (String event : response.body().split("\n\n")) {
            String[] lines = event.split("\n");
            assertThat(lines).as(event).hasSize(2);
            JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
            assertThat(lines[0]).isEqualTo("event: " + data.get("type").asText());
            events.add(data);
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    @Test
    void aSessionWithToolUseStreamsRightAndKeepsClaudeCodesHeadersFromGigaChat() throws Exception {
        // turn 1: the model uses a tool
        List<JsonNode> first = events(post("/v1/messages?beta=true", mainRequest(firstTurn()).toString(), HEADERS));

        // thinking is on: GigaChat's reasoning (the emulator gives some for an effort) is a thinking block first
        assertThat(types(first)).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop");
        assertThat(first.get(0).at("/message/model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(first.get(0).at("/message/content")).isEmpty();
        assertThat(first.get(1).at("/content_block/type").asText()).isEqualTo("thinking");
        assertThat(first.get(2).at("/delta/type").asText()).isEqualTo("thinking_delta");
        assertThat(first.get(2).at("/delta/thinking").asText()).startsWith("Reasoning (high)");
        assertThat(first.get(3).at("/delta/type").asText()).isEqualTo("signature_delta");
        assertThat(first.get(5).get("index").asInt()).isEqualTo(1);
        JsonNode toolUse = first.get(5).get("content_block");
        assertThat(toolUse.get("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.get("name").asText()).isEqualTo("Agent");
        assertThat(toolUse.get("id").asText()).startsWith("toolu_");
        String partialJson = first.stream().filter(e -> e.at("/delta/type").asText().equals("input_json_delta"))
                .map(e -> e.at("/delta/partial_json").asText()).reduce("", String::concat);
        JsonNode input = JSON.readTree(partialJson);
        assertThat(input.isObject()).isTrue();
        assertThat(input.has("description")).isTrue();
        assertThat(first.get(8).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(first.get(8).at("/usage/input_tokens").asInt()).isPositive();

        RecordedRequest sent = EMULATOR.lastRequest("/chat/completions");
        JsonNode chat = sent.chat();
        assertThat(chat.get("model").asText()).isEqualTo("GigaChat-2-Pro");
        assertThat(chat.get("functions")).hasSize(TOOLS.size());
        assertThat(chat.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(chat.at("/messages/0/content").asText()).startsWith("x-anthropic-billing-header")
                .contains("You are Claude Code", "Guidance for software tasks.");
        assertThat(chat.at("/messages/1/content").asText()).endsWith("List the files here");
        assertThat(chat.get("reasoning_effort").asText()).as("thinking.budget_tokens 31999").isEqualTo("high");
        assertThat(sent.header("X-Session-ID")).isEqualTo(SESSION);
        assertThat(sent.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("anthropic")
                || h.equalsIgnoreCase("x-app") || h.equalsIgnoreCase("x-claude-code-session-id"));
        assertThat(sent.header("Authorization")).doesNotContain("gg-claude-code-token");

        // turn 2: Claude Code hands the tool's result back; the model answers in text
        ArrayNode messages = firstTurn();
        ObjectNode assistant = messages.addObject().put("role", "assistant");
        ArrayNode said = assistant.putArray("content");
        said.addObject().put("type", "thinking").put("thinking", first.get(2).at("/delta/thinking").asText())
                .put("signature", first.get(3).at("/delta/signature").asText());
        said.addObject().put("type", "tool_use").put("id", toolUse.get("id").asText())
                .put("name", "Agent").set("input", input);
        ObjectNode result = messages.addObject().put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", toolUse.get("id").asText());
        result.putArray("content").addObject().put("type", "text").put("text", "README.md\npom.xml");
        result.putObject("cache_control").put("type", "ephemeral");
        List<JsonNode> second = events(post("/v1/messages?beta=true", mainRequest(messages).toString(), HEADERS));

        assertThat(types(second)).startsWith("message_start", "content_block_start").endsWith("content_block_stop",
                "message_delta", "message_stop");
        assertThat(second.get(1).at("/content_block/type").asText()).isEqualTo("thinking");
        String text = second.stream().filter(e -> e.at("/delta/type").asText().equals("text_delta"))
                .map(e -> e.at("/delta/text").asText()).reduce("", String::concat);
        assertThat(text).isEqualTo("Function Agent returned: {\"result\":\"README.md\\npom.xml\"}");
        assertThat(second.get(second.size() - 2).at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        JsonNode resent = EMULATOR.lastRequest("/chat/completions").chat().get("messages");
        assertThat(resent.toString()).as("thinking is not sent back").doesNotContain("Reasoning (high)");
        assertThat(resent.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(resent.get(2).at("/function_call/name").asText()).isEqualTo("Agent");
        assertThat(resent.get(3).get("role").asText()).isEqualTo("function");
    }

    @Test
    void countTokensSumsSystemMessagesAndToolDefinitions() throws Exception {
        ObjectNode request = mainRequest(firstTurn());
        request.remove("stream");
        request.remove("max_tokens");
        HttpResponse<String> response = post("/v1/messages/count_tokens?beta=true", request.toString(), HEADERS);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        int total = json(response).get("input_tokens").asInt();
        JsonNode counted = EMULATOR.lastRequest("/tokens/count").json().get("input");
        assertThat(counted.toString()).contains("You are Claude Code", "List the files here", "TodoWrite");
        // the emulator counts a token per four characters: the tools' definitions alone are several thousand
        assertThat(total).isGreaterThan(5000);
    }

    @Test
    void theSmallModelsTitleCallIsAnsweredByTheSmallGigaChat() throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.put("model", "claude-haiku-4-5-20251001");
        request.put("max_tokens", 512);
        request.put("temperature", 1);
        request.putArray("system").addObject().put("type", "text")
                .put("text", "Summarize this coding conversation in under 50 characters. Reply with the title only.");
        request.putArray("messages").addObject().put("role", "user").put("content", "List the files here");
        request.putObject("metadata").put("user_id", "{\"session_id\":\"" + SESSION + "\"}");
        request.put("stream", true);
        List<JsonNode> events = events(post("/v1/messages?beta=true", request.toString(), HEADERS));

        String text = events.stream().filter(e -> e.at("/delta/type").asText().equals("text_delta"))
                .map(e -> e.at("/delta/text").asText()).reduce("", String::concat);
        assertThat(text).isEqualTo("Echo: List the files here");
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2");
    }
}
