package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request sequence Codex CLI sends for one turn with a shell command, as its public request shape is
 * (a custom provider with {@code wire_api = "responses"}): long {@code instructions}; {@code input} items
 * (the user's instructions and environment as user messages, then the prompt); {@code tools} with
 * function tools ({@code shell}, {@code update_plan}), a custom grammar tool ({@code apply_patch}), a
 * {@code namespace} of tools (as Codex 0.171 sends its sub-agent tools) and a built-in one ({@code web_search}); {@code tool_choice: auto}, {@code parallel_tool_calls: false},
 * {@code reasoning}, {@code store: false}, {@code stream: true}, {@code include}, {@code prompt_cache_key}.
 * The first turn must stream a well-formed {@code shell} call; the follow-up (the whole history again,
 * with a reasoning item, the call without an id and its output) must stream the answer.
 */
class ResponsesCodexReplayTest extends ResponsesTestSupport {

    private static final String TOOLS = """
            [{"type": "function", "name": "shell", "description": "Runs a shell command and returns its output.",
              "strict": false, "parameters": {"type": "object", "properties": {
                "command": {"type": "array", "items": {"type": "string"}, "description": "The command to execute"},
                "workdir": {"type": "string", "description": "The working directory"},
                "timeout_ms": {"type": "number", "description": "The timeout in milliseconds"}},
               "required": ["command"], "additionalProperties": false}},
             {"type": "function", "name": "update_plan", "description": "Updates the task plan.", "strict": false,
              "parameters": {"type": "object", "properties": {"explanation": {"type": "string"},
                "plan": {"type": "array", "items": {"type": "object", "properties": {"step": {"type": "string"},
                  "status": {"type": "string"}}, "required": ["step", "status"], "additionalProperties": false}}},
               "required": ["plan"], "additionalProperties": false}},
             {"type": "custom", "name": "apply_patch", "description": "Use the apply_patch tool to edit files.",
              "format": {"type": "grammar", "syntax": "lark", "definition": "start: begin_patch hunk+ end_patch"}},
             {"type": "namespace", "name": "multi_agent_v1", "description": "Tools for spawning and managing sub-agents.",
              "tools": [{"type": "function", "name": "spawn_agent", "description": "Spawns a sub-agent.", "strict": false,
                "parameters": {"type": "object", "properties": {"task": {"type": "string"}}, "required": ["task"],
                 "additionalProperties": false}}]},
             {"type": "web_search", "external_web_access": false}]""";

    private static final boolean V2 = "v2".equals(System.getProperty(API_MODE_PROPERTY));

    /**
     * The tools as Codex sends them; on the v2 contract without the web search, which GigaChat serves there
     * and the emulator then always uses instead of the shell (ResponsesRouteTest covers that mapping).
     */
    private static String tools() {
        return V2 ? TOOLS.substring(0, TOOLS.lastIndexOf(",\n")) + "]" : TOOLS; // the web search is the last tool
    }

    private static final String FIRST_INPUT = """
            [{"type": "message", "role": "user", "content": [{"type": "input_text",
               "text": "<user_instructions>\\nBe careful.\\n</user_instructions>"}]},
             {"type": "message", "role": "user", "content": [{"type": "input_text",
               "text": "<environment_context>\\n  <cwd>/tmp/project</cwd>\\n  <approval_policy>never</approval_policy>\\n  <sandbox_mode>read-only</sandbox_mode>\\n</environment_context>"}]},
             {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "List the files here."}]}]""";

    private static String turn(String input) {
        return """
                {"model": "gpt-5", "instructions": "You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI.",
                 "input": %s, "tools": %s, "tool_choice": "auto", "parallel_tool_calls": false,
                 "reasoning": {"effort": "medium", "summary": "auto"}, "store": false, "stream": true,
                 "include": ["reasoning.encrypted_content"], "prompt_cache_key": "0199a0b1-7c2d-7e3f-8a4b-5c6d7e8f9a0b",
                 "text": {"verbosity": "medium"}}""".formatted(input, tools());
    }

    @Test
    void aShellCallTurnAndItsFollowUp() throws Exception {
        Streamed first = stream(turn(FIRST_INPUT));

        assertWellFormed(first);
        assertThat(first.response().headers().firstValue("x-gigagate-ignored-tools"))
                .isEqualTo(V2 ? java.util.Optional.empty() : java.util.Optional.of("web_search"));
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).startsWith("You are Codex");
        assertThat(sent.get("functions")).extracting(f -> f.get("name").asText())
                .containsExactly("shell", "update_plan", "apply_patch", "spawn_agent");
        // reasoning: {effort: medium} makes GigaChat think aloud first: a reasoning item with its summary
        JsonNode reasoning = first.events().get(2).data().get("item");
        assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
        assertThat(first.names()).contains("response.reasoning_summary_text.delta", "response.reasoning_summary_text.done");
        assertThat(sent.get("reasoning_effort").asText()).isEqualTo("medium");
        Event call = first.events().stream().filter(e -> e.type().equals("response.output_item.done")
                && e.data().at("/item/type").asText().equals("function_call")).findFirst().orElseThrow();
        JsonNode item = call.data().get("item");
        assertThat(item.get("type").asText()).isEqualTo("function_call");
        assertThat(item.get("name").asText()).isEqualTo("shell");
        JsonNode arguments = JSON.readTree(item.get("arguments").asText());
        assertThat(arguments.get("command").isArray()).isTrue();
        assertThat(first.names()).contains("response.function_call_arguments.delta",
                "response.function_call_arguments.done");
        JsonNode completed = first.last().data().get("response");
        assertThat(first.last().type()).isEqualTo("response.completed");
        assertThat(completed.get("store").asBoolean()).isFalse();
        assertThat(completed.get("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(completed.at("/reasoning/effort").asText()).isEqualTo("medium");
        // store: false keeps nothing
        assertThat(get("/v1/responses/" + completed.get("id").asText()).statusCode()).isEqualTo(404);

        // the follow-up: Codex sends the whole history again, the call without its item id
        ArrayNode history = (ArrayNode) JSON.readTree(FIRST_INPUT);
        ObjectNode thought = history.addObject().put("type", "reasoning").put("encrypted_content", "opaque");
        thought.putArray("summary").addObject().put("type", "summary_text").put("text", first.events().stream()
                .filter(e -> e.type().equals("response.reasoning_summary_text.done")).findFirst().orElseThrow()
                .data().get("text").asText());
        ObjectNode replayed = history.addObject().put("type", "function_call").put("name", "shell")
                .put("arguments", item.get("arguments").asText()).put("call_id", item.get("call_id").asText());
        history.addObject().put("type", "function_call_output").put("call_id", replayed.get("call_id").asText())
                .put("output", "{\"output\":\"README.md\\nsrc\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.1}}");
        Streamed second = stream(turn(history.toString()));

        assertWellFormed(second);
        JsonNode followUp = EMULATOR.lastRequest("/chat/completions").chat();
        JsonNode messages = followUp.get("messages");
        assertThat(messages.get(messages.size() - 2).at("/function_call/name").asText()).isEqualTo("shell");
        assertThat(messages.get(messages.size() - 1).get("role").asText()).isEqualTo("function");
        assertThat(messages.get(messages.size() - 1).get("content").asText()).contains("README.md");
        StringBuilder text = new StringBuilder();
        second.events().stream().filter(e -> e.type().equals("response.output_text.delta"))
                .forEach(e -> text.append(e.data().get("delta").asText()));
        assertThat(text.toString()).startsWith("Function shell returned:").contains("README.md");
        assertThat(second.last().type()).isEqualTo("response.completed");
        JsonNode output = second.last().data().at("/response/output");
        assertThat(output.get(0).get("type").asText()).isEqualTo("reasoning");
        assertThat(output.get(1).at("/content/0/text").asText()).isEqualTo(text.toString());
        assertThat(second.names()).containsSubsequence(List.of("response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed"));
    }
}
