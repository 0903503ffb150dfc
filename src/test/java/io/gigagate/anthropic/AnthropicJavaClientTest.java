package io.gigagate.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK (com.anthropic:anthropic-java) against the gateway's Anthropic front:
 * messages as JSON and streamed (the SDK's own stream accumulator), a tool-use round trip, count_tokens,
 * the model list and errors, each answer validated by the SDK's strict model classes.
 */
class AnthropicJavaClientTest extends GatewayTestSupport {

    private AnthropicClient client;

    @BeforeEach
    void openClient() {
        client = AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey("sk-ant-unused").maxRetries(0).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static MessageCreateParams.Builder hello(String text) {
        return MessageCreateParams.builder().model("claude-sonnet-4-5-20250929").maxTokens(256).addUserMessage(text);
    }

    @Test
    void aMessageAsJson() throws Exception {
        Message message = client.messages().create(hello("hello there").system("Be brief.").build()).validate();

        assertThat(message.id()).startsWith("msg_");
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text()).isEqualTo("Echo: hello there");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.stopSequence()).isEmpty();
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(message.usage().cacheCreationInputTokens()).contains(0L);

        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        // claude-*sonnet* goes to GigaChat-2-Pro by the default alias table
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2-Pro");
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("hello there");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void aStreamedMessageAccumulatesToTheSameAnswer() {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("Hel", "lo, ", "wor", "ld"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> types = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello("hi").build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                types.add(event.isMessageStart() ? "message_start" : event.isContentBlockStart() ? "start"
                        : event.isContentBlockDelta() ? "delta" : event.isContentBlockStop() ? "stop"
                        : event.isMessageDelta() ? "message_delta" : "message_stop");
            });
        }
        Message message = accumulator.message().validate();

        assertThat(types).containsExactly("message_start", "start", "delta", "delta", "delta", "delta", "stop",
                "message_delta", "message_stop");
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text()).isEqualTo("Hello, world");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("stream").asBoolean()).isTrue();
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .addRequired("city")
                        .build())
                .build();
    }

    @Test
    void aToolUseRoundTrip() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.builder().functionCall("get_weather", Map.of("city", "Moscow"))
                .functionsStateId("0b7a3c1e-1111-4222-8333-444455556666").build());
        MessageCreateParams first = hello("weather in Moscow?").addTool(weatherTool()).build();
        Message call = client.messages().create(first).validate();

        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow()
                .asToolUse();
        assertThat(toolUse.id()).isEqualTo("toolu_0b7a3c1e-1111-4222-8333-444455556666");
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Moscow"));

        Message answer = client.messages().create(hello("weather in Moscow?").addTool(weatherTool())
                .addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(toolUse.id()).content("{\"temperature\": -5}").build())))
                .build()).validate();

        String text = answer.content().get(0).asText().text();
        assertThat(text).startsWith("Function get_weather returned: ");
        // (v1 hands GigaChat the result's text as it is, v2 as an object: compare the JSON, not its spacing)
        assertThat(JSON.readTree(text.substring("Function get_weather returned: ".length())))
                .isEqualTo(JSON.readTree("{\"temperature\": -5}"));
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        JsonNode assistant = sent.at("/messages/1");
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        // the id handed back carries GigaChat's functions_state_id
        assertThat(assistant.get("functions_state_id").asText()).isEqualTo("0b7a3c1e-1111-4222-8333-444455556666");
        assertThat(assistant.at("/function_call/arguments/city").asText()).isEqualTo("Moscow");
        assertThat(sent.at("/messages/2/role").asText()).isEqualTo("function");
        assertThat(sent.at("/messages/2/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void aStreamedToolUseJoinsItsPartialJsonIntoTheInput() {
        EMULATOR.faults().enqueueChat(ChatReply.functionCall("get_weather", Map.of("city", "Kazan")));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                hello("weather?").addTool(weatherTool()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message().validate();

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = message.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow()
                .asToolUse();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse.id()).startsWith("toolu_");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Kazan"));
    }

    @Test
    void countTokensThroughGigaChat() {
        MessageTokensCount count = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-haiku-4-5").system("You are a helpful assistant.")
                .addUserMessage("How many tokens is this?").addTool(weatherTool()).build()).validate();

        assertThat(count.inputTokens()).isPositive();
        JsonNode sent = EMULATOR.lastRequest("/tokens/count").json();
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2");
        assertThat(sent.get("input").toString()).contains("You are a helpful assistant.", "How many tokens is this?",
                "get_weather");
        assertThat(EMULATOR.requests()).noneMatch(r -> r.path().endsWith("/chat/completions"));
    }

    @Test
    void theModelListInAnthropicsShape() {
        List<ModelInfo> models = client.models().list().data();

        assertThat(models).isNotEmpty();
        assertThat(models).allSatisfy(ModelInfo::validate);
        assertThat(models).extracting(ModelInfo::id).contains("GigaChat-2-Max");
        ModelInfo one = client.models().retrieve("GigaChat-2-Pro").validate();
        assertThat(one.displayName()).isEqualTo("GigaChat-2-Pro");
        assertThatThrownBy(() -> client.models().retrieve("no-such-model")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void errorsReachTheSdkWithAnthropicsStatuses() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("claude-opus-4-1")
                .maxTokens(10).messages(List.of()).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getMessage()).contains("messages"));

        EMULATOR.faults().failNext("/chat/completions", 429, "{\"status\":429,\"message\":\"Too many requests\"}",
                Map.of("Retry-After", "3"));
        assertThatThrownBy(() -> client.messages().create(hello("hi").build())).isInstanceOf(RateLimitException.class);

        EMULATOR.faults().failNext("/chat/completions", 503, "{\"status\":503,\"message\":\"Service unavailable\"}",
                Map.of());
        assertThatThrownBy(() -> client.messages().create(hello("hi").build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(529));

        EMULATOR.faults().failNext("/chat/completions", 500, "{\"status\":500,\"message\":\"boom\"}", Map.of());
        assertThatThrownBy(() -> client.messages().create(hello("hi").build()))
                .isInstanceOf(InternalServerException.class);
    }
}
