package io.gigagate.stream;

import io.gigagate.gigachat.GigaChatChatChunk;
import io.gigagate.openai.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatStreamTranslatorTest {

    private static final String ID = StreamFixture.ID;

    @ParameterizedTest
    @EnumSource(StreamFixture.class)
    void translatesRecordedStream(StreamFixture fixture) throws IOException {
        List<String> expected = fixture.openAiData();
        StreamAssertions.assertSameEvents(translate(fixture), expected.subList(0, expected.size() - 1));
    }

    @ParameterizedTest
    @EnumSource(StreamFixture.class)
    void keepsStreamRules(StreamFixture fixture) throws IOException {
        StreamAssertions.assertStreamRules(translate(fixture), fixture.context);
    }

    @ParameterizedTest
    @EnumSource(value = StreamFixture.class, names = "LEGACY_FUNCTION_CALL_IN_FINAL_CHUNK", mode = EnumSource.Mode.EXCLUDE)
    void openAiJavaAccumulatesTheSameMessage(StreamFixture fixture) throws IOException {
        var completion = StreamAssertions.accumulateWithSdk(translate(fixture));
        var message = completion.choices().get(0).message();
        StringBuilder expectedText = new StringBuilder();
        for (String data : fixture.openAiData()) {
            if (!data.equals("[DONE]")) {
                var delta = WireJson.mapper().readTree(data).path("choices").path(0).path("delta");
                expectedText.append(delta.path("content").asText(""));
            }
        }
        assertThat(message.content().orElse("")).isEqualTo(expectedText.toString());
        assertThat(completion.id()).isEqualTo(ID);
    }

    @Test
    void openAiJavaRebuildsTheToolCall() throws IOException {
        var completion = StreamAssertions.accumulateWithSdk(translate(StreamFixture.FUNCTION_CALL_IN_FINAL_CHUNK));
        var call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_77d3fb14-457a-46ba-937e-8d856156d003");
        assertThat(call.function().name()).isEqualTo("weather_forecast");
        assertThat(call.function().arguments()).isEqualTo("{\"location\":\"Москва\",\"num_days\":10}");
        assertThat(completion.choices().get(0).finishReason().asString()).isEqualTo("tool_calls");
        assertThat(completion.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(4L);
    }

    @Test
    void legacyFunctionCallChunksValidate() throws IOException {
        for (String json : translate(StreamFixture.LEGACY_FUNCTION_CALL_IN_FINAL_CHUNK)) {
            var chunk = com.openai.core.ObjectMappers.jsonMapper()
                    .readValue(json, com.openai.models.chat.completions.ChatCompletionChunk.class).validate();
            chunk.choices().get(0).delta().functionCall().ifPresent(call -> {
                assertThat(call.name()).contains("weather_forecast");
                assertThat(call.arguments()).contains("{\"location\":\"Москва\",\"num_days\":10}");
            });
        }
    }

    @Test
    void toolCallIdIsDerivedWithoutFunctionsStateId() throws IOException {
        ChatStreamTranslator t = new ChatStreamTranslator(new StreamContext("chatcmpl-ab-cd", "gpt-4o", 1, null, false, false));
        List<TranslatedChunk> out = t.onChunk(chunk("""
                {"choices":[{"delta":{"content":"","role":"assistant","function_call":{"name":"f","arguments":{}}},
                "index":0,"finish_reason":"function_call"}]}"""));
        assertThat(out.get(0).chunk().choices().get(0).delta().toolCalls().get(0).id()).isEqualTo("call_abcd_0");
        assertThat(out.get(0).chunk().choices().get(0).delta().toolCalls().get(0).function().arguments()).isEqualTo("{}");
    }

    @Test
    void textHeldForAStopSequenceIsReleasedAtTheEnd() throws IOException {
        ChatStreamTranslator t = new ChatStreamTranslator(new StreamContext(ID, "m", 1, List.of("STOP"), false, false));
        assertThat(contents(t.onChunk(chunk(delta("Hello ST", null))))).containsExactly("Hello ");
        assertThat(contents(t.onChunk(chunk(delta("", "stop"))))).containsExactly("ST", null);
        assertThat(t.finished()).isTrue();
        assertThat(t.onEnd()).isEmpty();
    }

    @Test
    void stopSequenceInsideOneChunkEndsTheChoiceAndIgnoresTheRest() throws IOException {
        ChatStreamTranslator t = new ChatStreamTranslator(new StreamContext(ID, "m", 1, List.of("\n\n"), false, false));
        List<TranslatedChunk> out = t.onChunk(chunk(delta("one\n\ntwo", null)));
        assertThat(contents(out)).containsExactly("one", null);
        assertThat(out.get(1).chunk().choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(t.needsMoreUpstream()).isFalse();
        assertThat(t.onChunk(chunk(delta("three", "stop")))).isEmpty();
    }

    @Test
    void afterAStopSequenceUsageIsStillAwaitedWhenAskedFor() throws IOException {
        ChatStreamTranslator t = new ChatStreamTranslator(new StreamContext(ID, "m", 1, List.of("X"), true, false));
        t.onChunk(chunk(delta("aXb", null)));
        assertThat(t.finished()).isTrue();
        assertThat(t.needsMoreUpstream()).isTrue();
        t.onChunk(chunk("""
                {"choices":[{"delta":{"content":""},"index":0,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}"""));
        assertThat(t.needsMoreUpstream()).isFalse();
        List<TranslatedChunk> end = t.onEnd();
        assertThat(end).hasSize(1);
        assertThat(end.get(0).chunk().choices()).isEmpty();
        assertThat(end.get(0).chunk().usage().totalTokens()).isEqualTo(8);
    }

    @Test
    void emptyStreamStillGetsARoleAndAFinish() {
        ChatStreamTranslator t = new ChatStreamTranslator(new StreamContext(ID, "m", 1, null, false, false));
        List<TranslatedChunk> end = t.onEnd();
        assertThat(end).hasSize(1);
        assertThat(json(end.get(0))).isEqualTo("{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}]}");
        assertThat(t.onEnd()).isEmpty();
    }

    @Test
    void chunksWithoutChoicesOnlyContributeUsage() throws IOException {
        ChatStreamTranslator t = new ChatStreamTranslator(new StreamContext(ID, "m", 1, null, true, false));
        assertThat(t.onChunk(chunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":2}}"))).isEmpty();
        List<TranslatedChunk> end = t.onEnd();
        assertThat(end.get(1).chunk().usage().promptTokens()).isEqualTo(2);
        assertThat(end.get(1).chunk().usage().totalTokens()).isEqualTo(2);
    }

    /** Feeds a GigaChat SSE fixture through the translator as the body does, returning chunk JSON. */
    static List<String> translate(StreamFixture fixture) throws IOException {
        ChatStreamTranslator translator = new ChatStreamTranslator(fixture.context);
        List<TranslatedChunk> out = new ArrayList<>();
        try (SseEventReader reader = new SseEventReader(new ByteArrayInputStream(fixture.gigaChat()))) {
            for (String data = reader.next(); data != null; data = reader.next()) {
                if (data.equals("[DONE]")) {
                    break;
                }
                if (!data.isBlank()) {
                    out.addAll(translator.onChunk(chunk(data)));
                }
            }
        }
        out.addAll(translator.onEnd());
        return out.stream().map(ChatStreamTranslatorTest::json).toList();
    }

    private static String json(TranslatedChunk chunk) {
        return new String(chunk.jsonBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static GigaChatChatChunk chunk(String json) throws IOException {
        return WireJson.mapper().readValue(json, GigaChatChatChunk.class);
    }

    private static String delta(String content, String finishReason) {
        return "{\"choices\":[{\"delta\":{\"content\":" + WireJson.mapper().valueToTree(content) + "},\"index\":0"
                + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"") + "}]}";
    }

    private static List<String> contents(List<TranslatedChunk> chunks) {
        return chunks.stream().map(c -> c.chunk().choices().get(0).delta().content()).toList();
    }
}
