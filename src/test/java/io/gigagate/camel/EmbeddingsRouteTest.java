package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** POST /v1/embeddings through the whole gateway and the emulator. */
class EmbeddingsRouteTest extends GatewayTestSupport {

    @Nested
    class Answers {

        @Test
        void aStringGivesOneVectorWithUsageAndTheRequestedModel() throws Exception {
            HttpResponse<String> response = post("/v1/embeddings",
                    "{\"model\":\"text-embedding-3-small\",\"input\":\"hello\",\"encoding_format\":\"float\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("object").asText()).isEqualTo("list");
            assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
            assertThat(body.at("/data/0/object").asText()).isEqualTo("embedding");
            assertThat(body.at("/data/0/index").asInt()).isZero();
            assertThat(body.at("/data/0/embedding").size()).isEqualTo(2560); // EmbeddingsGigaR, GPT2GIGA_EMBEDDINGS
            assertThat(body.at("/usage/prompt_tokens").asInt()).isPositive();
            assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(body.at("/usage/prompt_tokens").asInt());
            assertThat(EMULATOR.lastRequest("/embeddings").json().get("model").asText()).isEqualTo("EmbeddingsGigaR");
        }

        @Test
        void aGigaChatEmbedderPassesThrough() throws Exception {
            HttpResponse<String> response = post("/embeddings", "{\"model\":\"Embeddings\",\"input\":[\"a\",\"b\"]}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).at("/data/1/embedding").size()).isEqualTo(1024);
            assertThat(EMULATOR.lastRequest("/embeddings").json().get("model").asText()).isEqualTo("Embeddings");
        }

        @Test
        void aLargeInputIsSentInBatchesAndReassembledInOrder() throws Exception {
            List<String> texts = IntStream.range(0, 250).mapToObj(i -> "item " + i).toList();
            HttpResponse<String> response = post("/v1/embeddings", JSON.writeValueAsString(
                    java.util.Map.of("model", "Embeddings", "input", texts, "encoding_format", "float")));

            assertThat(response.statusCode()).isEqualTo(200);
            List<RecordedRequest> calls = EMULATOR.requests("/embeddings");
            assertThat(calls).extracting(c -> c.json().get("input").size()).containsExactlyInAnyOrder(100, 100, 50);
            JsonNode data = json(response).get("data");
            assertThat(data).hasSize(250);
            for (int i : new int[] {0, 137, 249}) {
                assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
                JsonNode single = json(post("/v1/embeddings",
                        "{\"model\":\"Embeddings\",\"encoding_format\":\"float\",\"input\":\"item " + i + "\"}"));
                assertThat(data.get(i).get("embedding")).isEqualTo(single.at("/data/0/embedding"));
            }
        }

        @Test
        void theNativeDimensionsAreAccepted() throws Exception {
            HttpResponse<String> response = post("/v1/embeddings",
                    "{\"model\":\"Embeddings\",\"input\":\"a\",\"dimensions\":1024}");
            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void base64IsWhatWasAskedFor() throws Exception {
            HttpResponse<String> response = post("/v1/embeddings",
                    "{\"model\":\"Embeddings\",\"input\":\"a\",\"encoding_format\":\"base64\"}");
            String base64 = json(response).at("/data/0/embedding").asText();
            assertThat(java.util.Base64.getDecoder().decode(base64)).hasSize(1024 * 4);
        }
    }

    @Nested
    class Refusals {

        @Test
        void otherDimensionsAreA400NamingDimensionsAndNothingGoesUpstream() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/embeddings",
                    "{\"model\":\"text-embedding-3-small\",\"input\":\"a\",\"dimensions\":512}"), 400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("dimensions");
            assertThat(EMULATOR.requests("/embeddings")).isEmpty();
        }

        @Test
        void anEmptyInputIsA400NamingInput() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/embeddings", "{\"model\":\"Embeddings\",\"input\":[]}"), 400,
                    "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("input");
            assertThat(error.get("code").asText()).isEqualTo("empty_array");
        }

        @Test
        void anEmptyStringInAListIsA400NamingTheItem() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/embeddings", "{\"input\":[\"ok\",\"\"]}"), 400,
                    "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("input[1]");
        }

        @Test
        void aWronglyTypedInputIsA400() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/embeddings", "{\"input\":true}"), 400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("input");
            assertThat(error.get("code").asText()).isEqualTo("invalid_type");
        }

        @Test
        void anUnknownEncodingFormatIsA400() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/embeddings", "{\"input\":\"a\",\"encoding_format\":\"int8\"}"),
                    400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("encoding_format");
        }

        @Test
        void aGigaChatFailureOnOneBatchFailsTheRequestWithGigaChatsStatus() throws Exception {
            EMULATOR.faults().failNext("/embeddings", 413);
            List<String> texts = IntStream.range(0, 150).mapToObj(i -> "t" + i).toList();
            HttpResponse<String> response = post("/v1/embeddings", JSON.writeValueAsString(
                    java.util.Map.of("model", "Embeddings", "input", texts)));
            assertOpenAiError(response, 413, "invalid_request_error");
        }
    }
}
