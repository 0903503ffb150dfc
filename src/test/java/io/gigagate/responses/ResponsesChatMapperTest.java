package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.camel.BuiltInToolPolicy;
import io.gigagate.camel.ExchangeKeys;
import io.gigagate.camel.ResponsesRequestProcessor;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The Responses request → internal chat request mapping, without the running app. */
class ResponsesChatMapperTest {

    private static JsonNode chat(String body) {
        ResponsesRequest request = ResponsesRequestParser.parse(body.getBytes(StandardCharsets.UTF_8));
        List<ObjectNode> input = InputItems.normalize(request.input(), id -> null);
        ChatCompletionRequest chat = ResponsesChatMapper.toChat(request, List.of(), input).chat();
        return WireJson.mapper().valueToTree(chat);
    }

    private static GatewayException refused(String body) {
        return catchThrowableOfType(GatewayException.class, () -> chat(body));
    }

    @Test
    void settingsBecomeChatsFields() {
        JsonNode chat = chat("""
                {"model": "gpt-4o", "instructions": "Be brief.", "input": "hi", "temperature": 0.2, "top_p": 0.9,
                 "max_output_tokens": 50, "parallel_tool_calls": false, "reasoning": {"effort": "high"},
                 "safety_identifier": "user-1", "stream": true,
                 "text": {"format": {"type": "json_schema", "name": "answer", "strict": true,
                          "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}}""");

        assertThat(chat.at("/messages/0").toString()).isEqualTo("{\"role\":\"system\",\"content\":\"Be brief.\"}");
        assertThat(chat.at("/messages/1/content").asText()).isEqualTo("hi");
        assertThat(chat.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(chat.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(chat.get("max_completion_tokens").asInt()).isEqualTo(50);
        assertThat(chat.get("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(chat.at("/reasoning/effort").asText()).isEqualTo("high");
        assertThat(chat.get("user").asText()).isEqualTo("user-1");
        assertThat(chat.get("stream").asBoolean()).isTrue();
        assertThat(chat.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(chat.at("/response_format/json_schema/name").asText()).isEqualTo("answer");
        assertThat(chat.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_object\"}}}")
                .at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"text\"}}}")
                .has("response_format")).isFalse();
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"minimal\"}}")
                .at("/reasoning/effort").asText()).isEqualTo("low");
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"xhigh\"}}")
                .at("/reasoning/effort").asText()).isEqualTo("high");
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"none\"}}")
                .has("reasoning")).isFalse();
    }

    @Test
    void partsBecomeChatParts() {
        JsonNode chat = chat("""
                {"model": "m", "input": [{"role": "user", "content": [
                  {"type": "input_text", "text": "look"},
                  {"type": "input_image", "image_url": "data:image/png;base64,AAAA", "detail": "low"},
                  {"type": "input_image", "file_id": "file-1"},
                  {"type": "input_file", "file_id": "file-2"},
                  {"type": "input_file", "file_data": "data:application/pdf;base64,JVBE", "filename": "a.pdf"}]},
                  {"role": "assistant", "content": [{"type": "output_text", "text": "seen", "annotations": []}]},
                  {"role": "developer", "content": [{"type": "input_text", "text": "rule one"}, {"type": "input_text", "text": "rule two"}]}]}""");

        JsonNode parts = chat.at("/messages/0/content");
        assertThat(parts.get(0).toString()).isEqualTo("{\"type\":\"text\",\"text\":\"look\"}");
        assertThat(parts.get(1).at("/image_url/url").asText()).startsWith("data:image/png");
        assertThat(parts.get(1).at("/image_url/detail").asText()).isEqualTo("low");
        assertThat(parts.get(2).at("/file/file_id").asText()).isEqualTo("file-1");
        assertThat(parts.get(3).at("/file/file_id").asText()).isEqualTo("file-2");
        assertThat(parts.get(4).at("/file/filename").asText()).isEqualTo("a.pdf");
        assertThat(chat.at("/messages/1").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"seen\"}");
        assertThat(chat.at("/messages/2/role").asText()).isEqualTo("developer");
        assertThat(chat.at("/messages/2/content").asText()).isEqualTo("rule one\nrule two");
        assertThat(chat("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\","
                + "\"file_url\":\"https://x/y.pdf\"}]}]}").at("/messages/0/content/0").toString())
                .isEqualTo("{\"type\":\"file\",\"file\":{\"file_url\":\"https://x/y.pdf\"}}");
    }

    @Test
    void callsInARowAreOneAssistantTurnAndTheirOutputsFollowInOrder() {
        JsonNode chat = chat("""
                {"model": "m", "input": [{"role": "user", "content": "two cities"},
                  {"type": "message", "role": "assistant", "content": "Let me check."},
                  {"type": "function_call", "call_id": "c1", "name": "w", "arguments": "{\\"city\\":\\"A\\"}"},
                  {"type": "function_call", "call_id": "c2", "name": "w", "arguments": "{\\"city\\":\\"B\\"}"},
                  {"type": "function_call_output", "call_id": "c1", "output": "sunny"},
                  {"type": "function_call_output", "call_id": "c2", "output": [{"type": "input_text", "text": "rain"}]}],
                 "tools": [{"type": "function", "name": "w", "parameters": {"type": "object"}}]}""");

        JsonNode messages = chat.get("messages");
        assertThat(messages).hasSize(4);
        assertThat(messages.at("/1/content").asText()).isEqualTo("Let me check.");
        assertThat(messages.at("/1/tool_calls")).hasSize(2);
        assertThat(messages.at("/1/tool_calls/1/id").asText()).isEqualTo("c2");
        assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("c1");
        assertThat(messages.at("/3/content").asText()).isEqualTo("rain");
    }

    @Test
    void toolChoicesAndAllowedTools() {
        String tools = "\"tools\": [{\"type\": \"function\", \"name\": \"a\"}, {\"type\": \"function\", \"name\": \"b\"},"
                + " {\"type\": \"custom\", \"name\": \"c\"}]";
        JsonNode named = chat("{\"model\":\"m\",\"input\":\"x\"," + tools + ",\"tool_choice\":{\"type\":\"function\",\"name\":\"b\"}}");
        assertThat(named.at("/tool_choice/function/name").asText()).isEqualTo("b");
        assertThat(chat("{\"model\":\"m\",\"input\":\"x\"," + tools + ",\"tool_choice\":\"required\"}")
                .get("tool_choice").asText()).isEqualTo("required");
        JsonNode allowed = chat("{\"model\":\"m\",\"input\":\"x\"," + tools + ",\"tool_choice\":{\"type\":\"allowed_tools\","
                + "\"mode\":\"required\",\"tools\":[{\"type\":\"function\",\"name\":\"a\"},{\"type\":\"custom\",\"name\":\"c\"}]}}");
        assertThat(allowed.get("tools")).extracting(t -> t.at("/function/name").asText()).containsExactly("a", "c");
        assertThat(allowed.get("tool_choice").asText()).isEqualTo("required");
        assertThat(refused("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}],"
                + "\"tool_choice\":{\"type\":\"web_search\"}}").param()).isEqualTo("tool_choice");
    }

    @Test
    void aNamespacesToolsAreSentFlatAndTheirCallsNameTheNamespace() {
        ResponsesRequest request = ResponsesRequestParser.parse(("{\"model\":\"m\",\"input\":\"x\",\"tools\":["
                + "{\"type\":\"function\",\"name\":\"top\"},{\"type\":\"namespace\",\"name\":\"agents\","
                + "\"tools\":[{\"type\":\"function\",\"name\":\"spawn\",\"parameters\":{\"type\":\"object\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8));
        ResponsesChatMapper.Mapped mapped = ResponsesChatMapper.toChat(request, List.of(),
                InputItems.normalize(request.input(), id -> null));

        assertThat(mapped.chat().tools()).extracting(t -> t.at("/function/name").asText()).containsExactly("top", "spawn");
        assertThat(mapped.ignoredTools()).isEmpty();
        ResponseDraft draft = new ResponseDraft("resp_1", 1L, request, mapped.customTools(), mapped.namespaces());
        assertThat(draft.callItem("call_1", "spawn", "{}", "completed").get("namespace").asText()).isEqualTo("agents");
        assertThat(draft.callItem("call_2", "top", "{}", "completed").has("namespace")).isFalse();
    }

    @Test
    void strictToolsRefuseBuiltInToolsNamingThem() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"file_search\"},"
                + "{\"type\":\"mcp\",\"server_label\":\"deepwiki\"}]}").getBytes(StandardCharsets.UTF_8));
        ResponsesRequestProcessor strict = new ResponsesRequestProcessor(new InMemoryResponseStore(10, Duration.ofMinutes(1)),
                new BuiltInToolPolicy(true), Clock.systemUTC(), false);

        GatewayException error = catchThrowableOfType(GatewayException.class, () -> strict.process(exchange));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).isEqualTo("tools");
        // (code_interpreter is GigaChat's own now: the chat step decides on it, as on web search)
        assertThat(error.getMessage()).contains("file_search").contains("mcp (deepwiki)");
        assertThat(exchange.getProperty(ExchangeKeys.CHAT_CALL)).isNull();
    }

    private static final List<JsonNode> EARLIER_TURNS = List.of(
            WireJson.mapper().createObjectNode().put("type", "message").put("role", "user").put("content", "weather?"),
            WireJson.mapper().createObjectNode().put("type", "function_call").put("call_id",
                    "call_0199e210-0000-7000-8000-000000000001").put("name", "get_weather").put("arguments", "{}"));

    private static JsonNode continuing(String body, UpstreamStorage storage) {
        ResponsesRequest request = ResponsesRequestParser.parse(body.getBytes(StandardCharsets.UTF_8));
        List<ObjectNode> input = InputItems.normalize(request.input(), id -> null);
        return WireJson.mapper().valueToTree(ResponsesChatMapper.toChat(request, EARLIER_TURNS, input, storage).chat());
    }

    @Test
    void aContinuedThreadGetsOnlyTheNewInputAndTheResultNamesItsEarlierCall() {
        JsonNode chat = continuing("""
                {"model": "m", "instructions": "Be brief.", "previous_response_id": "resp_1", "input": [
                  {"type": "function_call_output", "call_id": "call_0199e210-0000-7000-8000-000000000001",
                   "output": "sunny"}]}""", new UpstreamStorage("GigaChat-2-Max", "thread-1"));

        assertThat(chat.get("messages")).hasSize(1); // no system message: the thread has the first one
        assertThat(chat.at("/messages/0/role").asText()).isEqualTo("tool");
        assertThat(chat.at("/messages/0/name").asText()).isEqualTo("get_weather");
        assertThat(chat.at("/storage").toString()).isEqualTo("{\"thread_id\":\"thread-1\"}");
    }

    @Test
    void aNewThreadGetsTheWholeConversationAndAnEmptyStorage() {
        JsonNode chat = continuing("""
                {"model": "m", "instructions": "Be brief.", "input": "and tomorrow?"}""",
                new UpstreamStorage("GigaChat-2-Max", null));

        assertThat(chat.get("messages")).extracting(m -> m.get("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(chat.at("/storage").toString()).isEqualTo("{}");
        assertThat(continuing("{\"model\": \"m\", \"input\": \"x\"}", null).has("storage")).isFalse();
    }
}
