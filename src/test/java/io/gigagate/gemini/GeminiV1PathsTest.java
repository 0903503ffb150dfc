package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import io.gigagate.camel.GeminiBeans;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Gemini's model methods under {@code /v1} (Google serves them there as well as under {@code /v1beta}): POST
 * {@code /v1/models/{model}:method} is the Gemini front, with its key places and Google's error shape, the
 * gateway's own refusals included, while {@code GET /v1/models/{id}} stays OpenAI's. Google's GenAI SDK set to
 * API version v1, and raw HTTP.
 */
class GeminiV1PathsTest extends GatewayTestSupport {

    private static final String KEY = "key-of-gemini";
    private static final int MAX_BODY = 4096;
    private static final String HELLO = "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"hello v1\"}]}]}";

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        registry.add("gigagate.security.api-keys.gemini", () -> KEY);
        registry.add("gigagate.security.max-body-size", () -> MAX_BODY + "B");
    }

    private static void assertGoogleError(HttpResponse<String> response, int status, String googleStatus)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("status").asText()).isEqualTo(googleStatus);
        assertThat(error.has("type")).as("not OpenAI's shape").isFalse();
    }

    @Test
    void theGenAiSdkSetToApiVersionV1GeneratesStreamsCountsAndEmbeds() {
        try (Client client = Client.builder().apiKey(KEY)
                .httpOptions(HttpOptions.builder().baseUrl(url("")).apiVersion("v1").build()).build()) {
            GenerateContentResponse response = client.models.generateContent("gemini-2.5-pro", "hello from v1", null);
            assertThat(response.text()).isEqualTo("Echo: hello from v1");
            assertThat(response.modelVersion()).hasValue("gemini-2.5-pro");
            assertThat(EMULATOR.lastRequest("/chat/completions").path()).endsWith("/chat/completions");
            assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2-Max");

            EMULATOR.faults().enqueueChat(ChatReply.streamed("One, ", "two."));
            StringBuilder streamed = new StringBuilder();
            try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(
                    "gemini-2.5-flash", "count", null)) {
                for (GenerateContentResponse chunk : stream) {
                    if (chunk.text() != null) {
                        streamed.append(chunk.text());
                    }
                }
            }
            assertThat(streamed.toString()).isEqualTo("One, two.");

            CountTokensResponse counted = client.models.countTokens("gemini-2.5-flash", "sixteen characters", null);
            assertThat(counted.totalTokens()).hasValue(5); // the emulator: one token per four characters

            EmbedContentResponse embedded = client.models.embedContent("text-embedding-004", List.of("a", "b"), null);
            assertThat(embedded.embeddings().orElseThrow()).hasSize(2);
        }
    }

    @Test
    void rawHttpTakesGooglesKeyPlacesAndAnswersInGooglesShape() throws Exception {
        HttpResponse<String> byHeader = post("/v1/models/gemini-2.5-flash:generateContent", HELLO,
                "x-goog-api-key", KEY);
        assertThat(byHeader.statusCode()).as(byHeader.body()).isEqualTo(200);
        assertThat(json(byHeader).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Echo: hello v1");
        assertThat(json(byHeader).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");

        HttpResponse<String> byQuery = post("/v1/models/gemini-2.5-flash:generateContent?key=" + KEY, HELLO);
        assertThat(byQuery.statusCode()).isEqualTo(200);
        assertThat(EMULATOR.lastRequest("/chat/completions").path()).doesNotContain(KEY);

        HttpResponse<String> sse = post("/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse", HELLO,
                "x-goog-api-key", KEY);
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(sse.body()).startsWith("data: {").contains("\"candidates\"");

        assertGoogleError(post("/v1/models/gemini-2.5-flash:generateContent", HELLO), 401, "UNAUTHENTICATED");
        assertGoogleError(post("/v1/models/gemini-2.5-flash:generateContent", HELLO, "x-goog-api-key", "wrong"),
                401, "UNAUTHENTICATED");
        assertGoogleError(post("/v1/models/gemini-2.5-flash:sing", HELLO, "x-goog-api-key", KEY), 404, "NOT_FOUND");
        assertGoogleError(post("/v1/models/gemini-2.5-flash:generateContent", "{\"contents\": 1}",
                "x-goog-api-key", KEY), 400, "INVALID_ARGUMENT");
    }

    @Test
    void openAisModelRouteKeepsGetAndItsShape() throws Exception {
        HttpResponse<String> model = get("/v1/models/GigaChat-2-Max", "Authorization", "Bearer " + KEY);
        assertThat(model.statusCode()).as(model.body()).isEqualTo(200);
        assertThat(json(model).get("object").asText()).isEqualTo("model");
        assertThat(json(model).get("id").asText()).isEqualTo("GigaChat-2-Max");

        HttpResponse<String> refused = get("/v1/models/GigaChat-2-Max");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(json(refused).at("/error/status").isMissingNode()).isTrue();
    }

    @Test
    void anOversizedBodyIsRefusedBeforeAnyRouteInGooglesShapeOnGeminiPathsOnly() throws Exception {
        String big = "{\"contents\": [{\"parts\": [{\"text\": \"" + "x".repeat(MAX_BODY) + "\"}]}]}";

        assertGoogleError(post("/v1/models/gemini-2.5-flash:generateContent", big, "x-goog-api-key", KEY), 413,
                "INVALID_ARGUMENT");
        HttpResponse<String> openAi = post("/v1/chat/completions", big, "Authorization", "Bearer " + KEY);
        assertThat(openAi.statusCode()).isEqualTo(413);
        assertThat(json(openAi).at("/error/status").isMissingNode()).isTrue();
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void onlyGeminisMethodsUnderV1ModelsAreGeminiPaths() {
        assertThat(GeminiBeans.isV1ModelMethod("/v1/models/gemini-2.5-flash:generateContent")).isTrue();
        assertThat(GeminiBeans.isV1ModelMethod("/v1/models/text-embedding-004:batchEmbedContents")).isTrue();
        assertThat(GeminiBeans.isV1ModelMethod("/v1/models/GigaChat-2-Max")).isFalse();
        assertThat(GeminiBeans.isV1ModelMethod("/v1/models/ft:gpt-4o-mini:org::abc123")).isFalse();
        assertThat(GeminiBeans.isV1ModelMethod("/v1/models/:generateContent")).isFalse();
        assertThat(GeminiBeans.isV1ModelMethod("/v1/models/a/b:generateContent")).isFalse();
        assertThat(GeminiBeans.isV1ModelMethod("/v1beta/models/a:generateContent")).isFalse();
    }
}
