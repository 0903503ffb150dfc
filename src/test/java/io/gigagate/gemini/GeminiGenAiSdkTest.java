package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Google's GenAI Java SDK (com.google.genai:google-genai), the strict real client, pointed at the gateway:
 * generateContent, generateContentStream, a function-call round trip, countTokens, embedContent and the
 * model list, through the Gemini front and GigaChat's emulator.
 */
class GeminiGenAiSdkTest extends GatewayTestSupport {

    private Client client;

    @BeforeEach
    void openClient() {
        client = Client.builder().apiKey("gemini-key-unused")
                .httpOptions(HttpOptions.builder().baseUrl(url("")).apiVersion("v1beta").build())
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void generateContent() {
        GenerateContentResponse response = client.models.generateContent("gemini-2.5-pro", "hello from the SDK",
                GenerateContentConfig.builder().systemInstruction(Content.fromParts(Part.fromText("Be kind.")))
                        .maxOutputTokens(64).temperature(0.3f).build());

        assertThat(response.text()).isEqualTo("Echo: hello from the SDK");
        assertThat(response.candidates().orElseThrow().get(0).finishReason().orElseThrow().toString()).isEqualTo("STOP");
        assertThat(response.usageMetadata().orElseThrow().promptTokenCount().orElseThrow()).isPositive();
        assertThat(response.usageMetadata().orElseThrow().totalTokenCount().orElseThrow()).isPositive();
        assertThat(response.modelVersion()).hasValue("gemini-2.5-pro");
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2-Max"); // gemini-*pro* → Max
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be kind.");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void generateContentStream() {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("One, ", "two, ", "three."));
        List<String> pieces = new ArrayList<>();
        String finish = null;
        Integer total = null;
        try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream("gemini-2.5-flash",
                "count to three", null)) {
            for (GenerateContentResponse chunk : stream) {
                if (chunk.text() != null && !chunk.text().isEmpty()) {
                    pieces.add(chunk.text());
                }
                var candidate = chunk.candidates().orElseThrow().get(0);
                if (candidate.finishReason().isPresent()) {
                    finish = candidate.finishReason().get().toString();
                }
                if (chunk.usageMetadata().isPresent()) {
                    total = chunk.usageMetadata().get().totalTokenCount().orElse(null);
                }
            }
        }
        assertThat(pieces).containsExactly("One, ", "two, ", "three.");
        assertThat(finish).isEqualTo("STOP");
        assertThat(total).isPositive();
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("stream").asBoolean()).isTrue();
    }

    @Test
    void functionCallRoundTrip() {
        FunctionDeclaration weather = FunctionDeclaration.builder().name("get_weather").description("Weather in a city")
                .parameters(Schema.builder().type(Type.Known.OBJECT)
                        .properties(Map.of("city", Schema.builder().type(Type.Known.STRING).build()))
                        .required("city").build())
                .build();
        GenerateContentConfig config = GenerateContentConfig.builder()
                .tools(Tool.builder().functionDeclarations(List.of(weather)).build()).build();
        EMULATOR.faults().enqueueChat(ChatReply.functionCall("get_weather", Map.of("city", "Moscow")));
        Content question = Content.builder().role("user").parts(Part.fromText("weather in Moscow?")).build();

        GenerateContentResponse first = client.models.generateContent("gemini-2.5-flash", List.of(question), config);

        List<FunctionCall> calls = first.functionCalls();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).hasValue("get_weather");
        assertThat(calls.get(0).args().orElseThrow()).containsEntry("city", "Moscow");
        String id = calls.get(0).id().orElseThrow();
        assertThat(id).startsWith("call_");
        JsonNode declared = EMULATOR.lastRequest("/chat/completions").chat().at("/functions/0");
        assertThat(declared.get("name").asText()).isEqualTo("get_weather");
        assertThat(declared.at("/parameters/type").asText()).isEqualTo("object");
        assertThat(declared.at("/parameters/properties/city/type").asText()).isEqualTo("string");

        Content modelTurn = first.candidates().orElseThrow().get(0).content().orElseThrow();
        Content result = Content.builder().role("user").parts(Part.builder().functionResponse(
                com.google.genai.types.FunctionResponse.builder().id(id).name("get_weather")
                        .response(Map.of("temperature", "-5 C")).build()).build()).build();
        GenerateContentResponse second = client.models.generateContent("gemini-2.5-flash",
                List.of(question, modelTurn, result), config);

        assertThat(second.text()).contains("get_weather").contains("-5 C");
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        JsonNode call = sent.at("/messages/1");
        assertThat(call.get("role").asText()).isEqualTo("assistant");
        assertThat(call.at("/function_call/name").asText()).isEqualTo("get_weather");
        assertThat(call.at("/function_call/arguments/city").asText()).isEqualTo("Moscow");
        assertThat(call.get("functions_state_id").asText()).isEqualTo(id.substring("call_".length()));
        assertThat(sent.at("/messages/2/role").asText()).isEqualTo("function");
        assertThat(sent.at("/messages/2/name").asText()).isEqualTo("get_weather");
        assertThat(sent.at("/messages/2/content").asText()).contains("-5 C");
    }

    @Test
    void countTokens() {
        CountTokensResponse counted = client.models.countTokens("gemini-2.5-flash", "sixteen characters", null);

        assertThat(counted.totalTokens()).hasValue(5); // the emulator: one token per four characters, rounded up
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
        JsonNode sent = EMULATOR.lastRequest("/tokens/count").json();
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2-Pro");
    }

    @Test
    void embedContent() {
        EmbedContentResponse one = client.models.embedContent("text-embedding-004", "embed me", null);
        assertThat(one.embeddings().orElseThrow()).hasSize(1);
        assertThat(one.embeddings().orElseThrow().get(0).values().orElseThrow()).hasSize(2560); // EmbeddingsGigaR

        EmbedContentResponse three = client.models.embedContent("gemini-embedding-001", List.of("a", "b", "c"), null);
        assertThat(three.embeddings().orElseThrow()).hasSize(3);
        assertThat(three.embeddings().orElseThrow().get(0).values().orElseThrow())
                .isNotEqualTo(three.embeddings().orElseThrow().get(1).values().orElseThrow());
        assertThat(EMULATOR.lastRequest("/embeddings").json().get("input")).hasSize(3);
    }

    @Test
    void modelsListAndGet() {
        List<Model> models = new ArrayList<>();
        client.models.list(ListModelsConfig.builder().pageSize(5).build()).forEach(models::add);

        assertThat(models.size()).isGreaterThan(5); // more than one page, followed by the SDK's pager
        assertThat(models).extracting(m -> m.name().orElseThrow()).contains("models/GigaChat-2-Max", "models/gpt-4o");
        Model max = models.stream().filter(m -> m.name().orElseThrow().equals("models/GigaChat-2-Max")).findFirst()
                .orElseThrow();
        assertThat(max.inputTokenLimit()).hasValue(131072);
        assertThat(max.supportedActions().orElseThrow()).contains("generateContent", "countTokens");

        Model flash = client.models.get("gemini-2.5-flash", null);
        assertThat(flash.name()).hasValue("models/gemini-2.5-flash");
        assertThat(flash.supportedActions().orElseThrow()).contains("streamGenerateContent");
    }

    @Test
    void errorsReachTheSdkInGooglesShape() {
        assertThatThrownBy(() -> client.models.generateContent("gemini-2.5-flash",
                List.of(Content.builder().role("system").parts(Part.fromText("x")).build()), null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");
                    assertThat(e.message()).contains("contents[0].role");
                });
        assertThatThrownBy(() -> client.models.get("no-such-model", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.status()).isEqualTo("NOT_FOUND");
                });
    }
}
