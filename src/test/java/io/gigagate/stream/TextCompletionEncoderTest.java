package io.gigagate.stream;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.stream.StreamEvent.Finish;
import io.gigagate.stream.StreamEvent.FinishReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The legacy {@code text_completion} stream, written from neutral events (no chat bytes read back). */
class TextCompletionEncoderTest {

    private static final String PREFIX = "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":42,"
            + "\"model\":\"gpt-3.5-turbo-instruct\",\"choices\":";

    @Test
    void textFinishUsageAndDone() {
        TextCompletionEncoder encoder = encoder(true, null);
        assertThat(encoder.wantsUsage()).isTrue();
        String sse = write(encoder, List.of(new StreamEvent.Model("GigaChat"), new StreamEvent.Text("Hello"),
                new StreamEvent.Text(" world"), Finish.of(FinishReason.STOP),
                new StreamEvent.Usage(3, 2, 5, 1, 0)), true);
        assertThat(sse).isEqualTo(PREFIX + "[{\"text\":\"Hello\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + PREFIX + "[{\"text\":\" world\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + PREFIX + "[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
                + PREFIX + "[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
                + "data: [DONE]\n\n");
    }

    @Test
    void theEchoedPromptIsTheFirstChunk() {
        EventStream.Writer out = new EventStream.Writer();
        encoder(false, "Say hi").start(out);
        assertThat(new String(out.take(), StandardCharsets.UTF_8)).isEqualTo(
                PREFIX + "[{\"text\":\"Say hi\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        encoder(false, "").start(out);
        assertThat(out.size()).isZero();
    }

    @Test
    void reasoningToolCallsEmptyTextAndUnwantedUsageWriteNothing() {
        String sse = write(encoder(false, null), List.of(new StreamEvent.Reasoning("hmm"), new StreamEvent.Text(""),
                new StreamEvent.ToolCall("call_1", "f", "{}"), new StreamEvent.Usage(1, 1, 2, 0, 0)), false);
        assertThat(sse).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"STOP,stop", "LENGTH,length", "CONTENT_FILTER,content_filter", "TOOL_CALLS,stop"})
    void finishReasons(FinishReason reason, String written) {
        assertThat(write(encoder(false, null), List.of(Finish.of(reason)), false)).isEqualTo(
                PREFIX + "[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"" + written + "\"}]}\n\n");
    }

    @Test
    void anErrorIsOpenAisErrorEvent() {
        EventStream.Writer out = new EventStream.Writer();
        encoder(false, null).error(new GatewayException(504, ErrorCategory.SERVER, "upstream_timeout", null,
                "Too slow."), out);
        assertThat(new String(out.take(), StandardCharsets.UTF_8)).isEqualTo("data: {\"error\":{\"message\":\"Too slow.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_timeout\"}}\n\n");
    }

    @Test
    void aGigaChatStreamThroughTheSharedBody() throws IOException {
        StreamFixture fixture = StreamFixture.TEXT_INCLUDE_USAGE;
        StreamContext ctx = new StreamContext("cmpl-1", "gpt-3.5-turbo-instruct", 42, List.of(), true, false);
        try (SseBody body = SseBody.open(TestStreams.of(new String(fixture.gigaChat(), StandardCharsets.UTF_8)), ctx,
                new TextCompletionEncoder(ctx, "gpt-3.5-turbo-instruct", "Q: "), StreamLimits.none())) {
            List<String> data = StreamFixture.dataOf(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            StringBuilder text = new StringBuilder();
            for (String d : data.subList(0, data.size() - 3)) {
                text.append(io.gigagate.openai.JsonAssertions.tree(d).path("choices").path(0).path("text").asText());
            }
            StringBuilder chat = new StringBuilder();
            for (String d : fixture.openAiData()) {
                if (!d.equals("[DONE]")) {
                    chat.append(io.gigagate.openai.JsonAssertions.tree(d).path("choices").path(0).path("delta")
                            .path("content").asText(""));
                }
            }
            assertThat(text.toString()).isEqualTo("Q: " + chat);
            assertThat(data.get(data.size() - 3)).contains("\"finish_reason\":\"stop\"");
            assertThat(data.get(data.size() - 2)).contains("\"choices\":[],\"usage\":{");
            assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        }
    }

    private static TextCompletionEncoder encoder(boolean includeUsage, String echo) {
        return new TextCompletionEncoder(new StreamContext("cmpl-1", "ignored", 42, List.of(), includeUsage, false),
                "gpt-3.5-turbo-instruct", echo);
    }

    private static String write(StreamEncoder encoder, List<StreamEvent> events, boolean end) {
        EventStream.Writer out = new EventStream.Writer();
        events.forEach(e -> encoder.encode(e, out));
        if (end) {
            encoder.end(out);
        }
        return new String(out.take(), StandardCharsets.UTF_8);
    }
}
