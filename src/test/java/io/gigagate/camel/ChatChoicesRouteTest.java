package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** n on /v1/chat/completions: one GigaChat call per choice, merged. */
class ChatChoicesRouteTest extends GatewayTestSupport {

    @Test
    void nChoicesAreNUpstreamCallsMergedWithIndexesAndSummedUsage() throws Exception {
        HttpResponse<String> single = post("/v1/chat/completions", chatBody("count me"));
        EMULATOR.clearRequests();

        HttpResponse<String> response = post("/v1/chat/completions",
                "{\"model\":\"GigaChat-2\",\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("choices")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(body.at("/choices/" + i + "/index").asInt()).isEqualTo(i);
            assertThat(body.at("/choices/" + i + "/message/content").asText()).isEqualTo("Echo: count me");
        }
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(3);
        JsonNode oneUsage = json(single).get("usage");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(3 * oneUsage.get("total_tokens").asInt());
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(3 * oneUsage.get("prompt_tokens").asInt());
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
    }

    @Test
    void nOfOneIsOneCall() throws Exception {
        HttpResponse<String> response = post("/chat/completions",
                "{\"n\":1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(json(response).get("choices")).hasSize(1);
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(1);
    }

    @Test
    void nAboveTheGatewaysLimitIsA400NamingN() throws Exception {
        JsonNode error = assertOpenAiError(post("/v1/chat/completions",
                "{\"n\":50,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400, "invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("n");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void nAboveOneWithStreamInterleavesTheChoicesChunksByIndex() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "{\"n\":3,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"update_interval\":0.1,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"three at once\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        java.util.Map<Integer, StringBuilder> texts = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> finishes = new java.util.TreeMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.List<Integer> order = new java.util.ArrayList<>();
        JsonNode usage = null;
        for (String line : response.body().split("\n")) {
            if (!line.startsWith("data: {")) {
                continue;
            }
            JsonNode chunk = JSON.readTree(line.substring(6));
            ids.add(chunk.get("id").asText());
            if (chunk.get("choices").isEmpty()) {
                usage = chunk.get("usage");
                continue;
            }
            JsonNode choice = chunk.get("choices").get(0);
            int index = choice.get("index").asInt();
            order.add(index);
            texts.computeIfAbsent(index, k -> new StringBuilder()).append(choice.get("delta").path("content").asText(""));
            if (!choice.get("finish_reason").isNull()) {
                finishes.merge(index, 1, Integer::sum);
            }
        }
        assertThat(texts.keySet()).containsExactly(0, 1, 2);
        assertThat(texts.values()).allSatisfy(text -> assertThat(text.toString()).isEqualTo("Echo: three at once"));
        assertThat(finishes).containsOnly(java.util.Map.entry(0, 1), java.util.Map.entry(1, 1), java.util.Map.entry(2, 1));
        assertThat(ids).hasSize(1);
        assertThat(order.indexOf(2)).as("choices interleave: choice 2 starts before choice 0 ends")
                .isLessThan(order.lastIndexOf(0));
        assertThat(usage).isNotNull();
        assertThat(usage.get("total_tokens").asInt()).isPositive();
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(3);
    }

    @Test
    void oneFailedChoiceFailsTheRequestWithGigaChatsError() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 429);
        assertOpenAiError(post("/v1/chat/completions",
                "{\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 429, "rate_limit_error");
    }
}
