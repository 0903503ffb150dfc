package io.gigagate.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic front's pure parts: the request parser, the answer mapper, the error shape and statuses. */
class AnthropicMappingTest {

    private static AnthropicRequestParser.Parsed parse(String json) {
        return AnthropicRequestParser.parse(json.getBytes(StandardCharsets.UTF_8), false);
    }

    private static JsonNode chat(AnthropicRequestParser.Parsed parsed) {
        return WireJson.mapper().valueToTree(parsed.chat());
    }

    @Test
    void aFullRequestBecomesTheChatRequest() {
        AnthropicRequestParser.Parsed parsed = parse("""
                {"model": "claude-opus-4-1", "max_tokens": 100, "temperature": 0.2, "top_p": 0.9, "top_k": 40,
                 "stop_sequences": ["END"], "stream": true, "metadata": {"user_id": "u-1"},
                 "system": [{"type": "text", "text": "One."}, {"type": "text", "text": "Two.", "cache_control": {"type": "ephemeral"}}],
                 "thinking": {"type": "enabled", "budget_tokens": 2048},
                 "tools": [{"name": "f", "description": "d", "input_schema": {"type": "object"}, "cache_control": {"type": "ephemeral"}}],
                 "tool_choice": {"type": "any", "disable_parallel_tool_use": true},
                 "messages": [{"role": "user", "content": "hi"}]}
                """);

        JsonNode chat = chat(parsed);
        assertThat(chat.get("model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(chat.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(chat.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(chat.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(chat.has("stop")).as("the front cuts stop sequences itself").isFalse();
        assertThat(chat.get("stream").asBoolean()).isTrue();
        assertThat(chat.get("user").asText()).isEqualTo("u-1");
        assertThat(chat.at("/messages/0/content").asText()).isEqualTo("One.\n\nTwo.");
        assertThat(chat.get("reasoning_effort").asText()).isEqualTo("low");
        assertThat(chat.at("/tools/0/function/parameters")).isEqualTo(WireJson.mapper().createObjectNode().put("type", "object"));
        assertThat(chat.get("tool_choice").asText()).isEqualTo("required");
        assertThat(chat.get("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(parsed.front()).isEqualTo(new AnthropicRequest("claude-opus-4-1", true, List.of("END"), true, List.of()));
    }

    @Test
    void thinkingBudgetsBecomeReasoningEffortByTheGatewaysRule() {
        assertThat(AnthropicRequestParser.reasoningEffort(node("{\"type\":\"enabled\",\"budget_tokens\":1024}"))).isEqualTo("low");
        assertThat(AnthropicRequestParser.reasoningEffort(node("{\"type\":\"enabled\",\"budget_tokens\":4096}"))).isEqualTo("medium");
        assertThat(AnthropicRequestParser.reasoningEffort(node("{\"type\":\"enabled\",\"budget_tokens\":8000}"))).isEqualTo("high");
        assertThat(AnthropicRequestParser.reasoningEffort(node("{\"type\":\"enabled\",\"budget_tokens\":31999}"))).isEqualTo("high");
        assertThat(AnthropicRequestParser.reasoningEffort(node("{\"type\":\"adaptive\"}"))).isEqualTo("medium");
        assertThat(AnthropicRequestParser.reasoningEffort(node("{\"type\":\"disabled\"}"))).isNull();

        AnthropicRequestParser.Parsed sonnet = parse("{\"model\":\"claude-sonnet-4\",\"max_tokens\":5,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":20000},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(chat(sonnet).get("reasoning_effort").asText()).isEqualTo("high");
        assertThat(sonnet.front().thinking()).isTrue();
    }

    @Test
    void blocksBecomeChatParts() {
        JsonNode chat = chat(parse("""
                {"model": "m", "max_tokens": 1, "messages": [
                  {"role": "user", "content": [
                    {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}},
                    {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0="}},
                    {"type": "document", "title": "notes.txt", "source": {"type": "text", "media_type": "text/plain", "data": "hello"}},
                    {"type": "text", "text": "look"}]},
                  {"role": "assistant", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"},
                    {"type": "tool_use", "id": "toolu_0b7a3c1e-1111-4222-8333-444455556666", "name": "f", "input": {"x": 1}}]},
                  {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_0b7a3c1e-1111-4222-8333-444455556666", "content": "42"},
                    {"type": "text", "text": "thanks"}]}]}
                """));

        JsonNode parts = chat.at("/messages/0/content");
        assertThat(parts.at("/0/image_url/url").asText()).isEqualTo("https://example.com/cat.png");
        assertThat(parts.at("/1/file/file_data").asText()).isEqualTo("data:application/pdf;base64,JVBERi0=");
        assertThat(parts.at("/1/file/filename").asText()).isEqualTo("document.pdf");
        assertThat(parts.at("/2/file/filename").asText()).isEqualTo("notes.txt");
        assertThat(parts.at("/2/file/file_data").asText()).isEqualTo("data:text/plain;base64,"
                + Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
        JsonNode assistant = chat.at("/messages/1");
        assertThat(assistant.get("content").asText()).isEqualTo("a\nb");
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_0b7a3c1e-1111-4222-8333-444455556666");
        assertThat(assistant.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"x\":1}");
        assertThat(chat.at("/messages/2/role").asText()).isEqualTo("tool");
        assertThat(chat.at("/messages/2/tool_call_id").asText()).isEqualTo("call_0b7a3c1e-1111-4222-8333-444455556666");
        assertThat(chat.at("/messages/2/content").asText()).isEqualTo("42");
        assertThat(chat.at("/messages/3/role").asText()).isEqualTo("user");
        assertThat(chat.at("/messages/3/content/0/text").asText()).isEqualTo("thanks");
    }

    @Test
    void serverToolsAreNamedAndLeftOut() {
        AnthropicRequestParser.Parsed parsed = parse("""
                {"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": "x"}],
                 "tools": [{"type": "web_search_20250305", "name": "web_search"}, {"type": "bash_20250124", "name": "bash"},
                           {"type": "custom", "name": "mine", "input_schema": {"type": "object"}}],
                 "tool_choice": {"type": "auto"}}
                """);
        assertThat(parsed.front().ignoredTools()).containsExactly("bash");
        assertThat(parsed.front().builtInTools()).containsExactly(
                new io.gigagate.gigachat.BuiltInTool.Requested(io.gigagate.gigachat.BuiltInTool.WEB_SEARCH, "web_search"));
        assertThat(chat(parsed).get("tools")).hasSize(1);

        AnthropicRequestParser.Parsed onlyServer = parse("{\"model\":\"m\",\"max_tokens\":1,\"tools\":[{\"type\":"
                + "\"web_fetch_20250910\",\"name\":\"web_fetch\"}],\"tool_choice\":{\"type\":\"any\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(chat(onlyServer).has("tools")).isFalse();
        assertThat(onlyServer.front().builtInTools()).extracting(io.gigagate.gigachat.BuiltInTool.Requested::tool)
                .containsExactly(io.gigagate.gigachat.BuiltInTool.URL_CONTENT_EXTRACTION);
        assertThat(chat(onlyServer).has("tool_choice")).isFalse();
    }

    @Test
    void badRequestsNameTheField() {
        assertField("{\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model");
        assertField("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens");
        assertField("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens");
        assertField("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[]}", "messages");
        assertField("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":7}]}", "messages[0].content");
        assertField("{\"model\":\"m\",\"max_tokens\":1,\"stop_sequences\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "stop_sequences[0]");
        assertField("{\"model\":\"m\",\"max_tokens\":1,\"tools\":[{\"name\":\"f\"}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "tools[0].input_schema");
        assertField("{\"model\":\"m\",\"max_tokens\":1,\"tool_choice\":{\"type\":\"some\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "tool_choice.type");
        assertField("{\"model\":\"m\",\"max_tokens\":1,\"thinking\":{\"type\":\"enabled\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "thinking.budget_tokens");
        assertField("{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\","
                + "\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]}", "messages[0].content[0].source.type");
        // count_tokens needs no max_tokens
        assertThat(AnthropicRequestParser.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"
                .getBytes(StandardCharsets.UTF_8), true).chat().maxTokens()).isNull();
    }

    private static void assertField(String json, String param) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
            assertThat(AnthropicErrors.INSTANCE.body(e).error().message()).contains(param);
        });
    }

    @Test
    void aWebSearchIsServerToolBlocksAndCitationsCutWithTheirText() {
        String text = "News [1](https://a.invalid/x) DONE [2](https://b.invalid/y)";
        int second = text.indexOf("[2]");
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", text, null, null, null, null, List.of(
                ChatCompletion.Annotation.urlCitation(5, 29, "https://a.invalid/x", "A"),
                ChatCompletion.Annotation.urlCitation(second, text.length(), "https://b.invalid/y", null)),
                List.of(new ChatCompletion.WebSearchCall("news", List.of(new ChatCompletion.WebPage("https://a.invalid/x",
                        "A"), new ChatCompletion.WebPage("https://b.invalid/y", null)))));
        ChatCompletion completion = new ChatCompletion("chatcmpl-11-22", ChatCompletion.OBJECT, 1, "claude-x",
                List.of(new ChatCompletion.Choice(0, message, null, "stop")),
                new ChatCompletion.Usage(30, 7, 37, null, null), null);

        JsonNode json = WireJson.mapper().valueToTree(AnthropicResponseMapper.toMessage(completion,
                new AnthropicRequest("claude-x", false, List.of("DONE"), false, List.of())));

        assertThat(json.at("/content/0")).isEqualTo(node("{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1122_0\","
                + "\"name\":\"web_search\",\"input\":{\"query\":\"news\"},\"caller\":{\"type\":\"direct\"}}"));
        assertThat(json.at("/content/1/type").asText()).isEqualTo("web_search_tool_result");
        assertThat(json.at("/content/1/tool_use_id").asText()).isEqualTo("srvtoolu_1122_0");
        assertThat(json.at("/content/1/content/1")).isEqualTo(node("{\"type\":\"web_search_result\","
                + "\"url\":\"https://b.invalid/y\",\"title\":\"https://b.invalid/y\",\"encrypted_content\":\"\","
                + "\"page_age\":null}"));
        assertThat(json.at("/content/2/text").asText()).isEqualTo("News [1](https://a.invalid/x) ");
        // the second link was cut with the text after the stop sequence
        assertThat(json.at("/content/2/citations")).hasSize(1);
        assertThat(json.at("/content/2/citations/0")).isEqualTo(node("{\"type\":\"web_search_result_location\","
                + "\"url\":\"https://a.invalid/x\",\"title\":\"A\",\"cited_text\":\"[1](https://a.invalid/x)\","
                + "\"encrypted_index\":\"\"}"));
        assertThat(json.at("/usage/server_tool_use")).isEqualTo(node("{\"web_search_requests\":1,"
                + "\"web_fetch_requests\":0}"));
    }

    @Test
    void theAnswerHasAnthropicsBlocksStopReasonsAndUsage() {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", "Sure. DONE and more", null,
                List.of(new ChatCompletion.ToolCall("call_abc", "function", new ChatCompletion.FunctionCall("f", "{\"a\":1}"))),
                null, "thinking text");
        ChatCompletion completion = new ChatCompletion("chatcmpl-11-22", ChatCompletion.OBJECT, 1, "claude-x",
                List.of(new ChatCompletion.Choice(0, message, null, "tool_calls")),
                new ChatCompletion.Usage(30, 7, 37, new ChatCompletion.PromptTokensDetails(10), null), null);

        AnthropicMessage withTools = AnthropicResponseMapper.toMessage(completion,
                new AnthropicRequest("claude-x", false, List.of(), true, List.of()));
        JsonNode json = WireJson.mapper().valueToTree(withTools);
        assertThat(json.get("id").asText()).isEqualTo("msg_1122");
        assertThat(json.at("/content/0")).isEqualTo(node("{\"type\":\"thinking\",\"thinking\":\"thinking text\",\"signature\":\"gigagate\"}"));
        assertThat(json.at("/content/1")).isEqualTo(node("{\"type\":\"text\",\"text\":\"Sure. DONE and more\"}"));
        assertThat(json.at("/content/2")).isEqualTo(node("{\"type\":\"tool_use\",\"id\":\"toolu_abc\",\"name\":\"f\","
                + "\"input\":{\"a\":1},\"caller\":{\"type\":\"direct\"}}"));
        assertThat(json.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(json.get("usage")).isEqualTo(node("{\"input_tokens\":20,\"output_tokens\":7,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":10}"));

        AnthropicMessage stopped = AnthropicResponseMapper.toMessage(completion,
                new AnthropicRequest("claude-x", false, List.of("DONE"), false, List.of()));
        assertThat(stopped.content()).containsExactly(new AnthropicMessage.Text("Sure. "));
        assertThat(stopped.stopReason()).isEqualTo("stop_sequence");
        assertThat(stopped.stopSequence()).isEqualTo("DONE");
    }

    @Test
    void errorsHaveAnthropicsStatusesAndTypes() {
        assertError(new GatewayException(503, ErrorCategory.SERVER, "upstream_circuit_open", null, "m"), 529, "overloaded_error");
        assertError(new GatewayException(502, ErrorCategory.SERVER, "upstream_unreachable", null, "m"), 529, "overloaded_error");
        assertError(new GatewayException(504, ErrorCategory.SERVER, "upstream_timeout", null, "m"), 504, "timeout_error");
        assertError(GatewayException.serverError("m"), 500, "api_error");
        assertError(new GatewayException(401, ErrorCategory.INVALID_REQUEST, "invalid_api_key", null, "m"), 401,
                "authentication_error");
        assertError(new GatewayException(402, ErrorCategory.QUOTA, null, null, "m"), 402, "billing_error");
        assertError(new GatewayException(403, ErrorCategory.PERMISSION, null, null, "m"), 403, "permission_error");
        assertError(GatewayException.modelNotFound("x"), 404, "not_found_error");
        assertError(GatewayException.requestTooLarge(10), 413, "request_too_large");
        assertError(new GatewayException(429, ErrorCategory.RATE_LIMIT, null, null, "m"), 429, "rate_limit_error");
        assertError(new GatewayException(422, ErrorCategory.INVALID_REQUEST, null, null, "m"), 400, "invalid_request_error");
        JsonNode body = WireJson.mapper().valueToTree(AnthropicErrors.INSTANCE.body(
                GatewayException.invalidRequest("Bad.", "model")));
        assertThat(body)
                .isEqualTo(node("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"model: Bad.\"}}"));
    }

    private static void assertError(GatewayException error, int status, String type) {
        assertThat(AnthropicErrors.INSTANCE.status(error)).isEqualTo(status);
        assertThat(AnthropicErrors.INSTANCE.body(error).error().type()).isEqualTo(type);
    }

    private static JsonNode node(String json) {
        try {
            return WireJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theChatRequestIsAValidChatRequest() {
        ChatCompletionRequest chat = parse("{\"model\":\"m\",\"max_tokens\":3,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").chat();
        assertThat(chat.messages()).hasSize(1);
        assertThat(chat.stream()).isNull();
    }
}
