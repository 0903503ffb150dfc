package io.gigagate.stream;

import io.gigagate.gigachat.FunctionsContext;
import io.gigagate.gigachat.GigaChatChatChunk;
import io.gigagate.wire.WireJson;
import io.gigagate.stream.StreamEvent.Finish;
import io.gigagate.stream.StreamEvent.FinishReason;
import io.gigagate.stream.StreamEvent.Model;
import io.gigagate.stream.StreamEvent.Reasoning;
import io.gigagate.stream.StreamEvent.Text;
import io.gigagate.stream.StreamEvent.ToolCall;
import io.gigagate.stream.StreamEvent.Usage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** GigaChat's decisions, seen as neutral events: nothing here knows any front's format. */
class GigaChatStreamDecoderTest {

    private static final String ID = "chatcmpl-ab-cd";

    @Test
    void textPassesThroughAndTheModelIsNamedOnceWithoutItsVersion() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of(), FunctionsContext.NONE, false);
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"content":"Hel","role":"assistant"},"index":0}],"model":"GigaChat:2.0.28.2"}""")))
                .containsExactly(new Model("GigaChat"), new Text("Hel"));
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"content":"lo"},"index":0}],"model":"GigaChat-Pro:1.0"}""")))
                .containsExactly(new Text("lo"));
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"content":""},"index":0,"finish_reason":"stop"}]}""")))
                .containsExactly(Finish.of(FinishReason.STOP));
        assertThat(d.finishedByUpstream()).isTrue();
        assertThat(d.needsMoreUpstream()).isFalse();
        assertThat(d.onEnd()).isEmpty();
    }

    @Test
    void aStopSequenceSplitAcrossChunksIsHeldBackThenCut() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of("STOP"), FunctionsContext.NONE, false);
        assertThat(d.onChunk(chunk(delta("Hello ST", null)))).containsExactly(new Text("Hello "));
        assertThat(d.onChunk(chunk(delta("OP and more", null)))).containsExactly(Finish.of(FinishReason.STOP));
        assertThat(d.finished()).isTrue();
        // cut short by the gateway: GigaChat may still be generating
        assertThat(d.finishedByUpstream()).isFalse();
        assertThat(d.needsMoreUpstream()).isFalse();
        assertThat(d.onChunk(chunk(delta("ignored", "stop")))).isEmpty();
        assertThat(d.onEnd()).isEmpty();
    }

    @Test
    void aHeldBackPrefixThatNeverBecameAStopSequenceIsReleasedAtTheEnd() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of("STOP"), FunctionsContext.NONE, false);
        assertThat(d.onChunk(chunk(delta("Hello ST", null)))).containsExactly(new Text("Hello "));
        assertThat(d.onEnd()).containsExactly(new Text("ST"), Finish.of(FinishReason.STOP));
    }

    @Test
    void afterAStopSequenceTheUsageIsAwaitedWhenWanted() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of("X"), FunctionsContext.NONE, true);
        assertThat(d.onChunk(chunk(delta("aXb", null)))).containsExactly(new Text("a"), Finish.of(FinishReason.STOP));
        assertThat(d.needsMoreUpstream()).isTrue();
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"content":"b"},"index":0,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8,"precached_prompt_tokens":2}}""")))
                .isEmpty();
        assertThat(d.needsMoreUpstream()).isFalse();
        assertThat(d.onEnd()).containsExactly(new Usage(3, 5, 8, 2, 0));
        assertThat(d.lastUsage().totalTokens()).isEqualTo(8);
    }

    @Test
    void usageIsZeroFilledAndTotalledWhenGigaChatLeavesFieldsOut() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of(), FunctionsContext.NONE, true);
        d.onChunk(chunk("{\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3}}"));
        assertThat(d.onEnd()).containsExactly(Finish.of(FinishReason.STOP), new Usage(2, 3, 5, 0, 0));

        GigaChatStreamDecoder none = decoder(List.of(), FunctionsContext.NONE, true);
        none.onChunk(chunk(delta("hi", "stop")));
        assertThat(none.onEnd()).containsExactly(new Usage(0, 0, 0, 0, 0));
        assertThat(none.lastUsage()).isNull();
    }

    @Test
    void noUsageEventWhenTheFrontDoesNotWantIt() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of(), FunctionsContext.NONE, false);
        d.onChunk(chunk("""
                {"choices":[{"delta":{"content":"hi"},"index":0,"finish_reason":"length"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}"""));
        assertThat(d.onEnd()).isEmpty();
        assertThat(d.lastUsage().promptTokens()).isEqualTo(3);
    }

    @Test
    void aFunctionCallIsOneToolCallWithTheClientsNameAndTheStateIdAsItsId() throws IOException {
        FunctionsContext renamed = new FunctionsContext(Map.of("weather_forecast", "weather.forecast"), Set.of(), null,
                false);
        GigaChatStreamDecoder d = decoder(List.of(), renamed, false);
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"content":"","role":"assistant","functions_state_id":"77d3fb14",
                 "function_call":{"name":"weather_forecast","arguments":{"location":"Москва"}}},
                 "index":0,"finish_reason":"function_call"}]}""")))
                .containsExactly(new ToolCall("call_77d3fb14", "weather.forecast", "{\"location\":\"Москва\"}"),
                        Finish.of(FinishReason.TOOL_CALLS));
    }

    @Test
    void withoutAStateIdTheToolCallIdIsDerivedFromTheCompletionId() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of(), FunctionsContext.NONE, false);
        List<StreamEvent> events = d.onChunk(chunk("""
                {"choices":[{"delta":{"function_call":{"name":"f","arguments":{}}},"index":0,"finish_reason":"stop"}]}"""));
        assertThat(events).containsExactly(new ToolCall("call_abcd_0", "f", "{}"), Finish.of(FinishReason.TOOL_CALLS));
    }

    @Test
    void theStructuredOutputFunctionIsTextAndAStop() throws IOException {
        FunctionsContext structured = new FunctionsContext(Map.of(), Set.of(), "answer_schema", false);
        GigaChatStreamDecoder d = decoder(List.of(), structured, false);
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"function_call":{"name":"answer_schema","arguments":{"city":"Казань"}}},
                 "index":0,"finish_reason":"function_call"}]}""")))
                .containsExactly(new Text("{\"city\":\"Казань\"}"), Finish.of(FinishReason.STOP));
    }

    @Test
    void jsonContentIsHeldUntilTheFinishAndSentAsOnePieceOfJson() throws IOException {
        FunctionsContext json = new FunctionsContext(Map.of(), Set.of(), null, true);
        GigaChatStreamDecoder d = decoder(List.of(), json, false);
        assertThat(d.onChunk(chunk(delta("```json\n{\"a\":", null)))).isEmpty();
        assertThat(d.onChunk(chunk(delta("1}\n```", null)))).isEmpty();
        assertThat(d.onChunk(chunk(delta("", "stop"))))
                .containsExactly(new Text("{\"a\":1}"), Finish.of(FinishReason.STOP));
    }

    @Test
    void reasoningIsItsOwnEventAndFunctionProgressIsDropped() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of(), FunctionsContext.NONE, false);
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"reasoning_content":"thinking","content":"","role":"assistant"},"index":0}]}""")))
                .containsExactly(new Reasoning("thinking"));
        assertThat(d.onChunk(chunk("""
                {"choices":[{"delta":{"content":"searching...","role":"function_in_progress"},"index":0}]}""")))
                .isEmpty();
    }

    @Test
    void gigaChatsFinishReasonsInNeutralWords() throws IOException {
        assertThat(finishOf("blacklist")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(finishOf("length")).isEqualTo(FinishReason.LENGTH);
        assertThat(finishOf("function_call")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(finishOf("stop")).isEqualTo(FinishReason.STOP);
        assertThat(finishOf("something_new")).isEqualTo(FinishReason.STOP);
    }

    @Test
    void aStreamWithoutAFinishReasonEndsWithAStop() {
        GigaChatStreamDecoder d = decoder(List.of(), FunctionsContext.NONE, false);
        assertThat(d.onEnd()).containsExactly(Finish.of(FinishReason.STOP));
        assertThat(d.onEnd()).isEmpty();
    }

    private static FinishReason finishOf(String gigaChat) throws IOException {
        List<StreamEvent> events = decoder(List.of(), FunctionsContext.NONE, false).onChunk(chunk(delta("", gigaChat)));
        return ((Finish) events.get(events.size() - 1)).reason();
    }

    @Test
    void webSearchSourcesAreAnnouncedOnceAndEachLinkIsCitedAfterItsText() throws IOException {
        GigaChatStreamDecoder d = new GigaChatStreamDecoder(new StreamContext(ID, "gpt-4o", 1, List.of("STOP"), false,
                false, FunctionsContext.NONE, "Python news"), false);
        String sources = ",\"sources\":[{\"id\":\"1\",\"url\":\"https://a.invalid/x\",\"title\":\"A\"},"
                + "{\"id\":\"2\",\"url\":\"https://b.invalid/y\"}]";
        List<StreamEvent> first = d.onChunk(chunk("{\"choices\":[{\"delta\":{\"content\":\"News [sour\"" + sources
                + "},\"index\":0}]}"));
        assertThat(first).containsExactly(new StreamEvent.BuiltIn(new io.gigagate.openai.ChatCompletion.WebSearchCall(
                "Python news", List.of(new io.gigagate.openai.ChatCompletion.WebPage("https://a.invalid/x", "A"),
                        new io.gigagate.openai.ChatCompletion.WebPage("https://b.invalid/y", null)))),
                new Text("News "));
        List<StreamEvent> second = d.onChunk(chunk(delta("ces=[1]] and [sources=[2]] then STOP [sources=[1]]", null)));
        String link1 = "[1](https://a.invalid/x)";
        String link2 = "[2](https://b.invalid/y)";
        int second2 = "News ".length() + link1.length() + " and ".length();
        // the link after the stop sequence is cut with its text, and never cited
        assertThat(second).containsExactly(new Text(link1 + " and " + link2 + " then "),
                new StreamEvent.Citation(5, 5 + link1.length(), "https://a.invalid/x", "A"),
                new StreamEvent.Citation(second2, second2 + link2.length(), "https://b.invalid/y", null),
                Finish.of(FinishReason.STOP));
        assertThat(d.onChunk(chunk(delta("more [sources=[1]]", "stop")))).isEmpty(); // nothing more after the stop
    }

    @Test
    void aStreamWithoutSourcesAnnouncesNoSearch() throws IOException {
        GigaChatStreamDecoder d = decoder(List.of(), FunctionsContext.NONE, false);
        assertThat(d.onChunk(chunk(delta("plain [sources=[1]]", "stop"))))
                .containsExactly(new Text("plain [1]"), Finish.of(FinishReason.STOP));
    }

    @Test
    void aDrawnImageIsFetchedAndAnnouncedAndItsTagLeavesTheText() throws IOException {
        List<String> fetched = new java.util.ArrayList<>();
        io.gigagate.gigachat.GeneratedImages images = id -> {
            fetched.add(id);
            return new io.gigagate.gigachat.GeneratedImages.Fetched(new byte[] {7}, "http://gw/img/" + id);
        };
        GigaChatStreamDecoder d = new GigaChatStreamDecoder(new StreamContext(ID, "gpt-4o", 1, List.of(), false, false,
                FunctionsContext.NONE, "draw", images), false);

        assertThat(d.onChunk(chunk(delta("<img src=\"img-9\" fuse=\"true\"/>", null)))).containsExactly(
                new StreamEvent.BuiltIn(new io.gigagate.openai.ChatCompletion.ImageCall("img-9", "draw", new byte[] {7},
                        "http://gw/img/img-9")));
        assertThat(d.onChunk(chunk(delta(" Here it is", "stop"))))
                .containsExactly(new Text("Here it is"), Finish.of(FinishReason.STOP));
        assertThat(fetched).containsExactly("img-9");
    }

    private static GigaChatStreamDecoder decoder(List<String> stop, FunctionsContext functions, boolean wantUsage) {
        return new GigaChatStreamDecoder(new StreamContext(ID, "gpt-4o", 1, stop, false, false, functions), wantUsage);
    }

    private static GigaChatChatChunk chunk(String json) throws IOException {
        return WireJson.mapper().readValue(json, GigaChatChatChunk.class);
    }

    private static String delta(String content, String finishReason) {
        return "{\"choices\":[{\"delta\":{\"content\":" + WireJson.mapper().valueToTree(content) + "},\"index\":0"
                + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"") + "}]}";
    }
}
