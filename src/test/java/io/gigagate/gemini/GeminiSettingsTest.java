package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * The Gemini front under non-default settings: strict built-in tools (GIGAGATE_STRICT_TOOLS=true), small
 * embeddings batches, and the verbose traffic log, which must not show a {@code ?key=} value (here not a
 * gateway key, so no configured secret masks it) nor send it to GigaChat; a body above the limit is refused
 * in Google's shape before any route runs; usage records name the front {@code gemini}.
 */
@TestPropertySource(properties = {"gigagate.strict-tools=true", "gigagate.embeddings.batch-size=2",
        "gpt2giga.verbose=true", "gigagate.security.max-body-size=8KB", "gigagate.usage.flush-interval=20ms"})
@ExtendWith(OutputCaptureExtension.class)
class GeminiSettingsTest extends GatewayTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    io.gigagate.usage.UsageRecorder recorder;

    private static final String GOOGLE_KEY = "AIzaSyGoogleStyleKeyThatMustNotLeak0123456";

    @Test
    void strictToolsRefuseBuiltInToolsNamingThem() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"contents": [{"parts": [{"text": "search"}]}], "tools": [{"googleMaps": {}}, {"fileSearch": {}}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("message").asText()).contains("googleMaps, fileSearch");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void batchEmbedContentsIsSplitIntoGigaChatBatchesAndComesBackInOrder() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            requests.append(i == 0 ? "" : ",").append("{\"content\": {\"parts\": [{\"text\": \"text ").append(i)
                    .append("\"}]}}");
        }
        HttpResponse<String> batch = post("/v1beta/models/gemini-embedding-001:batchEmbedContents",
                "{\"requests\": [" + requests + "]}");

        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(EMULATOR.requests("/embeddings")).hasSize(3);
        JsonNode embeddings = json(batch).get("embeddings");
        assertThat(embeddings).hasSize(5);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> one = post("/v1beta/models/gemini-embedding-001:embedContent",
                    "{\"content\": {\"parts\": [{\"text\": \"text " + i + "\"}]}}");
            assertThat(json(one).at("/embedding/values")).as("vector %d", i).isEqualTo(embeddings.get(i).get("values"));
        }
    }

    @Test
    void theKeyQueryParameterReachesNeitherTheLogNorGigaChat(CapturedOutput output) throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent?key=" + GOOGLE_KEY,
                "{\"contents\": [{\"parts\": [{\"text\": \"log me\"}]}]}");
        HttpResponse<String> stream = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="
                + GOOGLE_KEY, "{\"contents\": [{\"parts\": [{\"text\": \"log me too\"}]}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(output.getAll()).contains("client -> gateway").contains("gateway -> GigaChat");
        assertThat(output.getAll()).doesNotContain(GOOGLE_KEY).doesNotContain(GOOGLE_KEY.substring(0, 20));
        for (RecordedRequest sent : EMULATOR.requests()) {
            assertThat(sent.path() + "?" + sent.query()).doesNotContain(GOOGLE_KEY).doesNotContain("key=");
            assertThat(sent.headers().toString()).doesNotContain(GOOGLE_KEY);
            assertThat(sent.bodyAsString()).doesNotContain(GOOGLE_KEY);
        }
    }

    @Test
    void aBodyAboveTheLimitIsRefusedInGooglesShape() throws Exception {
        String big = "{\"contents\": [{\"parts\": [{\"text\": \"" + "x".repeat(9000) + "\"}]}]}";

        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asInt()).isEqualTo(413);
        assertThat(json(response).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void usageRecordsNameTheGeminiFrontWithGigaChatsTokens() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent",
                "{\"contents\": [{\"parts\": [{\"text\": \"count me\"}]}]}");
        HttpResponse<String> stream = post("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
                "{\"contents\": [{\"parts\": [{\"text\": \"count me too\"}]}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(stream.statusCode()).isEqualTo(200);
        int tokens = json(response).at("/usageMetadata/totalTokenCount").asInt();

        io.gigagate.usage.UsageQuery gemini = new io.gigagate.usage.UsageQuery(null, null, null, null, "gemini", 200, false);
        java.util.List<io.gigagate.usage.UsageRecord>[] records = new java.util.List[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            records[0] = recorder.aggregates().recent(gemini, 1000);
            return records[0].stream().anyMatch(r -> r.stream()) && records[0].stream().anyMatch(r -> !r.stream());
        });
        io.gigagate.usage.UsageRecord json = records[0].stream().filter(r -> !r.stream()).findFirst().orElseThrow();
        assertThat(json.endpoint()).isEqualTo("/v1beta/models/{target}");
        assertThat(json.modelRequested()).isEqualTo("gemini-2.5-flash");
        assertThat(json.totalTokens()).isEqualTo(tokens).isPositive();
        io.gigagate.usage.UsageRecord streamed = records[0].stream().filter(r -> r.stream()).findFirst().orElseThrow();
        assertThat(streamed.modelRequested()).isEqualTo("gemini-2.5-pro");
        assertThat(streamed.totalTokens()).isPositive();
    }
}
