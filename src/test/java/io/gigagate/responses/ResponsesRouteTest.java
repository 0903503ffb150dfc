package io.gigagate.responses;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.emulator.ChatReply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * /v1/responses over plain HTTP against the emulator: the stream's events, names, order and sequence
 * numbers, flushing, failures before and after the first event; the stored conversation (the same
 * GigaChat request with {@code previous_response_id} as with the whole history), built-in and custom
 * tools, endings, refusals in OpenAI's shape, and input token counting.
 */
class ResponsesRouteTest extends ResponsesTestSupport {

    private static final boolean V2 = "v2".equals(System.getProperty(API_MODE_PROPERTY));

    @Test
    void aStreamedAnswerInOpenAisOrder() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("Hel", "lo"));

        Streamed s = stream("{\"model\":\"gpt-4o\",\"input\":\"hi\",\"stream\":true}");

        assertWellFormed(s);
        assertThat(s.names()).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(s.events().get(0).data().at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(s.events().get(4).data().get("delta").asText()).isEqualTo("Hel");
        assertThat(s.events().get(6).data().get("text").asText()).isEqualTo("Hello");
        String itemId = s.events().get(2).data().at("/item/id").asText();
        assertThat(itemId).startsWith("msg_");
        assertThat(s.events().get(4).data().get("item_id").asText()).isEqualTo(itemId);
        JsonNode done = s.last().data().get("response");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(done.at("/output/0/content/0/text").asText()).isEqualTo("Hello");
        assertThat(done.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(done.get("id").asText()).isEqualTo(s.events().get(0).data().at("/response/id").asText());
    }

    @Test
    void eachEventIsFlushedAsItIsTranslated() throws Exception {
        EMULATOR.faults().stallStreamAfter(2, Duration.ofMillis(1500));

        Streamed s = stream("{\"model\":\"GigaChat-2\",\"input\":\"one two three four\",\"stream\":true}");

        assertWellFormed(s);
        Event firstDelta = s.events().stream().filter(e -> e.type().equals("response.output_text.delta"))
                .findFirst().orElseThrow();
        // the first pieces reached the client while GigaChat was still holding back the rest
        assertThat(s.last().nanos() - firstDelta.nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1400));
        assertThat(s.last().type()).isEqualTo("response.completed");
    }

    @Test
    void aStreamedFunctionCall() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.functionCall("get_weather", Map.of("city", "Moscow")));

        Streamed s = stream("""
                {"model": "gpt-4o", "stream": true, "input": "weather?", "tools": [{"type": "function",
                 "name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}]}""");

        assertWellFormed(s);
        assertThat(s.names()).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        JsonNode added = s.events().get(2).data().get("item");
        assertThat(added.get("type").asText()).isEqualTo("function_call");
        assertThat(added.get("arguments").asText()).isEmpty();
        assertThat(added.get("call_id").asText()).startsWith("call_");
        assertThat(JSON.readTree(s.events().get(4).data().get("arguments").asText()).get("city").asText())
                .isEqualTo("Moscow");
        JsonNode output = s.last().data().at("/response/output/0");
        assertThat(output.get("name").asText()).isEqualTo("get_weather");
        assertThat(output.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void anUpstreamFailureBeforeTheFirstEventIsAnHttpErrorAndAfterItResponseFailed() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 500);
        HttpResponse<String> before = post("/v1/responses", "{\"model\":\"GigaChat\",\"input\":\"x\",\"stream\":true}");
        assertOpenAiError(before, 500, "server_error");

        EMULATOR.faults().dropStreamAfter(2);
        Streamed after = stream("{\"model\":\"GigaChat\",\"input\":\"this will break soon\",\"stream\":true}");
        assertWellFormed(after);
        assertThat(after.last().type()).isEqualTo("response.failed");
        JsonNode failed = after.last().data().get("response");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/message").asText()).isNotBlank();
        assertThat(after.names()).doesNotContain("response.completed");
    }

    @Test
    void previousResponseIdMakesTheSameGigaChatRequestAsTheWholeHistory() throws Exception {
        String tools = "[{\"type\":\"function\",\"name\":\"lookup\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"q\":{\"type\":\"string\"}},\"required\":[\"q\"]}}]";
        JsonNode first = json(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"find cats\",\"tools\":" + tools + "}"));
        JsonNode call = first.at("/output/0");
        assertThat(call.get("type").asText()).isEqualTo("function_call");
        String output = "{\"type\":\"function_call_output\",\"call_id\":\"" + call.get("call_id").asText()
                + "\",\"output\":\"three cats\"}";

        JsonNode chained = json(post("/v1/responses", "{\"model\":\"gpt-4o\",\"previous_response_id\":\""
                + first.get("id").asText() + "\",\"input\":[" + output + "],\"tools\":" + tools + "}"));
        JsonNode viaChain = EMULATOR.lastRequest("/chat/completions").chat();
        ArrayNode history = JSON.createArrayNode();
        history.addObject().put("role", "user").put("content", "find cats");
        first.get("output").forEach(history::add);
        history.add(JSON.readTree(output));
        JsonNode whole = json(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":" + history + ",\"tools\":" + tools + "}"));
        JsonNode viaHistory = EMULATOR.lastRequest("/chat/completions").chat();

        assertThat(viaChain).isEqualTo(viaHistory);
        assertThat(viaChain.get("messages")).hasSize(3);
        assertThat(chained.at("/output/0/content/0/text").asText()).isEqualTo(whole.at("/output/0/content/0/text").asText())
                .startsWith("Function lookup returned");
        assertThat(chained.get("previous_response_id").asText()).isEqualTo(first.get("id").asText());
    }

    @Test
    void storedResponsesAreReadListedAndDeleted() throws Exception {
        JsonNode created = json(post("/v1/responses", """
                {"model": "gpt-4o", "metadata": {"ticket": "42"}, "input": [
                  {"role": "developer", "content": "Answer briefly."},
                  {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "first"}]},
                  {"role": "user", "content": "second"}]}"""));
        String id = created.get("id").asText();
        assertThat(created.at("/metadata/ticket").asText()).isEqualTo("42");

        JsonNode read = json(get("/v1/responses/" + id));
        assertThat(read).isEqualTo(created);
        JsonNode page = json(get("/v1/responses/" + id + "/input_items?limit=2"));
        assertThat(page.get("object").asText()).isEqualTo("list");
        assertThat(page.get("data")).hasSize(2);
        assertThat(page.at("/data/0/content/0/text").asText()).isEqualTo("second"); // newest first by default
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode next = json(get("/v1/responses/" + id + "/input_items?limit=2&after=" + page.get("last_id").asText()));
        assertThat(next.get("data")).hasSize(1);
        assertThat(next.at("/data/0/role").asText()).isEqualTo("developer");
        assertThat(next.get("has_more").asBoolean()).isFalse();
        JsonNode ascending = json(get("/responses/" + id + "/input_items?order=asc"));
        assertThat(ascending.get("first_id").asText()).isEqualTo(next.at("/data/0/id").asText());

        HttpResponse<String> deleted = send("DELETE", "/v1/responses/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("object").asText()).isEqualTo("response.deleted");
        assertThat(json(deleted).get("deleted").asBoolean()).isTrue();
        assertOpenAiError(get("/v1/responses/" + id), 404, "invalid_request_error");
        assertOpenAiError(send("DELETE", "/v1/responses/" + id, null), 404, "invalid_request_error");

        JsonNode unstored = json(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"x\",\"store\":false}"));
        assertThat(unstored.get("store").asBoolean()).isFalse();
        assertOpenAiError(get("/v1/responses/" + unstored.get("id").asText()), 404, "invalid_request_error");
    }

    @Test
    void anUnknownPreviousResponseIsA404NamingIt() throws Exception {
        HttpResponse<String> response = post("/v1/responses",
                "{\"model\":\"gpt-4o\",\"previous_response_id\":\"resp_nope\",\"input\":\"x\"}");

        JsonNode error = assertOpenAiError(response, 404, "invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("previous_response_id");
        assertThat(error.get("message").asText()).contains("resp_nope");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void webSearchIsGigaChatsOnV2AndOtherBuiltInToolsAreLeftOutAndNamedInAHeader() throws Exception {
        HttpResponse<String> response = post("/v1/responses", """
                {"model": "GigaChat-2-Max", "input": "Python news", "tools": [{"type": "web_search_preview"},
                 {"type": "file_search", "vector_store_ids": ["vs_1"]}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("tools")).hasSize(2); // echoed as asked
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.has("functions")).isFalse();
        JsonNode text = answer.at(V2 ? "/output/1/content/0" : "/output/0/content/0");
        if (V2) {
            // GigaChat's own web search: a web_search_call item, its citations as links and url_citation annotations
            assertThat(answer.at("/output/0/type").asText()).isEqualTo("web_search_call");
            assertThat(EMULATOR.lastRequest("/chat/completions").json().get("tools").toString())
                    .contains("{\"web_search\":{}}");
            assertThat(response.headers().firstValue("x-gigagate-ignored-tools")).hasValue("file_search");
            JsonNode citation = text.at("/annotations/0");
            assertThat(citation.get("type").asText()).isEqualTo("url_citation");
            assertThat(citation.get("url").asText()).isEqualTo("https://search.invalid/python-news");
            assertThat(text.get("text").asText().substring(citation.get("start_index").asInt(),
                    citation.get("end_index").asInt())).isEqualTo("[1](https://search.invalid/python-news)");
        } else {
            assertThat(response.headers().firstValue("x-gigagate-ignored-tools"))
                    .hasValue("file_search, web_search_preview");
            assertThat(text.get("text").asText()).isEqualTo("Echo: Python news");
            assertThat(text.get("annotations")).isEmpty();
        }
    }

    @Test
    void aCustomToolIsCalledWithItsFreeFormInput() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.functionCall("apply_patch", Map.of("input", "*** Begin Patch")));

        JsonNode response = json(post("/v1/responses", """
                {"model": "gpt-4o", "input": "patch it", "tools": [{"type": "custom", "name": "apply_patch",
                 "description": "Applies a patch", "format": {"type": "grammar", "syntax": "lark", "definition": "start: x"}}]}"""));

        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.at("/functions/0/name").asText()).isEqualTo("apply_patch");
        assertThat(sent.at("/functions/0/parameters/properties/input/type").asText()).isEqualTo("string");
        assertThat(sent.at("/functions/0/description").asText()).contains("lark").contains("start: x");
        JsonNode call = response.at("/output/0");
        assertThat(call.get("type").asText()).isEqualTo("custom_tool_call");
        assertThat(call.get("input").asText()).isEqualTo("*** Begin Patch");
        assertThat(call.get("id").asText()).startsWith("ctc_");

        JsonNode next = json(post("/v1/responses", "{\"model\":\"gpt-4o\",\"previous_response_id\":\""
                + response.get("id").asText() + "\",\"input\":[{\"type\":\"custom_tool_call_output\",\"call_id\":\""
                + call.get("call_id").asText() + "\",\"output\":\"Done!\"}]}"));
        assertThat(next.at("/output/0/content/0/text").asText()).startsWith("Function apply_patch returned");
        JsonNode followUp = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(followUp.at("/messages/1/function_call/arguments/input").asText()).isEqualTo("*** Begin Patch");
    }

    @Test
    void theTokenLimitMakesAnIncompleteResponse() throws Exception {
        JsonNode response = json(post("/v1/responses",
                "{\"model\":\"gpt-4o\",\"input\":\"one two three four five\",\"max_output_tokens\":2}"));

        assertThat(response.get("status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.get("max_output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void badRequestsAreRefusedInOpenAisShapeNamingTheField() throws Exception {
        assertThat(assertOpenAiError(post("/v1/responses", "{\"input\":\"x\"}"), 400, "invalid_request_error")
                .get("param").asText()).isEqualTo("model");
        assertThat(assertOpenAiError(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":42}"), 400,
                "invalid_request_error").get("param").asText()).isEqualTo("input");
        assertThat(assertOpenAiError(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":[{\"type\":\"file_search_call\"}]}"),
                400, "invalid_request_error").get("param").asText()).isEqualTo("input[0].type");
        assertThat(assertOpenAiError(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"x\",\"background\":true}"),
                400, "invalid_request_error").get("param").asText()).isEqualTo("background");
        assertThat(assertOpenAiError(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"x\",\"temperature\":\"hot\"}"),
                400, "invalid_request_error").get("param").asText()).isEqualTo("temperature");
        assertThat(assertOpenAiError(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":[{\"type\":\"function_call_output\"}]}"),
                400, "invalid_request_error").get("param").asText()).isEqualTo("input[0].call_id");
        assertThat(assertOpenAiError(post("/v1/responses", "not json"), 400, "invalid_request_error")
                .get("message").asText()).contains("could not parse the JSON body");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void inputTokensAreCountedByGigaChat() throws Exception {
        HttpResponse<String> response = post("/v1/responses/input_tokens", """
                {"model": "gpt-4o", "instructions": "Be brief.", "input": [{"role": "user", "content": [
                  {"type": "input_text", "text": "How many tokens is this?"},
                  {"type": "input_image", "image_url": "https://example.com/cat.png"}]}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode counted = json(response);
        assertThat(counted.get("object").asText()).isEqualTo("response.input_tokens");
        assertThat(counted.get("input_tokens").asInt()).isPositive();
        JsonNode sent = EMULATOR.lastRequest("/tokens/count").json();
        assertThat(sent.get("input").toString()).contains("Be brief.").contains("How many tokens is this?");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
        assertThat(EMULATOR.requests("/files")).isEmpty();

        HttpResponse<String> noModel = post("/responses/input_tokens", "{\"input\": \"no model named\"}");
        assertThat(noModel.statusCode()).isEqualTo(200);
        assertThat(json(noModel).get("input_tokens").asInt()).isPositive();
    }

    @Test
    void reasoningAndItemReferencesAreAcceptedInTheHistory() throws Exception {
        JsonNode first = json(post("/v1/responses", "{\"model\":\"gpt-4o\",\"input\":\"remember me\"}"));
        String userItem = json(get("/v1/responses/" + first.get("id").asText() + "/input_items")).at("/data/0/id").asText();

        HttpResponse<String> response = post("/v1/responses", "{\"model\":\"gpt-4o\",\"previous_response_id\":\""
                + first.get("id").asText() + "\",\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]},"
                + "{\"type\":\"item_reference\",\"id\":\"" + userItem + "\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.get("messages")).hasSize(3);
        assertThat(sent.at("/messages/2/content").asText()).isEqualTo("remember me");
        ObjectNode unknown = JSON.createObjectNode();
        unknown.put("model", "gpt-4o").putArray("input").addObject().put("type", "item_reference").put("id", "msg_x");
        assertThat(assertOpenAiError(post("/v1/responses", unknown.toString()), 404, "invalid_request_error")
                .get("param").asText()).isEqualTo("input[0].id");
    }
}
