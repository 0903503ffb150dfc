package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import com.openai.models.responses.inputitems.InputItemListParams;
import com.openai.models.responses.inputitems.ResponseItemList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Responses front driven by the official openai-java client (its Responses API), every answer checked
 * with the SDK's own {@code validate()}: JSON, streamed with its event types, a function-call round trip
 * over {@code previous_response_id}, the stored response's endpoints, and structured output.
 */
class ResponsesOpenAiJavaTest extends ResponsesTestSupport {

    @Test
    void aTextAnswerIsAValidResponse() {
        Response response = client.responses().create(ResponseCreateParams.builder()
                .model("gpt-4o").instructions("Be brief.").input("hello there").temperature(0.3).maxOutputTokens(100)
                .build());

        response.validate();
        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.model().toString()).contains("gpt-4o");
        assertThat(response.instructions()).isPresent();
        assertThat(response.temperature()).contains(0.3);
        assertThat(response.maxOutputTokens()).contains(100L);
        assertThat(response.output()).hasSize(1);
        ResponseOutputItem item = response.output().get(0);
        assertThat(item.isMessage()).isTrue();
        assertThat(item.asMessage().id()).startsWith("msg_");
        assertThat(item.asMessage().content().get(0).asOutputText().text()).isEqualTo("Echo: hello there");
        assertThat(response.usage()).isPresent();
        assertThat(response.usage().get().inputTokens()).isPositive();
        assertThat(response.usage().get().totalTokens())
                .isEqualTo(response.usage().get().inputTokens() + response.usage().get().outputTokens());

        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("hello there");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(sent.get("model").asText()).startsWith("GigaChat");
    }

    @Test
    void aStreamIsValidEventsInOpenAisOrder() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("GigaChat-2").input("stream me please").build())) {
            stream.stream().forEach(events::add);
        }
        events.forEach(ResponseStreamEvent::validate);

        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.get(1).isInProgress()).isTrue();
        assertThat(events.get(2).isOutputItemAdded()).isTrue();
        assertThat(events.get(3).isContentPartAdded()).isTrue();
        assertThat(events.get(4).isOutputTextDelta()).isTrue();
        ResponseStreamEvent last = events.get(events.size() - 1);
        assertThat(last.isCompleted()).isTrue();
        assertThat(events.get(events.size() - 4).isOutputTextDone()).isTrue();
        assertThat(events.get(events.size() - 3).isContentPartDone()).isTrue();
        assertThat(events.get(events.size() - 2).isOutputItemDone()).isTrue();
        StringBuilder text = new StringBuilder();
        events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .forEach(e -> text.append(e.asOutputTextDelta().delta()));
        assertThat(text.toString()).isEqualTo("Echo: stream me please");
        Response done = last.asCompleted().response();
        assertThat(done.output().get(0).asMessage().content().get(0).asOutputText().text()).isEqualTo(text.toString());
        assertThat(done.usage()).isPresent();
        assertThat(events.get(0).asCreated().sequenceNumber()).isZero();
        assertThat(last.asCompleted().sequenceNumber()).isEqualTo(events.size() - 1);
        // a stored stream can be read back
        assertThat(client.responses().retrieve(done.id()).id()).isEqualTo(done.id());
    }

    @Test
    void aFunctionCallRoundTripOverPreviousResponseId() {
        FunctionTool weather = FunctionTool.builder().name("get_weather").description("Weather by city")
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .strict(true).build();
        Response first = client.responses().create(ResponseCreateParams.builder().model("gpt-4o")
                .input("What is the weather in Moscow?").addTool(weather).build());
        first.validate();
        ResponseFunctionToolCall call = first.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).startsWith("call_");
        assertThat(call.id()).hasValueSatisfying(id -> assertThat(id).startsWith("fc_"));
        assertThat(call.arguments()).contains("\"city\"");

        Response second = client.responses().create(ResponseCreateParams.builder().model("gpt-4o")
                .previousResponseId(first.id()).addTool(weather)
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(call.callId()).output("{\"temperature\": 3}").build())))
                .build());
        second.validate();
        assertThat(second.previousResponseId()).contains(first.id());
        assertThat(second.output().get(0).asMessage().content().get(0).asOutputText().text())
                .startsWith("Function get_weather returned:").contains("temperature");
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("What is the weather in Moscow?");
        assertThat(sent.at("/messages/1/function_call/name").asText()).isEqualTo("get_weather");
        assertThat(sent.at("/messages/2/role").asText()).isEqualTo("function");

        // the stored response, its input items, and its deletion
        Response stored = client.responses().retrieve(second.id());
        stored.validate();
        assertThat(stored.id()).isEqualTo(second.id());
        ResponseItemList items = client.responses().inputItems().list(InputItemListParams.builder()
                .responseId(second.id()).build()).response();
        items.validate();
        assertThat(items.data()).hasSize(1);
        assertThat(items.data().get(0).isFunctionCallOutput()).isTrue();
        assertThat(items.hasMore()).isFalse();
        client.responses().delete(second.id());
        assertThatThrownBy(() -> client.responses().retrieve(second.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("gpt-4o")
                .previousResponseId(second.id()).input("and now?").build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(second.id());
    }

    @Test
    void aStreamedFunctionCallIsValidEvents() {
        FunctionTool lookup = FunctionTool.builder().name("lookup").description("Looks a word up")
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("word", Map.of("type", "string"))))
                        .build())
                .strict(false).build();
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ResponseCreateParams
                .builder().model("gpt-4o").input("look up 'gateway'").addTool(lookup).store(false).build())) {
            stream.stream().forEach(events::add);
        }
        events.forEach(ResponseStreamEvent::validate);

        assertThat(events.get(2).asOutputItemAdded().item().asFunctionCall().arguments()).isEmpty();
        String arguments = events.stream().filter(ResponseStreamEvent::isFunctionCallArgumentsDone).findFirst()
                .orElseThrow().asFunctionCallArgumentsDone().arguments();
        assertThat(arguments).contains("\"word\"");
        Response done = events.get(events.size() - 1).asCompleted().response();
        assertThat(done._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
        assertThat(done.output().get(0).asFunctionCall().arguments()).isEqualTo(arguments);
        assertThatThrownBy(() -> client.responses().retrieve(done.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void gigaChatsReasoningIsAReasoningItemWithASummary() {
        Response response = client.responses().create(ResponseCreateParams.builder().model("gpt-4o")
                .input("think first").reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).build()).build());

        response.validate();
        assertThat(response.output()).hasSize(2);
        ResponseReasoningItem reasoning = response.output().get(0).asReasoning();
        assertThat(reasoning.id()).startsWith("rs_");
        assertThat(reasoning.summary().get(0).text()).isNotBlank();
        assertThat(response.output().get(1).asMessage().content().get(0).asOutputText().text()).isEqualTo("Echo: think first");
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("reasoning_effort").asText()).isEqualTo("high");
    }

    @Test
    void structuredOutputFollowsTheSchema() throws Exception {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("name", Map.of("type", "string"), "age", Map.of("type", "integer")),
                "required", List.of("name", "age"), "additionalProperties", false);
        ResponseFormatTextJsonSchemaConfig.Schema.Builder schemaBuilder = ResponseFormatTextJsonSchemaConfig.Schema.builder();
        schema.forEach((k, v) -> schemaBuilder.putAdditionalProperty(k, JsonValue.from(v)));
        Response response = client.responses().create(ResponseCreateParams.builder().model("gpt-4o")
                .input("Make up a person.")
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                        .name("person").schema(schemaBuilder.build()).strict(true).build()).build())
                .build());

        response.validate();
        String text = response.output().get(0).asMessage().content().get(0).asOutputText().text();
        JsonNode person = JSON.readTree(text);
        assertThat(person.get("name").isTextual()).isTrue();
        assertThat(person.get("age").isIntegralNumber()).isTrue();
        assertThat(response.text()).isPresent();
        assertThat(response.text().get().format().get().isJsonSchema()).isTrue();
    }
}
