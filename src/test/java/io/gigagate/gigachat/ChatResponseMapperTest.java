package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.wire.WireJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.gigagate.openai.JsonAssertions.assertSameJson;
import static io.gigagate.openai.JsonAssertions.fixture;
import static io.gigagate.openai.JsonAssertions.tree;
import static io.gigagate.openai.JsonAssertions.written;
import static org.assertj.core.api.Assertions.assertThat;

class ChatResponseMapperTest {

    private static final String STATE_ID = "0199e210-6b1e-7c4a-9d55-3f2a1b0c9e87";
    private static final long NOW = 1_800_000_000L;
    private final ChatResponseMapper mapper = new ChatResponseMapper();

    private static ChatResponseContext ctx(String requestedModel, List<String> stop, boolean legacy) {
        return new ChatResponseContext("chatcmpl-req-1", requestedModel, stop, legacy, NOW);
    }

    private static GigaChatChatResponse response(String json) throws Exception {
        return WireJson.mapper().readValue(json, GigaChatChatResponse.class);
    }

    private static GigaChatChatResponse text(String content, String finishReason) throws Exception {
        return response("""
                {"choices":[{"message":{"content":%s,"role":"assistant"},"index":0%s}],
                 "created":1768996171,"model":"GigaChat:2.0.28.2","object":"chat.completion",
                 "usage":{"prompt_tokens":17,"completion_tokens":3,"total_tokens":20,"precached_prompt_tokens":2}}"""
                .formatted(WireJson.mapper().writeValueAsString(content),
                        finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\""));
    }

    @Nested
    class Envelope {
        @Test
        void simpleAnswerBecomesTheExactOpenAiBody() throws Exception {
            ChatCompletion c = mapper.toOpenAi(text("Hello.", "stop"), ctx("gpt-4o", null, false));
            assertSameJson(written(c), tree("""
                    {"id":"chatcmpl-req-1","object":"chat.completion","created":1768996171,"model":"gpt-4o",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"Hello.","refusal":null},
                                 "logprobs":null,"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":17,"completion_tokens":3,"total_tokens":20,
                              "prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":0}}}"""));
        }

        @Test
        void modelFallsBackToTheUpstreamNameWithoutVersion() throws Exception {
            assertThat(mapper.toOpenAi(text("x", "stop"), ctx(null, null, false)).model()).isEqualTo("GigaChat");
        }

        @Test
        void createdFallsBackToNowWhenGigaChatOmitsIt() throws Exception {
            GigaChatChatResponse r = response("{\"choices\":[{\"message\":{\"content\":\"x\",\"role\":\"assistant\"}}]}");
            ChatCompletion c = mapper.toOpenAi(r, ctx("gpt-4o", null, false));
            assertThat(c.created()).isEqualTo(NOW);
            assertThat(c.choices().get(0).index()).isZero();
            assertThat(c.choices().get(0).finishReason()).isEqualTo("stop");
        }

        @Test
        void completionIdComesFromTheUpstreamRequestId() {
            assertThat(ChatResponseContext.completionId("abc-123")).isEqualTo("chatcmpl-abc-123");
            assertThat(ChatResponseContext.completionId(null)).matches("chatcmpl-[0-9a-f-]{36}");
        }
    }

    @Nested
    class FinishReasons {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"stop, stop", "length, length", "blacklist, content_filter", "error, stop", "something_new, stop"})
        void gigaChatFinishReasonMapsToOpenAi(String gigaChat, String openAi) throws Exception {
            assertThat(mapper.toOpenAi(text("x", gigaChat), ctx("m", null, false)).choices().get(0).finishReason())
                    .isEqualTo(openAi);
        }

        @Test
        void absentFinishReasonIsStop() throws Exception {
            assertThat(mapper.toOpenAi(text("x", null), ctx("m", null, false)).choices().get(0).finishReason())
                    .isEqualTo("stop");
        }
    }

    @Nested
    class FunctionCalls {
        @Test
        void functionCallBecomesToolCallWithStringArgumentsAndStateIdInTheId() throws Exception {
            ChatCompletion c = mapper.toOpenAi(WireJson.mapper().treeToValue(
                    tree(fixture("wire/gigachat-chat-response.json")), GigaChatChatResponse.class), ctx("gpt-4o", null, false));
            assertSameJson(written(c.choices().get(0)), tree("""
                    {"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                      "tool_calls":[{"id":"call_%s","type":"function",
                                     "function":{"name":"weather_forecast","arguments":"{\\"location\\":\\"Москва\\",\\"num_days\\":10}"}}],
                      "reasoning_content":"hmm"},
                     "logprobs":null,"finish_reason":"tool_calls"}""".formatted(STATE_ID)));
        }

        @Test
        void legacyFunctionsClientGetsFunctionCall() throws Exception {
            ChatCompletion c = mapper.toOpenAi(WireJson.mapper().treeToValue(
                    tree(fixture("wire/gigachat-chat-response.json")), GigaChatChatResponse.class), ctx("gpt-4o", null, true));
            ChatCompletion.Choice choice = c.choices().get(0);
            assertThat(choice.finishReason()).isEqualTo("function_call");
            assertThat(choice.message().toolCalls()).isNull();
            assertThat(choice.message().functionCall().name()).isEqualTo("weather_forecast");
            assertThat(choice.message().functionCall().arguments()).isEqualTo("{\"location\":\"Москва\",\"num_days\":10}");
        }

        @Test
        void toolCallIdWithoutStateIdIsDerivedAndNotMistakenForOne() throws Exception {
            GigaChatChatResponse r = response("""
                    {"choices":[{"message":{"role":"assistant","content":"","function_call":{"name":"f","arguments":{}}},
                     "finish_reason":"function_call"}]}""");
            ChatResponseContext context = new ChatResponseContext(ChatResponseContext.completionId(STATE_ID), "m", null, false, NOW);
            String id = mapper.toOpenAi(r, context).choices().get(0).message().toolCalls().get(0).id();
            assertThat(id).startsWith("call_");
            assertThat(ChatMessagesMapper.stateIdOf(id)).isNull();
        }

        @Test
        void toolCallIdRoundTripsToTheStateId() {
            assertThat(ChatMessagesMapper.stateIdOf(ChatResponseMapper.toolCallId(STATE_ID, "chatcmpl-x"))).isEqualTo(STATE_ID);
        }

        @Test
        void textNextToAFunctionCallIsKept() throws Exception {
            GigaChatChatResponse r = response("""
                    {"choices":[{"message":{"role":"assistant","content":"Let me check.","function_call":{"name":"f","arguments":{"a":1}},
                     "functions_state_id":"%s"},"finish_reason":"function_call"}]}""".formatted(STATE_ID));
            ChatCompletion.Message m = mapper.toOpenAi(r, ctx("m", null, false)).choices().get(0).message();
            assertThat(m.content()).isEqualTo("Let me check.");
            assertThat(m.toolCalls()).hasSize(1);
        }
    }

    @Nested
    class Stops {
        @Test
        void contentIsCutAtTheEarliestStopSequence() throws Exception {
            ChatCompletion c = mapper.toOpenAi(text("1, 2, 3, END, 4", "length"), ctx("m", List.of("4", "END"), false));
            assertThat(c.choices().get(0).message().content()).isEqualTo("1, 2, 3, ");
            assertThat(c.choices().get(0).finishReason()).isEqualTo("stop");
        }

        @Test
        void contentWithoutStopSequenceKeepsItsFinishReason() throws Exception {
            ChatCompletion c = mapper.toOpenAi(text("1, 2, 3", "length"), ctx("m", List.of("END"), false));
            assertThat(c.choices().get(0).message().content()).isEqualTo("1, 2, 3");
            assertThat(c.choices().get(0).finishReason()).isEqualTo("length");
        }
    }

    @Nested
    class Usage {
        @Test
        void missingUsageFieldsAreZeroNeverNull() throws Exception {
            GigaChatChatResponse r = response("""
                    {"choices":[{"message":{"content":"x","role":"assistant"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5}}""");
            JsonNode usage = written(mapper.toOpenAi(r, ctx("m", null, false))).get("usage");
            assertSameJson(usage, tree("""
                    {"prompt_tokens":5,"completion_tokens":0,"total_tokens":5,
                     "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}"""));
        }

        @Test
        void absentUsageIsAllZeros() throws Exception {
            GigaChatChatResponse r = response("{\"choices\":[{\"message\":{\"content\":\"x\",\"role\":\"assistant\"}}]}");
            assertThat(mapper.toOpenAi(r, ctx("m", null, false)).usage().totalTokens()).isZero();
        }
    }

    @Nested
    class FunctionReplies {
        private GigaChatChatResponse call(String name, String arguments) throws Exception {
            return response("""
                    {"choices":[{"message":{"content":"","role":"assistant","function_call":{"name":"%s","arguments":%s},
                     "functions_state_id":"%s"},"index":0,"finish_reason":"function_call"}],"model":"GigaChat:2"}"""
                    .formatted(name, arguments, STATE_ID));
        }

        private ChatResponseContext with(FunctionsContext f) {
            return new ChatResponseContext("chatcmpl-req-1", "gpt-4o", null, false, NOW, f);
        }

        @Test
        void renamedFunctionComesBackUnderTheClientsName() throws Exception {
            FunctionsContext f = new FunctionsContext(Map.of("fs_read_file", "fs.read-file"), Set.of(), null, false);
            ChatCompletion c = mapper.toOpenAi(call("fs_read_file", "{\"path\":\"a\"}"), with(f));
            ChatCompletion.ToolCall tc = c.choices().get(0).message().toolCalls().get(0);
            assertThat(tc.function().name()).isEqualTo("fs.read-file");
            assertThat(tc.id()).isEqualTo("call_" + STATE_ID);
            assertThat(c.choices().get(0).finishReason()).isEqualTo("tool_calls");
            assertThat(c.choices().get(0).message().content()).isNull();
        }

        @Test
        void wrappedRootArgumentsAreUnwrapped() throws Exception {
            FunctionsContext f = new FunctionsContext(Map.of(), Set.of("tag_all"), null, false);
            ChatCompletion c = mapper.toOpenAi(call("tag_all", "{\"value\":[\"a\",\"b\"]}"), with(f));
            assertThat(c.choices().get(0).message().toolCalls().get(0).function().arguments()).isEqualTo("[\"a\",\"b\"]");
        }

        @Test
        void structuredOutputCallBecomesContentAndStop() throws Exception {
            FunctionsContext f = new FunctionsContext(Map.of(), Set.of(), "answer_card", false);
            ChatCompletion c = mapper.toOpenAi(call("answer_card", "{\"answer\":\"42\"}"), with(f));
            ChatCompletion.Message m = c.choices().get(0).message();
            assertThat(m.content()).isEqualTo("{\"answer\":\"42\"}");
            assertThat(m.toolCalls()).isNull();
            assertThat(c.choices().get(0).finishReason()).isEqualTo("stop");
        }

        @Test
        void jsonContentIsTakenOutOfAMarkdownFence() throws Exception {
            FunctionsContext f = new FunctionsContext(Map.of(), Set.of(), null, true);
            ChatCompletion c = mapper.toOpenAi(text("```json\n{\"a\": 1}\n```", "stop"), with(f));
            assertThat(c.choices().get(0).message().content()).isEqualTo("{\"a\": 1}");
        }

        @Test
        void jsonContentIsTakenOutOfSurroundingText() {
            assertThat(FunctionReplyMapper.jsonContentIsExtracted("Here it is: {\"a\": [1]} Enjoy."))
                    .isEqualTo("{\"a\": [1]}");
            assertThat(FunctionReplyMapper.jsonContentIsExtracted("no json here")).isEqualTo("no json here");
        }
    }

    @Test
    void drawnImagesAndToolRunsAreBuiltInCallsAndTheTagLeavesTheText() throws Exception {
        GigaChatChatResponse answer = response("""
                {"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant",
                  "content": "<img src=\\"img-1\\" fuse=\\"true\\"/> Here is your picture",
                  "code_runs": [{"code": "print(1)", "output": "1\\n"}],
                  "fetched_urls": [{"url": "https://a.invalid/p"}]}}]}""");

        ChatCompletion.Message message = new ChatResponseMapper().toOpenAi(answer,
                new ChatResponseContext("chatcmpl-req-1", "m", List.of(), false, NOW, null, "draw me")).choices().get(0)
                .message();

        assertThat(message.content()).isEqualTo("Here is your picture");
        assertThat(message.builtInCalls()).containsExactly(new ChatCompletion.UrlFetchCall("https://a.invalid/p", null),
                new ChatCompletion.CodeCall("print(1)", "1\n"), new ChatCompletion.ImageCall("img-1", "draw me", null, null));
        // the chat front shows a fetched image as a link after the text
        assertThat(ChatCompletion.withImageLinks(message.content(), List.of(new ChatCompletion.ImageCall("img-1", null,
                new byte[] {1}, "http://gw/v1/images/content/k")))).isEqualTo(
                "Here is your picture\n\n![image](http://gw/v1/images/content/k)");
    }
}
