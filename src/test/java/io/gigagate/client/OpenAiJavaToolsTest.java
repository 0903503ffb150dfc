package io.gigagate.client;

import io.gigagate.support.OpenAiJavaTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionCallOption;
import com.openai.models.chat.completions.ChatCompletionFunctionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import io.gigagate.emulator.ChatReply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools, legacy functions and structured output through the gateway and the emulator with the
 * official openai-java SDK; every answer is validated strictly, and the emulator's record shows
 * what reached GigaChat.
 */
class OpenAiJavaToolsTest extends OpenAiJavaTestSupport {

    static final String MODEL = "GigaChat-2-Max";


    static FunctionDefinition function(String name) {
        return FunctionDefinition.builder().name(name).description("Weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    static JsonNode upstream() {
        return EMULATOR.lastRequest("/chat/completions").chat();
    }

    static ChatCompletionMessageFunctionToolCall onlyToolCall(ChatCompletion completion) {
        List<com.openai.models.chat.completions.ChatCompletionMessageToolCall> calls =
                completion.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        return calls.get(0).asFunction();
    }

    @Nested
    class Tools {
        @Test
        void fullRoundTripFromToolCallToFinalAnswer() {
            ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Weather in Moscow?")
                    .addFunctionTool(function("get_weather"));
            ChatCompletion first = client.chat().completions().create(params.build());
            first.validate();
            ChatCompletionMessageFunctionToolCall call = onlyToolCall(first);
            assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            assertThat(first.choices().get(0).message().content()).isEmpty();
            assertThat(call.function().name()).isEqualTo("get_weather");
            assertThat(call.function().arguments()).isEqualTo("{\"city\":\"sample\"}");
            assertThat(call.id()).startsWith("call_");
            assertThat(upstream().path("function_call").asText()).isEqualTo("auto");

            ChatCompletion last = client.chat().completions().create(params
                    .addMessage(first.choices().get(0).message())
                    .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id())
                            .content("{\"temperature\":-3}").build())
                    .build());
            last.validate();
            assertThat(last.choices().get(0).message().content())
                    .hasValue("Function get_weather returned: {\"temperature\":-3}");
            assertThat(last.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);

            JsonNode messages = upstream().path("messages");
            assertThat(messages).hasSize(3);
            assertThat(messages.get(1).path("function_call").path("arguments").isObject()).isTrue();
            assertThat(messages.get(1).path("functions_state_id").asText()).isEqualTo(call.id().substring(5));
            assertThat(messages.get(2).path("role").asText()).isEqualTo("function");
            assertThat(messages.get(2).path("name").asText()).isEqualTo("get_weather");
        }

        @Test
        void twoParallelCallsInHistoryReachGigaChatAsTwoOrderedPairs() {
            String moscow = "call_0199e210-6b1e-7c4a-9d55-3f2a1b0c9e87";
            ChatCompletion done = client.chat().completions().create(ChatCompletionCreateParams.builder().model(MODEL)
                    .addFunctionTool(function("get_weather"))
                    .addUserMessage("Weather in Moscow and Kazan?")
                    .addMessage(ChatCompletionAssistantMessageParam.builder()
                            .addToolCall(toolCall(moscow, "{\"city\":\"Moscow\"}"))
                            .addToolCall(toolCall("call_from_another_provider", "{\"city\":\"Kazan\"}"))
                            .build())
                    .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_from_another_provider")
                            .content("{\"temperature\":1}").build())
                    .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(moscow).content("-3 C").build())
                    .build());
            done.validate();

            JsonNode m = upstream().path("messages");
            assertThat(m).hasSize(5);
            assertThat(m.get(1).path("function_call").path("arguments").path("city").asText()).isEqualTo("Moscow");
            assertThat(m.get(1).path("functions_state_id").asText()).isEqualTo(moscow.substring(5));
            assertThat(m.get(2).path("role").asText()).isEqualTo("function");
            assertThat(m.get(2).path("content").asText()).isEqualTo("{\"result\":\"-3 C\"}");
            assertThat(m.get(3).path("function_call").path("arguments").path("city").asText()).isEqualTo("Kazan");
            assertThat(m.get(3).has("functions_state_id")).isFalse();
            assertThat(m.get(4).path("content").asText()).isEqualTo("{\"temperature\":1}");
        }

        private ChatCompletionMessageFunctionToolCall toolCall(String id, String arguments) {
            return ChatCompletionMessageFunctionToolCall.builder().id(id)
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder().name("get_weather")
                            .arguments(arguments).build())
                    .build();
        }

        @Test
        void toolChoiceRequiredForcesTheOnlyTool() {
            ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Hello there")
                    .addFunctionTool(function("get_weather"))
                    .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
                    .build());
            c.validate();
            assertThat(onlyToolCall(c).function().name()).isEqualTo("get_weather");
            assertThat(upstream().path("function_call").path("name").asText()).isEqualTo("get_weather");
        }

        @Test
        void namedToolChoiceForcesThatTool() {
            ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Hello there")
                    .addFunctionTool(function("get_weather"))
                    .addFunctionTool(function("get_forecast"))
                    .toolChoice(ChatCompletionNamedToolChoice.builder()
                            .function(ChatCompletionNamedToolChoice.Function.builder().name("get_forecast").build())
                            .build())
                    .build());
            c.validate();
            assertThat(onlyToolCall(c).function().name()).isEqualTo("get_forecast");
            assertThat(upstream().path("function_call").path("name").asText()).isEqualTo("get_forecast");
        }

        @Test
        void aNameGigaChatRefusesIsRenamedThereAndRestoredHere() {
            ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Weather?")
                    .addFunctionTool(function("weather.get-now"))
                    .build());
            c.validate();
            assertThat(onlyToolCall(c).function().name()).isEqualTo("weather.get-now");
            assertThat(upstream().path("functions").get(0).path("name").asText()).isEqualTo("weather_get_now");
        }

        @Test
        void streamedToolCallIsRebuiltByTheAccumulator() {
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("Weather in Moscow?")
                            .addFunctionTool(function("get_weather")).build())) {
                stream.stream().forEach(chunk -> {
                    chunk.validate();
                    accumulator.accumulate(chunk);
                });
            }
            ChatCompletion c = accumulator.chatCompletion();
            c.validate();
            ChatCompletionMessageFunctionToolCall call = onlyToolCall(c);
            assertThat(call.function().name()).isEqualTo("get_weather");
            assertThat(call.function().arguments()).isEqualTo("{\"city\":\"sample\"}");
            assertThat(call.id()).startsWith("call_");
            assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        }
    }

    @Nested
    class LegacyFunctions {
        @Test
        void functionCallRoundTrip() {
            ChatCompletionCreateParams.Function weather = ChatCompletionCreateParams.Function.builder()
                    .name("get_weather")
                    .parameters(function("get_weather").parameters().orElseThrow())
                    .build();
            ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Weather in Moscow?")
                    .addFunction(weather)
                    .functionCall(ChatCompletionFunctionCallOption.builder().name("get_weather").build());
            ChatCompletion first = client.chat().completions().create(params.build());
            first.validate();
            ChatCompletionMessage message = first.choices().get(0).message();
            assertThat(first.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.FUNCTION_CALL);
            assertThat(message.toolCalls()).isEmpty();
            assertThat(message.functionCall().orElseThrow().name()).isEqualTo("get_weather");
            assertThat(message.functionCall().orElseThrow().arguments()).isEqualTo("{\"city\":\"sample\"}");

            ChatCompletion last = client.chat().completions().create(params
                    .functionCall(ChatCompletionCreateParams.FunctionCall.FunctionCallMode.AUTO)
                    .addMessage(message)
                    .addMessage(ChatCompletionFunctionMessageParam.builder().name("get_weather").content("sunny").build())
                    .build());
            last.validate();
            assertThat(last.choices().get(0).message().content())
                    .hasValue("Function get_weather returned: {\"result\":\"sunny\"}");
        }
    }

    /** The shape the client asks for; the emulator fills required properties with samples. */
    public static class Answer {
        public String city;
        public int days;
        public List<String> notes;
    }

    @Nested
    class StructuredOutput {
        @Test
        void jsonSchemaIsAForcedFunctionByDefaultAndComesBackAsParsableContent() {
            StructuredChatCompletion<Answer> c = client.chat().completions().create(
                    StructuredChatCompletionCreateParams.<Answer>builder()
                            .model(MODEL).addUserMessage("Plan a trip").responseFormat(Answer.class).build());
            Answer answer = c.choices().get(0).message().content().orElseThrow();
            assertThat(answer.city).isEqualTo("sample");
            assertThat(answer.days).isEqualTo(1);
            assertThat(answer.notes).containsExactly("sample");
            assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            JsonNode sent = upstream();
            assertThat(sent.has("response_format")).isFalse();
            assertThat(sent.path("function_call").path("name").asText())
                    .isEqualTo(sent.path("functions").get(0).path("name").asText());
        }

        @Test
        void jsonSchemaStreamedThroughAFunctionComesBackAsContent() {
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Plan a trip")
                    .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema
                            .builder().name("answer").strict(true)
                            .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                    .putAdditionalProperty("type", JsonValue.from("object"))
                                    .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                            "city", Map.of("type", "string"),
                                            "days", Map.of("type", "integer"),
                                            "notes", Map.of("type", "array", "items", Map.of("type", "string")))))
                                    .putAdditionalProperty("required", JsonValue.from(List.of("city", "days", "notes")))
                                    .build())
                            .build()).build())
                    .build();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> {
                    chunk.validate();
                    accumulator.accumulate(chunk);
                });
            }
            ChatCompletion c = accumulator.chatCompletion();
            c.validate();
            assertThat(c.choices().get(0).message().content()).hasValue("{\"city\":\"sample\",\"days\":1,\"notes\":[\"sample\"]}");
            assertThat(c.choices().get(0).message().toolCalls().orElse(List.of())).isEmpty();
            assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        }

        @Test
        void jsonObjectIsAskedForInTheSystemMessageAndTheJsonIsTakenOutOfTheReply() {
            EMULATOR.faults().enqueueChat(ChatReply.text("Sure! ```json\n{\"colors\": [\"red\", \"blue\"]}\n``` Done."));
            ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder().model(MODEL)
                    .addUserMessage("Two colours as JSON")
                    .responseFormat(ResponseFormatJsonObject.builder().build())
                    .build());
            c.validate();
            assertThat(c.choices().get(0).message().content()).hasValue("{\"colors\": [\"red\", \"blue\"]}");
            JsonNode system = upstream().path("messages").get(0);
            assertThat(system.path("role").asText()).isEqualTo("system");
            assertThat(system.path("content").asText()).contains("one valid JSON object");
        }
    }
}
