package io.gigagate.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.gigachat.GigaChatChatChunk;
import io.gigagate.openai.JsonAssertions;
import io.gigagate.wire.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GigaChat's stream through the decoder and OpenAI's chat chunk encoder, as {@link SseBody} runs them. */
class ChatChunkEncoderTest {

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
        Translation t = new Translation(new StreamContext("chatcmpl-ab-cd", "gpt-4o", 1, null, false, false));
        List<JsonNode> out = t.onChunk(chunk("""
                {"choices":[{"delta":{"content":"","role":"assistant","function_call":{"name":"f","arguments":{}}},
                "index":0,"finish_reason":"function_call"}]}"""));
        JsonNode toolCall = out.get(0).path("choices").path(0).path("delta").path("tool_calls").path(0);
        assertThat(toolCall.path("id").asText()).isEqualTo("call_abcd_0");
        assertThat(toolCall.path("function").path("arguments").asText()).isEqualTo("{}");
    }

    @Test
    void textHeldForAStopSequenceIsReleasedAtTheEnd() throws IOException {
        Translation t = new Translation(new StreamContext(ID, "m", 1, List.of("STOP"), false, false));
        assertThat(contents(t.onChunk(chunk(delta("Hello ST", null))))).containsExactly("Hello ");
        assertThat(contents(t.onChunk(chunk(delta("", "stop"))))).containsExactly("ST", null);
        assertThat(t.finished()).isTrue();
        assertThat(t.onEnd()).isEmpty();
    }

    @Test
    void stopSequenceInsideOneChunkEndsTheChoiceAndIgnoresTheRest() throws IOException {
        Translation t = new Translation(new StreamContext(ID, "m", 1, List.of("\n\n"), false, false));
        List<JsonNode> out = t.onChunk(chunk(delta("one\n\ntwo", null)));
        assertThat(contents(out)).containsExactly("one", null);
        assertThat(out.get(1).path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(t.needsMoreUpstream()).isFalse();
        assertThat(t.onChunk(chunk(delta("three", "stop")))).isEmpty();
    }

    @Test
    void afterAStopSequenceUsageIsStillAwaitedWhenAskedFor() throws IOException {
        Translation t = new Translation(new StreamContext(ID, "m", 1, List.of("X"), true, false));
        t.onChunk(chunk(delta("aXb", null)));
        assertThat(t.finished()).isTrue();
        assertThat(t.needsMoreUpstream()).isTrue();
        t.onChunk(chunk("""
                {"choices":[{"delta":{"content":""},"index":0,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}"""));
        assertThat(t.needsMoreUpstream()).isFalse();
        List<JsonNode> end = t.onEnd();
        assertThat(end).hasSize(1);
        assertThat(end.get(0).path("choices").isArray()).isTrue();
        assertThat(end.get(0).path("choices")).isEmpty();
        assertThat(end.get(0).path("usage").path("total_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void emptyStreamStillGetsARoleAndAFinish() {
        Translation t = new Translation(new StreamContext(ID, "m", 1, null, false, false));
        List<String> end = t.onEndJson();
        assertThat(end).hasSize(1);
        assertThat(end.get(0)).isEqualTo("{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}]}");
        assertThat(t.onEnd()).isEmpty();
    }

    @Test
    void chunksWithoutChoicesOnlyContributeUsage() throws IOException {
        Translation t = new Translation(new StreamContext(ID, "m", 1, null, true, false));
        assertThat(t.onChunk(chunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":2}}"))).isEmpty();
        List<JsonNode> end = t.onEnd();
        assertThat(end.get(1).path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(end.get(1).path("usage").path("total_tokens").asInt()).isEqualTo(2);
    }

    /** Feeds a GigaChat SSE fixture through the decoder and encoder as the body does, returning chunk JSON. */
    static List<String> translate(StreamFixture fixture) throws IOException {
        Translation translator = new Translation(fixture.context);
        List<String> out = new ArrayList<>();
        try (SseEventReader reader = new SseEventReader(new ByteArrayInputStream(fixture.gigaChat()))) {
            for (String data = reader.next(); data != null; data = reader.next()) {
                if (data.equals("[DONE]")) {
                    break;
                }
                if (!data.isBlank()) {
                    out.addAll(translator.onChunkJson(chunk(data)));
                }
            }
        }
        out.addAll(translator.onEndJson());
        return out;
    }

    /** The decoder and the chat encoder of one stream, returning each call's chunks. */
    static final class Translation {
        private final ChatChunkEncoder encoder;
        private final GigaChatStreamDecoder decoder;
        private final EventStream.Writer out = new EventStream.Writer();

        Translation(StreamContext ctx) {
            this.encoder = new ChatChunkEncoder(ctx);
            this.decoder = new GigaChatStreamDecoder(ctx, encoder.wantsUsage());
        }

        List<JsonNode> onChunk(GigaChatChatChunk chunk) {
            return onChunkJson(chunk).stream().map(JsonAssertions::tree).toList();
        }

        List<JsonNode> onEnd() {
            return onEndJson().stream().map(JsonAssertions::tree).toList();
        }

        List<String> onChunkJson(GigaChatChatChunk chunk) {
            return encode(decoder.onChunk(chunk));
        }

        List<String> onEndJson() {
            return encode(decoder.onEnd());
        }

        boolean finished() {
            return decoder.finished();
        }

        boolean needsMoreUpstream() {
            return decoder.needsMoreUpstream();
        }

        private List<String> encode(List<StreamEvent> events) {
            events.forEach(e -> encoder.encode(e, out));
            return StreamFixture.dataOf(new String(out.take(), StandardCharsets.UTF_8));
        }
    }

    private static GigaChatChatChunk chunk(String json) throws IOException {
        return WireJson.mapper().readValue(json, GigaChatChatChunk.class);
    }

    private static String delta(String content, String finishReason) {
        return "{\"choices\":[{\"delta\":{\"content\":" + WireJson.mapper().valueToTree(content) + "},\"index\":0"
                + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"") + "}]}";
    }

    private static List<String> contents(List<JsonNode> chunks) {
        return chunks.stream().map(c -> c.path("choices").path(0).path("delta").path("content"))
                .map(content -> content.isTextual() ? content.asText() : null).toList();
    }
}
