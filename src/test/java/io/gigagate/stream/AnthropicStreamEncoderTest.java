package io.gigagate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gigagate.anthropic.AnthropicRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Anthropic's Messages stream over GigaChat's real SSE bytes, through the shared {@link SseBody}: the named
 * events in Anthropic's order, thinking blocks, tool_use with input_json_delta, stop sequences named, the
 * stop reasons, each event leaving as it is translated, and the mid-stream error event.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnthropicStreamEncoderTest {

    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final StreamContext CTX = new StreamContext("chatcmpl-1234-abcd", null, 1700000000L, List.of(),
            false, false);
    private static final String START = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1234abcd","type":"message","role":"assistant",\
            "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,\
            "usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}

            """;

    private static AnthropicRequest request(List<String> stops, boolean thinking) {
        return new AnthropicRequest("claude-sonnet-4-5", true, stops, thinking, List.of());
    }

    private static String encode(String upstream, AnthropicRequest request) throws IOException {
        try (SseBody body = SseBody.open(TestStreams.of(upstream), CTX, new AnthropicStreamEncoder(CTX, request),
                StreamLimits.none())) {
            String out = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(body.finished()).isTrue();
            return out;
        }
    }

    @Test
    void aTextAnswerInAnthropicsOrder() throws IOException {
        String upstream = chunk("{\"content\":\"Hel\",\"role\":\"assistant\"}", null)
                + chunk("{\"content\":\"lo\"}", null)
                + usage(chunk("{\"content\":\"\"}", "stop"), 12, 3, 5)
                + "data: [DONE]\n\n";

        assertThat(encode(upstream, request(List.of(), false))).isEqualTo(START + """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},\
                "usage":{"input_tokens":12,"output_tokens":3,"cache_creation_input_tokens":0,"cache_read_input_tokens":5}}

                event: message_stop
                data: {"type":"message_stop"}

                """);
    }

    @Test
    void reasoningIsAThinkingBlockOnlyWhenThinkingWasAskedFor() throws IOException {
        String upstream = chunk("{\"reasoning_content\":\"Let me think\",\"role\":\"assistant\"}", null)
                + chunk("{\"content\":\"42\"}", null)
                + chunk("{\"content\":\"\"}", "stop");

        String thinking = encode(upstream, request(List.of(), true));
        assertThat(dataOf(thinking)).containsSubsequence(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\","
                        + "\"signature\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":"
                        + "\"Let me think\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":"
                        + "\"gigagate\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}");

        String plain = encode(upstream, request(List.of(), false));
        assertThat(plain).doesNotContain("thinking").contains("\"index\":0,\"content_block\":{\"type\":\"text\"");
    }

    @Test
    void aToolCallIsAToolUseBlockWithItsInputAsPartialJson() throws IOException {
        String upstream = chunk("{\"content\":\"Checking.\",\"role\":\"assistant\"}", null)
                + chunk("{\"content\":\"\",\"functions_state_id\":\"0b7a3c1e-1111-4222-8333-444455556666\","
                        + "\"function_call\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Omsk\"}}}",
                "function_call");

        List<String> data = dataOf(encode(upstream, request(List.of(), false)));
        assertThat(data).containsSubsequence(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
                        + "\"id\":\"toolu_0b7a3c1e-1111-4222-8333-444455556666\",\"name\":\"get_weather\",\"input\":{},"
                        + "\"caller\":{\"type\":\"direct\"}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"{\\\"city\\\":\\\"Omsk\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}");
        assertThat(data.get(data.size() - 2)).startsWith(
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null}");
        assertThat(data).filteredOn(d -> d.contains("content_block_stop")).hasSize(2);
    }

    @Test
    void aStopSequenceSplitAcrossChunksIsCutAndNamed() throws IOException {
        String upstream = chunk("{\"content\":\"one two EN\",\"role\":\"assistant\"}", null)
                + chunk("{\"content\":\"D three\"}", null)
                + chunk("{\"content\":\" four\"}", "stop");

        List<String> data = dataOf(encode(upstream, request(List.of("NOPE", "END"), false)));
        String text = String.join("", data.stream().filter(d -> d.contains("text_delta"))
                .map(d -> d.replaceAll(".*\"text\":\"(.*)\"}}", "$1")).toList());
        assertThat(text).isEqualTo("one two ");
        assertThat(data).anySatisfy(d -> assertThat(d).startsWith(
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"}"));
    }

    @Test
    void theTokenLimitAndGigaChatsBlacklistHaveTheirStopReasons() throws IOException {
        assertThat(encode(chunk("{\"content\":\"cut\",\"role\":\"assistant\"}", "length"), request(List.of(), false)))
                .contains("\"stop_reason\":\"max_tokens\"");
        assertThat(encode(chunk("{\"content\":\"I can't talk about that.\",\"role\":\"assistant\"}", "blacklist"),
                request(List.of(), false))).contains("\"stop_reason\":\"refusal\"");
    }

    @Test
    void eventsLeaveAsTheyAreTranslatedAndAMidStreamFailureIsAnErrorEvent() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled()
                .send(chunk("{\"content\":\"Hello\",\"role\":\"assistant\"}", null));
        SseBody body = SseBody.open(upstream, CTX, new AnthropicStreamEncoder(CTX, request(List.of(), false)),
                StreamLimits.none());
        byte[] buf = new byte[65536];

        // message_start leaves with the first text, and nothing waits for more upstream
        assertThat(assertTimeoutPreemptively(GUARD, () -> read(body, buf))).startsWith(START)
                .endsWith("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n");
        upstream.send(chunk("{\"content\":\" world\"}", null));
        assertThat(assertTimeoutPreemptively(GUARD, () -> read(body, buf))).isEqualTo("""
                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}

                """);
        upstream.send("data: {\"status\":503,\"message\":\"Service unavailable\"}\n\n");
        assertThat(assertTimeoutPreemptively(GUARD, () -> read(body, buf))).isEqualTo("""
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"GigaChat: Service unavailable"}}

                """);
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
        assertThat(upstream.isClosed()).isTrue();
        body.close();
    }

    /**
     * The data of each event, checking the framing on the way: every event is {@code event: <name>} then one
     * {@code data:} line whose {@code type} is that name, as Anthropic sends them.
     */
    static List<String> dataOf(String sse) {
        List<String> data = new java.util.ArrayList<>();
        for (String event : sse.split("\n\n")) {
            String[] lines = event.split("\n");
            assertThat(lines).as(event).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: {\"type\":\"" + lines[0].substring(7) + "\"");
            data.add(lines[1].substring(6));
        }
        return data;
    }

    @Test
    void aWebSearchIsAServerToolUseAndItsResultThenCitedText() throws IOException {
        String upstream = chunk("{\"content\":\"News [sources=[1]]\",\"role\":\"assistant\",\"sources\":"
                + "[{\"id\":\"1\",\"url\":\"https://a.invalid/x\",\"title\":\"A\"}]}", null)
                + usage(chunk("{\"content\":\".\"}", "stop"), 12, 3, 0);
        StreamContext asked = new StreamContext("chatcmpl-1234-abcd", null, 1700000000L, List.of(), false, false, null,
                "what is new");
        String out;
        try (SseBody body = SseBody.open(TestStreams.of(upstream), asked, new AnthropicStreamEncoder(asked,
                request(List.of(), false)), StreamLimits.none())) {
            out = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(out).contains("""
                data: {"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use",\
                "id":"srvtoolu_1234abcd_0","name":"web_search","input":{},"caller":{"type":"direct"}}}""", """
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta",\
                "partial_json":"{\\"query\\":\\"what is new\\"}"}}""", """
                data: {"type":"content_block_start","index":1,"content_block":{"type":"web_search_tool_result",\
                "tool_use_id":"srvtoolu_1234abcd_0","content":[{"type":"web_search_result","url":"https://a.invalid/x",\
                "title":"A","encrypted_content":"","page_age":null}],"caller":{"type":"direct"}}}""", """
                data: {"type":"content_block_delta","index":2,"delta":{"type":"citations_delta","citation":\
                {"type":"web_search_result_location","url":"https://a.invalid/x","title":"A",\
                "cited_text":"[1](https://a.invalid/x)","encrypted_index":""}}}""", """
                "usage":{"input_tokens":12,"output_tokens":3,"cache_creation_input_tokens":0,\
                "cache_read_input_tokens":0,"server_tool_use":{"web_search_requests":1,"web_fetch_requests":0}}}""");
        assertThat(out.indexOf("citations_delta")).isGreaterThan(out.indexOf("News [1]"));
    }

    private static String read(SseBody body, byte[] buf) throws IOException {
        int n = body.read(buf, 0, buf.length);
        assertThat(n).isPositive();
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** A GigaChat chunk as one SSE event. */
    private static String chunk(String delta, String finishReason) {
        return "data: {\"choices\":[{\"delta\":" + delta + ",\"index\":0"
                + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"")
                + "}],\"created\":1768996176,\"model\":\"GigaChat:2.0.28.2\",\"object\":\"chat.completion\"}\n\n";
    }

    private static String usage(String chunk, int prompt, int completion, int cached) {
        return chunk.replace("}\n\n", ",\"usage\":{\"prompt_tokens\":" + (prompt + cached) + ",\"completion_tokens\":"
                + completion + ",\"total_tokens\":" + (prompt + cached + completion) + ",\"precached_prompt_tokens\":"
                + cached + "}}\n\n");
    }
}
