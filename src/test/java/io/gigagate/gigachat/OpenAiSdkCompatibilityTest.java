package io.gigagate.gigachat;

import com.openai.core.ObjectMappers;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionChunk;
import io.gigagate.wire.WireJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gigagate.openai.JsonAssertions.fixture;
import static io.gigagate.openai.JsonAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway writes is accepted by the official openai-java SDK's strict validation. */
class OpenAiSdkCompatibilityTest {

    private final ChatResponseMapper mapper = new ChatResponseMapper();

    private static com.openai.models.chat.completions.ChatCompletion readBySdk(ChatCompletion ours) throws Exception {
        String json = WireJson.mapper().writeValueAsString(ours);
        return ObjectMappers.jsonMapper().readValue(json, com.openai.models.chat.completions.ChatCompletion.class);
    }

    @Test
    void mappedTextCompletionValidates() throws Exception {
        GigaChatChatResponse upstream = WireJson.mapper().readValue("""
                {"choices":[{"message":{"content":"Hello.","role":"assistant"},"index":0,"finish_reason":"stop"}],
                 "created":1768996171,"model":"GigaChat:2.0.28.2","object":"chat.completion",
                 "usage":{"prompt_tokens":17,"completion_tokens":3,"total_tokens":20,"precached_prompt_tokens":2}}""",
                GigaChatChatResponse.class);
        var sdk = readBySdk(mapper.toOpenAi(upstream, new ChatResponseContext("chatcmpl-1", "gpt-4o", null, false, 0)));
        sdk.validate();
        assertThat(sdk.choices().get(0).message().content()).contains("Hello.");
        assertThat(sdk.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(2L);
    }

    @Test
    void mappedToolCallCompletionValidates() throws Exception {
        GigaChatChatResponse upstream = WireJson.mapper().treeToValue(tree(fixture("wire/gigachat-chat-response.json")),
                GigaChatChatResponse.class);
        var sdk = readBySdk(mapper.toOpenAi(upstream, new ChatResponseContext("chatcmpl-2", "gpt-4o", null, false, 0)));
        sdk.validate();
        var call = sdk.choices().get(0).message().toolCalls().orElseThrow().get(0);
        assertThat(call.asFunction().function().arguments()).isEqualTo("{\"location\":\"Москва\",\"num_days\":10}");
        assertThat(sdk.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
    }

    @Test
    void legacyFunctionCallCompletionValidates() throws Exception {
        GigaChatChatResponse upstream = WireJson.mapper().treeToValue(tree(fixture("wire/gigachat-chat-response.json")),
                GigaChatChatResponse.class);
        readBySdk(mapper.toOpenAi(upstream, new ChatResponseContext("chatcmpl-3", "gpt-4o", null, true, 0))).validate();
    }

    @Test
    void chunksValidate() throws Exception {
        ChatCompletionChunk first = new ChatCompletionChunk("chatcmpl-4", ChatCompletionChunk.OBJECT, 1, "gpt-4o",
                List.of(new ChatCompletionChunk.Choice(0, new ChatCompletionChunk.Delta("assistant", "Hi", null, null, null),
                        null, null)), null, null);
        ChatCompletionChunk usage = new ChatCompletionChunk("chatcmpl-4", ChatCompletionChunk.OBJECT, 1, "gpt-4o", List.of(),
                ChatResponseMapper.usage(null), null);
        for (ChatCompletionChunk chunk : List.of(first, usage)) {
            ObjectMappers.jsonMapper().readValue(WireJson.mapper().writeValueAsString(chunk),
                    com.openai.models.chat.completions.ChatCompletionChunk.class).validate();
        }
    }
}
