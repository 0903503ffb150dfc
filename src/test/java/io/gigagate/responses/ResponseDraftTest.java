package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Response objects for what the emulator cannot script (GigaChat's reasoning text, a custom tool call with
 * text, a content filter, a failed stream), each read back by openai-java and checked with its
 * {@code validate()}.
 */
class ResponseDraftTest {

    private static ResponseDraft draft(String body, Set<String> custom) {
        return new ResponseDraft("resp_1", 1700000000L,
                ResponsesRequestParser.parse(body.getBytes(StandardCharsets.UTF_8)), custom);
    }

    private static Response sdk(byte[] response) throws Exception {
        Response parsed = ObjectMappers.jsonMapper().readValue(response, Response.class);
        parsed.validate();
        return parsed;
    }

    private static ObjectNode tree(byte[] json) throws Exception {
        return (ObjectNode) WireJson.mapper().readTree(json);
    }

    private static byte[] message(String text) {
        return ResponseDraft.messageItem(new SerializedString("msg_1"), "completed",
                ResponseDraft.outputTextPart(WireJson.quoted(text), List.of()));
    }

    private static ChatCompletion completion(String content, String reasoning, List<ChatCompletion.ToolCall> calls,
                                             String finish) {
        return new ChatCompletion("chatcmpl-1", ChatCompletion.OBJECT, 1L, "GigaChat-2-Max",
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", content, null, calls, null,
                        reasoning), null, finish)),
                new ChatCompletion.Usage(10, 5, 15, new ChatCompletion.PromptTokensDetails(4),
                        new ChatCompletion.CompletionTokensDetails(2)), null);
    }

    @Test
    void reasoningTextAndACustomToolCall() throws Exception {
        ResponseDraft draft = draft("""
                {"model": "gpt-5", "input": "patch", "reasoning": {"effort": "high", "summary": "auto"},
                 "tools": [{"type": "custom", "name": "apply_patch"}, {"type": "function", "name": "f"}],
                 "metadata": {"k": "v"}, "instructions": "Be brief.", "max_output_tokens": 100}""", Set.of("apply_patch"));
        byte[] json = draft.completed(completion("I will patch.", "The user wants a patch.",
                List.of(new ChatCompletion.ToolCall("call_1", "function",
                        new ChatCompletion.FunctionCall("apply_patch", "{\"input\":\"*** Begin Patch\"}"))), "tool_calls"));

        Response response = sdk(json);
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.output()).hasSize(3);
        assertThat(response.output().get(0).asReasoning().summary().get(0).text()).isEqualTo("The user wants a patch.");
        assertThat(response.output().get(1).asMessage().content().get(0).asOutputText().text()).isEqualTo("I will patch.");
        assertThat(response.output().get(2).asCustomToolCall().input()).isEqualTo("*** Begin Patch");
        assertThat(response.output().get(2).asCustomToolCall().callId()).isEqualTo("call_1");
        assertThat(response.usage().get().inputTokensDetails().cachedTokens()).isEqualTo(4);
        assertThat(response.usage().get().outputTokensDetails().reasoningTokens()).isEqualTo(2);
        assertThat(response.tools()).hasSize(2);
        assertThat(tree(json).at("/tools/1/strict").asBoolean()).isTrue();
    }

    @Test
    void webSearchCitationsAreUrlCitationAnnotations() throws Exception {
        String text = "News [1](https://search.invalid/a).";
        ChatCompletion cited = new ChatCompletion("chatcmpl-1", ChatCompletion.OBJECT, 1L, "GigaChat-2-Max",
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", text, null, null, null, null,
                        List.of(ChatCompletion.Annotation.urlCitation(5, 34, "https://search.invalid/a", "A page"))),
                        null, "stop")), null, null);

        Response response = sdk(draft("{\"model\": \"gpt-4o\", \"input\": \"news\", \"tools\": [{\"type\": \"web_search\"}]}",
                Set.of()).completed(cited));

        var annotation = response.output().get(0).asMessage().content().get(0).asOutputText().annotations().get(0)
                .asUrlCitation();
        assertThat(annotation.url()).isEqualTo("https://search.invalid/a");
        assertThat(annotation.title()).isEqualTo("A page");
        assertThat(text.substring((int) annotation.startIndex(), (int) annotation.endIndex()))
                .isEqualTo("[1](https://search.invalid/a)");
    }

    @Test
    void aWebSearchIsAWebSearchCallItemBeforeTheMessage() throws Exception {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", "News [1](https://search.invalid/a).",
                null, null, null, null, List.of(), List.of(new ChatCompletion.WebSearchCall("news", List.of(
                        new ChatCompletion.WebPage("https://search.invalid/a", "A"),
                        new ChatCompletion.WebPage("https://search.invalid/b", null)))));
        ChatCompletion searched = new ChatCompletion("chatcmpl-1", ChatCompletion.OBJECT, 1L, "GigaChat-2-Max",
                List.of(new ChatCompletion.Choice(0, message, null, "stop")), null, null);

        Response response = sdk(draft("{\"model\": \"gpt-4o\", \"input\": \"news\", \"tools\": [{\"type\": \"web_search\"}]}",
                Set.of()).completed(searched));

        assertThat(response.output()).hasSize(2);
        var search = response.output().get(0).asWebSearchCall();
        assertThat(search.id()).startsWith("ws_");
        assertThat(search.action().asSearch().query()).isEqualTo("news");
        assertThat(search.action().asSearch().sources().orElseThrow()).extracting(s -> s.url())
                .containsExactly("https://search.invalid/a", "https://search.invalid/b");
        assertThat(response.output().get(1).isMessage()).isTrue();
        // the chat front's own wire never shows the built-in calls
        assertThat(io.gigagate.wire.WireJson.mapper().writeValueAsString(searched)).doesNotContain("ws_", "builtIn",
                "search.invalid/b");
    }

    @Test
    void endingsAndAFailedStream() throws Exception {
        ResponseDraft draft = draft("{\"model\": \"gpt-4o\", \"input\": \"x\"}", Set.of());

        Response filtered = sdk(draft.completed(completion("", null, null, "content_filter")));
        assertThat(filtered.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(filtered.incompleteDetails().get().reason().get().asString()).isEqualTo("content_filter");
        Response cut = sdk(draft.completed(completion("Half", null, null, "length")));
        assertThat(cut.incompleteDetails().get().reason().get().asString()).isEqualTo("max_output_tokens");

        byte[] failed = draft.failed(List.of(message("Hal")),
                "upstream_timeout", "GigaChat stopped answering.");
        Response parsedFailed = sdk(failed);
        assertThat(parsedFailed.status()).contains(ResponseStatus.FAILED);
        assertThat(parsedFailed.error().get().code().asString()).isEqualTo("server_error");
        assertThat(parsedFailed.error().get().message()).isEqualTo("GigaChat stopped answering. (upstream_timeout)");

        ObjectNode event = tree(failed).objectNode().put("type", "response.failed").put("sequence_number", 7);
        event.set("response", tree(failed));
        ResponseStreamEvent parsedEvent = ObjectMappers.jsonMapper().readValue(event.toString(), ResponseStreamEvent.class);
        parsedEvent.validate();
        assertThat(parsedEvent.isFailed()).isTrue();
        assertThat(sdk(draft.inProgress()).status()).contains(ResponseStatus.IN_PROGRESS);
    }

    @Test
    void everyStateHasOpenAisFieldsInOrderAndTheSameSettings() throws Exception {
        ResponseDraft draft = draft("""
                {"model": "gpt-4o", "input": "x", "instructions": "Tab\\there, \\"quoted\\", юникод.",
                 "text": {"format": {"type": "json_object"}, "verbosity": "low"}, "tool_choice": "required",
                 "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}], "metadata": {"a": "b"},
                 "user": "u1", "temperature": 0.5}""", Set.of());

        ObjectNode inProgress = tree(draft.inProgress());
        ObjectNode finished = tree(draft.finished(List.of(message("Hi \"quoted\"\n😀 юникод")),
                ResponseDraft.Ending.MAX_OUTPUT_TOKENS, ResponseDraft.usage(3, 2, 5, 0, 0)));
        ObjectNode failed = tree(draft.failed(List.of(), "rate_limit_exceeded", "Slow down."));

        List<String> order = List.of("id", "object", "created_at", "status", "background", "error", "incomplete_details",
                "instructions", "max_output_tokens", "max_tool_calls", "model", "parallel_tool_calls",
                "previous_response_id", "reasoning", "service_tier", "store", "temperature", "text", "tool_choice", "tools",
                "top_p", "truncation", "user", "safety_identifier", "prompt_cache_key", "metadata", "output", "usage");
        for (ObjectNode state : List.of(inProgress, finished, failed)) {
            List<String> fields = new java.util.ArrayList<>();
            state.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isEqualTo(order);
            assertThat(state.get("instructions").asText()).isEqualTo("Tab\there, \"quoted\", юникод.");
            assertThat(state.at("/text/format/type").asText()).isEqualTo("json_object");
            assertThat(state.at("/text/verbosity").asText()).isEqualTo("low");
            assertThat(state.get("tool_choice").asText()).isEqualTo("required");
            assertThat(state.at("/tools/0/strict").asBoolean()).isTrue();
            assertThat(state.at("/metadata/a").asText()).isEqualTo("b");
            assertThat(state.get("temperature").asDouble()).isEqualTo(0.5);
        }
        assertThat(inProgress.get("status").asText()).isEqualTo("in_progress");
        assertThat(inProgress.get("usage").isNull()).isTrue();
        assertThat(inProgress.get("output").size()).isZero();
        assertThat(finished.get("status").asText()).isEqualTo("incomplete");
        assertThat(finished.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(finished.at("/output/0/content/0/text").asText()).isEqualTo("Hi \"quoted\"\n😀 юникод");
        assertThat(finished.at("/usage/total_tokens").asInt()).isEqualTo(5);
        assertThat(failed.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(failed.at("/incomplete_details").isNull()).isTrue();
        sdk(draft.inProgress());
    }
}
