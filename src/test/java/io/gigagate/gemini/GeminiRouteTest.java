package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Gemini front's endpoints over plain HTTP against the GigaChat emulator. */
class GeminiRouteTest extends GatewayTestSupport {

    @Test
    void generateContentAnswersInGeminisShape() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "contents": [{"role": "user", "parts": [{"text": "hello gemini"}]}],
                 "generationConfig": {"maxOutputTokens": 100, "topK": 40}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.at("/candidates/0/content/role").asText()).isEqualTo("model");
        assertThat(answer.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Echo: hello gemini");
        assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.at("/candidates/0/index").asInt()).isZero();
        assertThat(answer.at("/usageMetadata/promptTokenCount").asInt()).isPositive();
        assertThat(answer.at("/usageMetadata/totalTokenCount").asInt())
                .isEqualTo(answer.at("/usageMetadata/promptTokenCount").asInt()
                        + answer.at("/usageMetadata/candidatesTokenCount").asInt());
        assertThat(answer.at("/modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(answer.at("/responseId").asText()).isNotEmpty();
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").json();
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2-Pro"); // gemini-*flash* → Pro
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("hello gemini");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(100);
    }
}
