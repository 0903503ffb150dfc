package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.wire.WireJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The v2 chat contract against the wire shapes of GigaChat's recorded v2 traffic (the official SDK's
 * integration cassettes, shared/reference/gigachat-api.md §11): requests built from v1, answers and stream
 * events read back as v1.
 */
class ChatV2ContractTest {

    private final ChatV2Contract contract = new ChatV2Contract(WireJson.mapper());

    private static JsonNode json(String text) throws Exception {
        return WireJson.mapper().readTree(text);
    }

    private static GigaChatChatRequest v1(String text) throws Exception {
        return WireJson.mapper().readValue(text, GigaChatChatRequest.class);
    }

    @Test
    void aFunctionRoundTripIsSentAsTheRecordedRequestWas() throws Exception {
        // the second request of the recorded function round trip, as the gateway builds it in v1
        ObjectNode v2 = contract.request(v1("""
                {"model": "GigaChat-3-Ultra", "messages": [
                  {"role": "user", "content": "Check order A-1024 and answer naturally."},
                  {"role": "assistant", "content": "", "functions_state_id": "019e8373-dc9a-7883-af60-ebb20b79e1e1",
                   "function_call": {"name": "get_order_status", "arguments": {"order_id": "A-1024"}}},
                  {"role": "function", "name": "get_order_status",
                   "content": "{\\"order_id\\": \\"A-1024\\", \\"status\\": \\"packed\\", \\"eta\\": \\"tomorrow\\"}"}],
                 "functions": [{"name": "get_order_status", "description": "Get delivery status for an order.",
                                "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}}}],
                 "function_call": "auto"}"""));

        assertThat(v2).isEqualTo(json("""
                {"model": "GigaChat-3-Ultra", "messages": [
                  {"role": "user", "content": [{"text": "Check order A-1024 and answer naturally."}]},
                  {"role": "assistant", "content": [{"function_call": {"name": "get_order_status",
                     "arguments": {"order_id": "A-1024"}}}], "tools_state_id": "019e8373-dc9a-7883-af60-ebb20b79e1e1"},
                  {"role": "tool", "content": [{"function_result": {"name": "get_order_status",
                     "result": {"order_id": "A-1024", "status": "packed", "eta": "tomorrow"}}}],
                   "tools_state_id": "019e8373-dc9a-7883-af60-ebb20b79e1e1"}],
                 "tools": [{"functions": {"specifications": [{"name": "get_order_status",
                    "description": "Get delivery status for an order.",
                    "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}}}]}}],
                 "tool_config": {"mode": "auto"}}"""));
    }

    @Test
    void settingsGoToModelOptionsAndAForcedFunctionToToolConfig() throws Exception {
        ObjectNode v2 = contract.request(v1("""
                {"model": "GigaChat-2-Max", "messages": [{"role": "system", "content": "Be brief."},
                   {"role": "user", "content": "Describe", "attachments": ["file-1", "file-2"]}],
                 "temperature": 0.2, "top_p": 0.9, "max_tokens": 100, "repetition_penalty": 1.1, "stream": true,
                 "update_interval": 0.5, "reasoning_effort": "high", "profanity_check": true, "flags": ["f1"],
                 "response_format": {"type": "json_schema", "schema": {"type": "object"}, "strict": true},
                 "function_call": {"name": "answer"}, "function_ranker": {"enabled": true, "top_n": 3},
                 "storage": {"thread_id": "t-1"}}"""));

        assertThat(v2.get("messages").get(1)).isEqualTo(json("""
                {"role": "user", "content": [{"text": "Describe"}, {"files": [{"id": "file-1"}, {"id": "file-2"}]}]}"""));
        assertThat(v2.get("model_options").toString()).isEqualTo(json("""
                {"temperature": 0.2, "top_p": 0.9, "max_tokens": 100, "repetition_penalty": 1.1, "update_interval": 0.5,
                 "reasoning": {"effort": "high"},
                 "response_format": {"type": "json_schema", "schema": {"type": "object"}, "strict": true}}""").toString());
        assertThat(v2.get("tool_config")).isEqualTo(json("{\"mode\": \"forced\", \"function_name\": \"answer\"}"));
        assertThat(v2.get("disable_filter").asBoolean()).isFalse();
        assertThat(v2.get("stream").asBoolean()).isTrue();
        assertThat(v2.get("flags")).isEqualTo(json("[\"f1\"]"));
        assertThat(v2.get("ranker_options")).isEqualTo(json("{\"enabled\": true, \"top_n\": 3}"));
        assertThat(v2.get("storage")).isEqualTo(json("{\"thread_id\": \"t-1\"}"));
        assertThat(v2.has("temperature")).as("no v1 field at the top").isFalse();
    }

    @Test
    void aTextResultIsSentAsText() throws Exception {
        ObjectNode v2 = contract.request(v1("""
                {"model": "GigaChat", "messages": [
                  {"role": "assistant", "content": "", "function_call": {"name": "f", "arguments": {}}},
                  {"role": "function", "name": "f", "content": "plain words"}]}"""));

        assertThat(v2.at("/messages/1/content/0/function_result/result").asText()).isEqualTo("plain words");
        assertThat(v2.at("/messages/1").has("tools_state_id")).as("no state id was given").isFalse();
    }

    @Test
    void theRecordedAnswersReadAsV1() throws Exception {
        GigaChatChatResponse call = contract.response(json("""
                {"model": "GigaChat-3-Ultra:32.3.18.5", "created_at": 1780321868, "messages":
                  [{"role": "assistant", "tool_state_id": "019e8373-dc9a-7883-af60-ebb20b79e1e1",
                    "content": [{"function_call": {"name": "get_order_status", "arguments": {"order_id": "A-1024"}}}]}],
                 "finish_reason": "function_call", "usage": {"input_tokens": 88,
                 "input_tokens_details": {"prompt_tokens": 88, "cached_tokens": 0}, "output_tokens": 25, "total_tokens": 113}}"""));

        GigaChatChatResponse.Message message = call.choices().get(0).message();
        assertThat(message.functionCall().name()).isEqualTo("get_order_status");
        assertThat(message.functionCall().arguments().get("order_id").asText()).isEqualTo("A-1024");
        assertThat(message.functionsStateId()).isEqualTo("019e8373-dc9a-7883-af60-ebb20b79e1e1");
        assertThat(call.choices().get(0).finishReason()).isEqualTo("function_call");
        assertThat(call.model()).isEqualTo("GigaChat-3-Ultra:32.3.18.5");
        assertThat(call.created()).isEqualTo(1780321868L);
        assertThat(call.usage()).isEqualTo(new GigaChatChatResponse.Usage(88, 25, 113, 0, null));

        GigaChatChatResponse text = contract.response(json("""
                {"model": "GigaChat-2-Max:2.0.28.2", "created_at": 1760434636, "thread_id": "thread-1", "messages": [
                  {"role": "reasoning", "content": [{"text": "Let me think."}]},
                  {"message_id": "msg-1", "role": "assistant", "tools_state_id": "s-1",
                   "content": [{"text": "GigaChat is a service, "}, {"text": "that talks."}]}],
                 "finish_reason": "stop", "usage": {"input_tokens": 55, "input_tokens_details": {"cached_tokens": 4},
                 "output_tokens": 30, "total_tokens": 85}}"""));
        assertThat(text.choices().get(0).message().content()).isEqualTo("GigaChat is a service, that talks.");
        assertThat(text.choices().get(0).message().reasoningContent()).isEqualTo("Let me think.");
        assertThat(text.choices().get(0).message().functionsStateId()).isEqualTo("s-1");
        assertThat(text.usage().precachedPromptTokens()).isEqualTo(4);
    }

    @Test
    void theRecordedStreamReadsAsV1Chunks() throws Exception {
        ChatV2Contract.Stream stream = contract.stream();
        GigaChatChatChunk delta = stream.next(json("""
                {"model":"GigaChat-3-Ultra:32.3.18.5","created_at":1780321864,
                 "messages":[{"role":"assistant","content":[{"text":"1, 2, 3"}]}]}"""));
        GigaChatChatChunk done = stream.next(json("""
                {"model":"GigaChat-3-Ultra:32.3.18.5","created_at":1780321864,"finish_reason":"stop",
                 "usage":{"input_tokens":19,"input_tokens_details":{"prompt_tokens":19,"cached_tokens":0},
                 "output_tokens":8,"total_tokens":27}}"""));

        assertThat(delta.choices().get(0).delta().content()).isEqualTo("1, 2, 3");
        assertThat(delta.choices().get(0).delta().role()).isEqualTo("assistant");
        assertThat(delta.choices().get(0).finishReason()).isNull();
        assertThat(done.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(done.choices().get(0).delta().content()).isNull();
        assertThat(done.usage()).isEqualTo(new GigaChatChatResponse.Usage(19, 8, 27, 0, null));
        assertThat(stream.end()).isNull();
    }

    @Test
    void aStreamedCallWaitsForTheStateIdOfItsDoneEvent() throws Exception {
        ChatV2Contract.Stream stream = contract.stream();
        assertThat(stream.next(json("""
                {"messages":[{"role":"assistant","content":[{"function_call":{"name":"weather","arguments":{"city":"Omsk"}}}]}]}""")))
                .as("held until the done event").isNull();
        GigaChatChatChunk call = stream.next(json("""
                {"finish_reason":"function_call","tool_state_id":"ts-9","usage":{"input_tokens":5,"output_tokens":3}}"""));

        GigaChatChatResponse.Message delta = call.choices().get(0).delta();
        assertThat(delta.functionCall().name()).isEqualTo("weather");
        assertThat(delta.functionCall().arguments().get("city").asText()).isEqualTo("Omsk");
        assertThat(delta.functionsStateId()).isEqualTo("ts-9");
        assertThat(call.choices().get(0).finishReason()).isEqualTo("function_call");
        assertThat(call.usage().totalTokens()).as("the sum when GigaChat leaves the total out").isEqualTo(8);

        ChatV2Contract.Stream cut = contract.stream();
        cut.next(json("{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"function_call\":{\"name\":\"f\",\"arguments\":{}}}]}]}"));
        assertThat(cut.end().choices().get(0).delta().functionCall().name()).as("a held call is not lost at the end")
                .isEqualTo("f");
    }

    @Test
    void reasoningPiecesOfAStreamAreReasoning() throws Exception {
        GigaChatChatChunk chunk = contract.stream().next(json("""
                {"messages":[{"message_id":"reasoning-message-1","reasoning":{"text":"Think"}}]}"""));

        assertThat(chunk.choices().get(0).delta().reasoningContent()).isEqualTo("Think");
        assertThat(chunk.choices().get(0).delta().content()).isNull();
    }

    @Test
    void v2EventsAreToldFromV1ChunksAndErrors() throws Exception {
        assertThat(ChatV2Contract.isV2Event(json("{\"messages\": []}"))).isTrue();
        assertThat(ChatV2Contract.isV2Event(json("{\"finish_reason\": \"stop\"}"))).isTrue();
        assertThat(ChatV2Contract.isV2Event(json("{\"choices\": [], \"usage\": {}}"))).isFalse();
        assertThat(ChatV2Contract.isV2Event(json("{\"status\": 503, \"message\": \"overloaded\"}"))).isFalse();
        assertThat(List.of(GigaChatApiModes.v2BaseUrl("https://gigachat.devices.sberbank.ru/api/v1/"),
                GigaChatApiModes.v2BaseUrl("http://127.0.0.1:9/api/v1")))
                .containsExactly("https://gigachat.devices.sberbank.ru/api/v2", "http://127.0.0.1:9/api/v2");
    }

    @Test
    void drawnImagesCodeRunsAndReadPagesOfAnAnswerReadAsV1() throws Exception {
        GigaChatChatResponse answer = contract.response(json("""
                {"model": "GigaChat-2-Max:2.0", "created_at": 1, "finish_reason": "stop",
                 "messages": [{"role": "assistant", "content": [
                   {"url_content_extraction": {"url": "https://a.invalid/p", "title": "P"}},
                   {"code_interpreter": {"code": "print(2+2)", "output": "4\\n"}},
                   {"files": [{"id": "img-1", "mime": "image/jpeg", "target": "image"}]},
                   {"text": "Done."}]}]}"""));

        GigaChatChatResponse.Message message = answer.choices().get(0).message();
        assertThat(message.content()).isEqualTo("<img src=\"img-1\" fuse=\"true\"/>Done.");
        assertThat(message.codeRuns()).containsExactly(new GigaChatChatResponse.CodeRun("print(2+2)", "4\n"));
        assertThat(message.fetchedUrls()).containsExactly(new GigaChatChatResponse.FetchedUrl("https://a.invalid/p", "P"));
        // a file that is not an image (no target, no image type) is no drawing
        assertThat(contract.response(json("""
                {"messages": [{"role": "assistant", "content": [{"files": [{"id": "doc-1", "mime": "text/plain"}]},
                 {"text": "x"}]}]}""")).choices().get(0).message().content()).isEqualTo("x");
    }

    @Test
    void aThreadsResultCarriesTheStateIdOfACallTheThreadHoldsAndTheAnswerItsThreadId() throws Exception {
        // a continued storage thread: the calling turn is GigaChat's, only its result is sent
        ObjectNode v2 = contract.request(v1("""
                {"model": "GigaChat-2-Max", "messages": [
                  {"role": "function", "name": "get_order_status", "content": "{\\"status\\": \\"packed\\"}",
                   "functions_state_id": "019e8373-dc9a-7883-af60-ebb20b79e1e1"}],
                 "storage": {"thread_id": "thread-1"}}"""));

        assertThat(v2.at("/messages/0/role").asText()).isEqualTo("tool");
        assertThat(v2.at("/messages/0/tools_state_id").asText()).isEqualTo("019e8373-dc9a-7883-af60-ebb20b79e1e1");
        assertThat(v2.at("/storage").toString()).isEqualTo("{\"thread_id\":\"thread-1\"}");
        assertThat(ChatV2Contract.threadId(json("{\"thread_id\": \"thread-1\", \"message_id\": \"m\"}")))
                .isEqualTo("thread-1");
        assertThat(ChatV2Contract.threadId(json("{\"messages\": []}"))).isNull();
    }

    @Test
    void aRequestContinuingAThreadSendsItsSystemTextAsAUserMessage() throws Exception {
        ChatRequestMapper mapper = new ChatRequestMapper();
        io.gigagate.openai.ChatCompletionRequest continuing = WireJson.mapper().readValue("""
                {"model": "m", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}],
                 "storage": {"thread_id": "thread-1"}}""", io.gigagate.openai.ChatCompletionRequest.class);
        io.gigagate.openai.ChatCompletionRequest opening = WireJson.mapper().readValue("""
                {"model": "m", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}],
                 "storage": {}}""", io.gigagate.openai.ChatCompletionRequest.class);

        assertThat(mapper.toGigaChat(continuing, "GigaChat-2-Max").messages()).extracting(GigaChatMessage::role)
                .containsExactly("user", "user");
        assertThat(mapper.toGigaChat(opening, "GigaChat-2-Max").messages()).extracting(GigaChatMessage::role)
                .containsExactly("system", "user");
    }

    @Test
    void aBuiltInToolsExecutionStateSaysItRanWithoutInventingWhatItDid() throws Exception {
        // the official SDK's recorded code interpreter answer: only the answer's text
        GigaChatChatResponse.Message recorded = contract.response(json("""
                {"model": "GigaChat-3-Ultra:32.3.18.5", "created_at": 1780321894, "messages":
                 [{"role": "assistant", "tool_state_id": "019e8374-4195-79f1-98ec-55a4de3ab317",
                   "content": [{"text": "The sum of the first 20 prime numbers is 639."}]}],
                 "finish_reason": "stop", "usage": {"input_tokens": 3963, "input_tokens_details":
                 {"prompt_tokens": 3963, "cached_tokens": 3710}, "output_tokens": 157, "total_tokens": 4120}}"""))
                .choices().get(0).message();
        assertThat(recorded.content()).isEqualTo("The sum of the first 20 prime numbers is 639.");
        assertThat(recorded.codeRuns()).isNull();

        // tool_execution parts in a reasoning message (the SDK's models): a run whose code is unknown, and no
        // reasoning text; a tool still running, or one the gateway has no result for, adds nothing
        GigaChatChatResponse.Message ran = contract.response(json("""
                {"messages": [
                  {"role": "reasoning", "content": [
                    {"tool_execution": {"name": "code_interpreter", "status": "success", "seconds_left": 0}},
                    {"tool_execution": {"name": "url_content_extraction", "status": "running", "seconds_left": 5}},
                    {"tool_execution": {"name": "image_generate", "status": "success", "censored": true}}]},
                  {"role": "assistant", "content": [{"text": "639."}]}], "finish_reason": "stop"}"""))
                .choices().get(0).message();
        assertThat(ran.content()).isEqualTo("639.");
        assertThat(ran.reasoningContent()).isNull();
        assertThat(ran.codeRuns()).containsExactly(new GigaChatChatResponse.CodeRun(null, null));
        assertThat(ran.fetchedUrls()).isNull();

        // known details take the unknown run's place
        GigaChatChatResponse.Message detailed = contract.response(json("""
                {"messages": [{"role": "reasoning", "tool_execution": {"name": "code_interpreter", "status": "success"},
                  "content": [{"code_interpreter": {"code": "print(1)", "output": "1\\n"}}]},
                  {"role": "assistant", "content": [{"text": "1"}]}]}""")).choices().get(0).message();
        assertThat(detailed.codeRuns()).containsExactly(new GigaChatChatResponse.CodeRun("print(1)", "1\n"));

        // the stream's response.tool.completed event (the SDK's fixture): its data is a chunk of nothing but the run
        GigaChatChatChunk event = contract.chunk(json("""
                {"model":"GigaChat","created_at":"167890456790",
                 "messages":[{"role":"reasoning","content":[{"tool_execution":
                 {"name":"code_interpreter","status":"success","censored":false}}]}]}"""));
        GigaChatChatResponse.Message delta = event.choices().get(0).delta();
        assertThat(delta.content()).isNull();
        assertThat(delta.reasoningContent()).isNull();
        assertThat(delta.codeRuns()).containsExactly(new GigaChatChatResponse.CodeRun(null, null));
    }
}
