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
    void nAboveOneWithStreamIsA400NamingN() throws Exception {
        JsonNode error = assertOpenAiError(post("/v1/chat/completions",
                "{\"n\":2,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400,
                "invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("n");
    }

    @Test
    void oneFailedChoiceFailsTheRequestWithGigaChatsError() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 429);
        assertOpenAiError(post("/v1/chat/completions",
                "{\"n\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 429, "rate_limit_error");
    }
}
