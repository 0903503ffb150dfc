package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.inputitems.InputItemListParams;
import com.openai.models.responses.inputitems.ResponseItemList;
import io.gigagate.emulator.ChatReply;
import io.gigagate.emulator.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Responses over GigaChat's own storage (gigagate.responses.upstream-storage on): on a model served on the v2
 * contract a stored turn opens a thread, the next turns by {@code previous_response_id} send only their own input
 * with {@code storage.thread_id}, and the emulator (which prepends the thread's turns, as GigaChat keeps them)
 * answers from the whole conversation. A model on v1 is rebuilt in full as before. The same on both test runs:
 * the models' contracts are set per model here.
 */
@TestPropertySource(properties = {
        "gigagate.responses.upstream-storage=true",
        "gigagate.api-modes=GigaChat-2-Max=v2,GigaChat-2-Pro=v1"})
class ResponsesUpstreamStorageTest extends ResponsesTestSupport {

    private static final String V2_MODEL = "GigaChat-2-Max";
    private static final String V1_MODEL = "GigaChat-2-Pro";

    /** The emulator answers with the user turns it saw, so an answer shows what GigaChat had of the conversation. */
    private static void answerWithTheUserTurnsSeen() {
        EMULATOR.faults().responder(root -> {
            List<String> users = new ArrayList<>();
            root.path("messages").forEach(m -> {
                if ("user".equals(m.path("role").asText())) {
                    users.add(m.path("content").asText());
                }
            });
            return ChatReply.text("seen " + String.join("|", users));
        });
    }

    private Response turn(String model, String instructions, String previous, String input) {
        ResponseCreateParams.Builder params = ResponseCreateParams.builder().model(model).input(input);
        if (instructions != null) {
            params.instructions(instructions);
        }
        if (previous != null) {
            params.previousResponseId(previous);
        }
        Response response = client.responses().create(params.build());
        response.validate();
        return response;
    }

    private static String text(Response response) {
        return response.output().get(0).asMessage().content().get(0).asOutputText().text();
    }

    private static List<RecordedRequest> chatCalls() {
        return EMULATOR.requests("/chat/completions");
    }

    private static JsonNode lastChat() {
        List<RecordedRequest> calls = chatCalls();
        return calls.get(calls.size() - 1).json();
    }

    @Test
    void threeTurnsSendOnlyTheNewTurnInGigaChatsThread() {
        answerWithTheUserTurnsSeen();
        Response first = turn(V2_MODEL, "Be brief.", null, "one");
        assertThat(text(first)).isEqualTo("seen one");
        JsonNode opened = lastChat();
        assertThat(chatCalls().get(0).path()).startsWith("/api/v2/");
        assertThat(opened.path("storage").isObject()).isTrue();
        assertThat(opened.path("storage").has("thread_id")).isFalse();
        assertThat(opened.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(opened.at("/messages/1/content/0/text").asText()).isEqualTo("one");

        Response second = turn(V2_MODEL, "Be brief.", first.id(), "two");
        assertThat(text(second)).isEqualTo("seen one|two");
        JsonNode continued = lastChat();
        String threadId = continued.at("/storage/thread_id").asText();
        assertThat(threadId).isNotEmpty();
        assertThat(continued.path("messages")).hasSize(1);
        assertThat(continued.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(continued.at("/messages/0/content/0/text").asText()).isEqualTo("two");

        Response third = turn(V2_MODEL, "Be brief.", second.id(), "three");
        assertThat(text(third)).isEqualTo("seen one|two|three");
        JsonNode again = lastChat();
        assertThat(again.at("/storage/thread_id").asText()).isEqualTo(threadId);
        assertThat(again.path("messages")).hasSize(1);
        assertThat(again.at("/messages/0/content/0/text").asText()).isEqualTo("three");
        assertThat(chatCalls()).hasSize(3);

        // the gateway's own record is whole: the stored response and its own input items
        Response stored = client.responses().retrieve(third.id());
        stored.validate();
        assertThat(text(stored)).isEqualTo("seen one|two|three");
        ResponseItemList items = client.responses().inputItems().list(InputItemListParams.builder()
                .responseId(third.id()).build()).response();
        assertThat(items.data()).hasSize(1);
        assertThat(items.data().get(0).asResponseInputMessageItem().content().get(0).asInputText().text())
                .isEqualTo("three");
    }

    @Test
    void aStreamedConversationKeepsTheThreadToo() throws Exception {
        answerWithTheUserTurnsSeen();
        Streamed first = stream("{\"model\":\"" + V2_MODEL + "\",\"input\":\"one\",\"stream\":true}");
        assertWellFormed(first);
        String firstId = first.last().data().at("/response/id").asText();
        assertThat(first.last().type()).isEqualTo("response.completed");
        assertThat(lastChat().path("storage").isObject()).isTrue();

        Streamed second = stream("{\"model\":\"" + V2_MODEL + "\",\"input\":\"two\",\"stream\":true,"
                + "\"previous_response_id\":\"" + firstId + "\"}");
        assertWellFormed(second);
        assertThat(second.last().data().at("/response/output/0/content/0/text").asText()).isEqualTo("seen one|two");
        JsonNode continued = lastChat();
        assertThat(continued.at("/storage/thread_id").asText()).isNotEmpty();
        assertThat(continued.path("messages")).hasSize(1);

        // a JSON turn continues the streamed one's thread
        Response third = turn(V2_MODEL, null, second.last().data().at("/response/id").asText(), "three");
        assertThat(text(third)).isEqualTo("seen one|two|three");
        assertThat(lastChat().at("/storage/thread_id").asText()).isEqualTo(continued.at("/storage/thread_id").asText());
        assertThat(lastChat().path("messages")).hasSize(1);
    }

    @Test
    void aFunctionCallRoundTripsThroughTheThread() {
        FunctionTool weather = FunctionTool.builder().name("get_weather").description("Weather by city")
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .strict(true).build();
        Response first = client.responses().create(ResponseCreateParams.builder().model(V2_MODEL)
                .input("What is the weather in Moscow?").addTool(weather).build());
        first.validate();
        ResponseFunctionToolCall call = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();

        Response second = client.responses().create(ResponseCreateParams.builder().model(V2_MODEL)
                .previousResponseId(first.id()).addTool(weather)
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(call.callId()).output("{\"temperature\": 3}").build())))
                .build());
        second.validate();
        assertThat(text(second)).startsWith("Function get_weather returned:").contains("temperature");
        JsonNode sent = lastChat();
        assertThat(sent.at("/storage/thread_id").asText()).isNotEmpty();
        assertThat(sent.path("messages")).hasSize(1);
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("tool");
        assertThat(sent.at("/messages/0/content/0/function_result/name").asText()).isEqualTo("get_weather");
        assertThat(call.callId()).isEqualTo("call_" + sent.at("/messages/0/tools_state_id").asText());
        assertThat(sent.path("tools")).isNotEmpty(); // tools go with every turn
    }

    @Test
    void aThreadGigaChatForgotIsRebuiltOnceFromTheGatewaysStore() throws Exception {
        answerWithTheUserTurnsSeen();
        Response first = turn(V2_MODEL, "Be brief.", null, "one");
        EMULATOR.faults().forgetThreads();
        EMULATOR.clearRequests();

        Response second = turn(V2_MODEL, "Be brief.", first.id(), "two");

        assertThat(text(second)).isEqualTo("seen one|two");
        List<RecordedRequest> calls = chatCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).json().at("/storage/thread_id").asText()).isNotEmpty();
        JsonNode rebuilt = calls.get(1).json();
        assertThat(rebuilt.path("storage").has("thread_id")).isFalse();
        assertThat(rebuilt.path("messages")).hasSize(4); // system, one, its answer, two
        assertThat(rebuilt.at("/messages/3/content/0/text").asText()).isEqualTo("two");

        // the new thread carries on; a stream over a forgotten thread falls back alike
        EMULATOR.faults().forgetThreads();
        EMULATOR.clearRequests();
        Streamed third = stream("{\"model\":\"" + V2_MODEL + "\",\"instructions\":\"Be brief.\",\"input\":\"three\","
                + "\"stream\":true,\"previous_response_id\":\"" + second.id() + "\"}");
        assertWellFormed(third);
        assertThat(third.last().data().at("/response/output/0/content/0/text").asText())
                .isEqualTo("seen one|two|three");
        assertThat(chatCalls()).hasSize(2);
        assertThat(chatCalls().get(1).json().path("messages")).hasSize(6);
    }

    @Test
    void anotherFailureOfAContinuedTurnIsTheClientsErrorAfterOneCall() throws Exception {
        answerWithTheUserTurnsSeen();
        Response first = turn(V2_MODEL, null, null, "one");
        EMULATOR.clearRequests();
        EMULATOR.faults().failNext("/chat/completions", 500);

        HttpResponse<String> failed = post("/v1/responses", "{\"model\":\"" + V2_MODEL + "\",\"input\":\"two\","
                + "\"previous_response_id\":\"" + first.id() + "\"}");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(failed.body()).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(chatCalls()).hasSize(1);

        // (the failed turn took the thread's head, so this one opens a new thread: a stream's failure, rethrown alike)
        EMULATOR.faults().failNext("/chat/completions", 500);
        HttpResponse<String> streamFailed = post("/v1/responses", "{\"model\":\"" + V2_MODEL + "\","
                + "\"input\":\"two\",\"stream\":true,\"previous_response_id\":\"" + first.id() + "\"}");
        assertThat(streamFailed.statusCode()).isEqualTo(500);
        assertThat(chatCalls()).hasSize(2);
    }

    @Test
    void onlyTheLatestTurnContinuesTheThreadAForkIsRebuilt() {
        answerWithTheUserTurnsSeen();
        Response first = turn(V2_MODEL, null, null, "one");
        Response second = turn(V2_MODEL, null, first.id(), "two");
        assertThat(lastChat().path("messages")).hasSize(1);

        Response fork = turn(V2_MODEL, null, first.id(), "other");

        assertThat(text(fork)).isEqualTo("seen one|other"); // not "one|two|other": the thread has moved on
        assertThat(lastChat().path("storage").has("thread_id")).isFalse();
        assertThat(lastChat().path("messages")).hasSize(3);
        assertThat(text(turn(V2_MODEL, null, second.id(), "three"))).isEqualTo("seen one|two|three");
        assertThat(lastChat().path("messages")).hasSize(1);
    }

    @Test
    void theGatewaysOwnSystemTextInAContinuedThreadGoesAsAUserMessage() throws Exception {
        Response first = turn(V2_MODEL, null, null, "one");

        HttpResponse<String> second = post("/v1/responses", "{\"model\":\"" + V2_MODEL + "\",\"input\":\"two\","
                + "\"previous_response_id\":\"" + first.id() + "\",\"text\":{\"format\":{\"type\":\"json_object\"}}}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode sent = lastChat();
        assertThat(sent.at("/storage/thread_id").asText()).isNotEmpty();
        assertThat(sent.path("messages")).extracting(m -> m.path("role").asText()).containsExactly("user", "user");
        assertThat(sent.at("/messages/0/content/0/text").asText()).contains("JSON");
    }

    @Test
    void otherInstructionsRebuildTheConversationInANewThread() {
        answerWithTheUserTurnsSeen();
        Response first = turn(V2_MODEL, "Be brief.", null, "one");

        Response second = turn(V2_MODEL, "Be verbose.", first.id(), "two");

        assertThat(text(second)).isEqualTo("seen one|two");
        JsonNode sent = lastChat();
        assertThat(sent.path("storage").has("thread_id")).isFalse();
        assertThat(sent.at("/messages/0/content/0/text").asText()).isEqualTo("Be verbose.");
        assertThat(sent.path("messages")).hasSize(4);
    }

    @Test
    void aModelOnV1AndStoreFalseAreRebuiltInFullWithoutStorage() {
        answerWithTheUserTurnsSeen();
        Response first = turn(V1_MODEL, null, null, "one");
        Response second = turn(V1_MODEL, null, first.id(), "two");
        assertThat(text(second)).isEqualTo("seen one|two");
        assertThat(chatCalls()).allSatisfy(call -> assertThat(call.path()).startsWith("/api/v1/"));
        assertThat(lastChat().has("storage")).isFalse();
        assertThat(lastChat().path("messages")).hasSize(3);

        Response unstored = client.responses().create(ResponseCreateParams.builder().model(V2_MODEL).input("one")
                .store(false).build());
        assertThat(text(unstored)).isEqualTo("seen one");
        assertThat(lastChat().has("storage")).isFalse();
    }
}
