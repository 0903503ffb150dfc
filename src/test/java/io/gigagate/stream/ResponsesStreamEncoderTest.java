package io.gigagate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponseDraft;
import io.gigagate.responses.ResponsesRequestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Responses API's stream over real GigaChat bytes: reasoning as a summarised {@code reasoning} item, text
 * as a {@code message} item, calls as {@code function_call} or {@code custom_tool_call} items, the ending
 * and usage in the last event, {@code response.failed} after a mid-stream error, and every event leaving as
 * soon as it is translated.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResponsesStreamEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final StreamContext CTX = new StreamContext(StreamFixture.ID, "gpt-4o", StreamFixture.CREATED,
            List.of(), false, false);

    private final AtomicReference<JsonNode> finished = new AtomicReference<>();

    private ResponsesStreamEncoder encoder(Set<String> customTools) {
        ResponseDraft draft = new ResponseDraft("resp_test", 1700000000L, ResponsesRequestParser.parse(
                "{\"model\":\"gpt-4o\",\"input\":\"hi\",\"stream\":true}".getBytes(StandardCharsets.UTF_8)), customTools);
        return new ResponsesStreamEncoder(draft, json -> {
            try {
                finished.set(JSON.readTree(json));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The events of a whole stream: [name, data] pairs. */
    private static List<JsonNode> events(String sse) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        String name = null;
        for (String line : sse.split("\n")) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = JSON.readTree(line.substring(6));
                assertThat(data.get("type").asText()).isEqualTo(name);
                events.add(data);
            }
        }
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence_number").asInt()).isEqualTo(i);
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    @Test
    void reasoningThenTextThenUsage() throws IOException {
        String upstream = chunk("{\"reasoning_content\":\"Think\",\"role\":\"assistant\"}", null)
                + chunk("{\"reasoning_content\":\"ing\"}", null)
                + chunk("{\"content\":\"Hel\"}", null)
                + chunk("{\"content\":\"lo\"}", null)
                + chunk("{\"content\":\"\"}", "stop").replace("}\n\n",
                        ",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9,"
                                + "\"precached_prompt_tokens\":3}}\n\n");
        String sse;
        try (SseBody body = SseBody.open(TestStreams.of(upstream), CTX, encoder(Set.of()), StreamLimits.none())) {
            sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> events = events(sse);

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(events.get(6).get("text").asText()).isEqualTo("Thinking");
        assertThat(events.get(9).get("output_index").asInt()).isEqualTo(1);
        assertThat(events.get(11).get("output_index").asInt()).isEqualTo(1);
        JsonNode response = events.get(events.size() - 1).get("response");
        assertThat(response.get("id").asText()).isEqualTo("resp_test");
        assertThat(response.get("status").asText()).isEqualTo("completed");
        assertThat(response.at("/output/0/type").asText()).isEqualTo("reasoning");
        assertThat(response.at("/output/0/summary/0/text").asText()).isEqualTo("Thinking");
        assertThat(response.at("/output/1/content/0/text").asText()).isEqualTo("Hello");
        assertThat(response.at("/usage/input_tokens").asInt()).isEqualTo(7);
        assertThat(response.at("/usage/output_tokens").asInt()).isEqualTo(2);
        assertThat(response.at("/usage/total_tokens").asInt()).isEqualTo(9);
        assertThat(response.has("incomplete_details")).isTrue();
        assertThat(finished.get().toString()).isEqualTo(response.toString());
    }

    @Test
    void aWebSearchIsAnItemBeforeTheMessageAndItsLinksAreAnnotations() throws IOException {
        String upstream = chunk("{\"content\":\"News [sources=[1]].\",\"role\":\"assistant\",\"sources\":"
                + "[{\"id\":\"1\",\"url\":\"https://a.invalid/x\",\"title\":\"A\"}]}", null)
                + chunk("{\"content\":\"\"}", "stop");
        StreamContext asked = new StreamContext(StreamFixture.ID, "gpt-4o", StreamFixture.CREATED, List.of(), false,
                false, null, "what is new");
        String sse;
        try (SseBody body = SseBody.open(TestStreams.of(upstream), asked, encoder(Set.of()), StreamLimits.none())) {
            sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> events = events(sse);

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.web_search_call.in_progress",
                "response.web_search_call.searching", "response.web_search_call.completed", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.annotation.added", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(events.get(2).at("/item/status").asText()).isEqualTo("in_progress");
        JsonNode search = events.get(6).get("item");
        assertThat(search.get("type").asText()).isEqualTo("web_search_call");
        assertThat(search.at("/action/query").asText()).isEqualTo("what is new");
        assertThat(search.at("/action/sources/0/url").asText()).isEqualTo("https://a.invalid/x");
        assertThat(events.get(3).get("item_id").asText()).isEqualTo(search.get("id").asText());
        JsonNode added = events.get(10);
        assertThat(added.get("output_index").asInt()).isEqualTo(1);
        assertThat(added.get("annotation_index").asInt()).isZero();
        String text = events.get(11).get("text").asText();
        JsonNode annotation = added.get("annotation");
        assertThat(text.substring(annotation.get("start_index").asInt(), annotation.get("end_index").asInt()))
                .isEqualTo("[1](https://a.invalid/x)");
        assertThat(annotation.get("title").asText()).isEqualTo("A");
        JsonNode response = events.get(events.size() - 1).get("response");
        assertThat(response.at("/output/0/type").asText()).isEqualTo("web_search_call");
        assertThat(response.at("/output/1/content/0/annotations/0")).isEqualTo(annotation);
        assertThat(events.get(12).at("/part/annotations/0")).isEqualTo(annotation);
    }

    @Test
    void aCustomToolCallAndATokenLimit() throws IOException {
        String call = chunk("{\"content\":\"\",\"role\":\"assistant\",\"functions_state_id\":\"st-1\","
                + "\"function_call\":{\"name\":\"apply_patch\",\"arguments\":{\"input\":\"*** Begin Patch\"}}}",
                "function_call");
        try (SseBody body = SseBody.open(TestStreams.of(call), CTX, encoder(Set.of("apply_patch")), StreamLimits.none())) {
            List<JsonNode> events = events(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                    "response.output_item.added", "response.custom_tool_call_input.delta",
                    "response.custom_tool_call_input.done", "response.output_item.done", "response.completed");
            assertThat(events.get(2).at("/item/type").asText()).isEqualTo("custom_tool_call");
            assertThat(events.get(2).at("/item/input").asText()).isEmpty();
            assertThat(events.get(4).get("input").asText()).isEqualTo("*** Begin Patch");
            assertThat(events.get(5).at("/item/call_id").asText()).isEqualTo("call_st-1");
        }

        String cut = chunk("{\"content\":\"Hello\",\"role\":\"assistant\"}", null) + chunk("{\"content\":\"\"}", "length");
        try (SseBody body = SseBody.open(TestStreams.of(cut), CTX, encoder(Set.of()), StreamLimits.none())) {
            List<JsonNode> events = events(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            JsonNode last = events.get(events.size() - 1);
            assertThat(last.get("type").asText()).isEqualTo("response.incomplete");
            assertThat(last.at("/response/status").asText()).isEqualTo("incomplete");
            assertThat(last.at("/response/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        }
    }

    @Test
    void eventsLeaveAsTheyComeAndAMidStreamErrorIsResponseFailed() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled()
                .send(chunk("{\"content\":\"Hello\",\"role\":\"assistant\"}", null));
        SseBody body = SseBody.open(upstream, CTX, encoder(Set.of()), StreamLimits.none());
        byte[] buf = new byte[65536];

        String opening = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(opening).contains("event: response.created").contains("event: response.output_text.delta")
                .contains("\"delta\":\"Hello\"");
        upstream.send(chunk("{\"content\":\" world\"}", null));
        String next = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(next).startsWith("event: response.output_text.delta\n").contains("\"delta\":\" world\"")
                .contains("\"sequence_number\":5");
        upstream.send("data: {\"status\":429,\"message\":\"Too many requests\"}\n\n");
        String failed = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(failed).startsWith("event: response.failed\n");
        JsonNode data = JSON.readTree(failed.substring(failed.indexOf("data: ") + 6).trim());
        assertThat(data.at("/response/status").asText()).isEqualTo("failed");
        assertThat(data.at("/response/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(data.at("/response/error/message").asText()).contains("Too many requests");
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
        assertThat(finished.get()).as("a failed response is not stored").isNull();
    }

    @Test
    void aResponseThatCannotBeStoredEndsTheStreamAsFailedNotCompleted() throws IOException {
        ResponseDraft draft = new ResponseDraft("resp_unsaved", 1700000000L, ResponsesRequestParser.parse(
                "{\"model\":\"gpt-4o\",\"input\":\"hi\",\"stream\":true}".getBytes(StandardCharsets.UTF_8)), Set.of());
        ResponsesStreamEncoder refusing = new ResponsesStreamEncoder(draft, response -> {
            throw new GatewayException(503, ErrorCategory.SERVER, "response_store_unavailable", null,
                    "The shared response store is unavailable.");
        });
        String upstream = chunk("{\"content\":\"Hello\",\"role\":\"assistant\"}", null) + chunk("{\"content\":\"\"}", "stop");
        try (SseBody body = SseBody.open(TestStreams.of(upstream), CTX, refusing, StreamLimits.none())) {
            List<JsonNode> events = events(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(types(events)).doesNotContain("response.completed").endsWith("response.failed");
            JsonNode last = events.get(events.size() - 1).get("response");
            assertThat(last.get("id").asText()).isEqualTo("resp_unsaved");
            assertThat(last.get("status").asText()).isEqualTo("failed");
            assertThat(last.at("/error/code").asText()).isEqualTo("server_error");
            assertThat(last.at("/error/message").asText()).contains("response store is unavailable");
        }
    }

    private static String read(SseBody body, byte[] buf) throws IOException {
        int n = body.read(buf, 0, buf.length);
        assertThat(n).isPositive();
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"choices\":[{\"delta\":" + delta + ",\"index\":0"
                + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"")
                + "}],\"created\":1768996176,\"model\":\"GigaChat:2.0.28.2\",\"object\":\"chat.completion\"}\n\n";
    }
}
