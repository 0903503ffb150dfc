package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.GatewayException;
import io.gigagate.support.GatewayTestSupport;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code direct:chat-input-tokens}: a GigaChat chat request's texts counted by GigaChat's {@code /tokens/count}. */
class ChatInputTokensRouteTest extends GatewayTestSupport {

    @Autowired
    ProducerTemplate template;

    @BeforeEach
    void clear() {
        EMULATOR.clearRequests();
    }

    private Exchange count(String gigaChatRequest) {
        return template.send("direct:chat-input-tokens",
                e -> e.getMessage().setBody(gigaChatRequest.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyTextOfTheRequestIsCountedAndSummed() throws Exception {
        Exchange done = count("""
                {"model": "GigaChat-2-Pro", "messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": "What is the weather in Moscow?"},
                  {"role": "assistant", "content": "", "function_call": {"name": "weather", "arguments": {"city": "Moscow"}}},
                  {"role": "function", "name": "weather", "content": "{\\"t\\": 3}"}],
                 "functions": [{"name": "weather", "description": "Weather by city",
                                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}]}""");

        assertThat(done.getException()).isNull();
        JsonNode sent = EMULATOR.lastRequest("/tokens/count").json();
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2-Pro");
        assertThat(sent.get("input")).hasSize(5); // 4 contents but the empty one, the call, the function
        assertThat(sent.get("input").get(0).asText()).isEqualTo("Be brief.");
        assertThat(sent.get("input").get(2).asText()).contains("\"weather\"").contains("Moscow");
        assertThat(sent.get("input").get(3).asText()).isEqualTo("{\"t\": 3}");
        assertThat(sent.get("input").get(4).asText()).contains("Weather by city");
        int expected = 0;
        for (JsonNode text : sent.get("input")) {
            int chars = text.asText().codePointCount(0, text.asText().length());
            expected += (chars + 3) / 4; // the emulator's rule
        }
        assertThat(done.getProperty(ExchangeKeys.INPUT_TOKENS, Integer.class)).isEqualTo(expected).isPositive();
    }

    @Test
    void aRequestWithoutTextCountsZeroWithoutCallingGigaChat() {
        Exchange done = count("{\"model\": \"GigaChat\", \"messages\": [{\"role\": \"user\", \"content\": \"\"}]}");

        assertThat(done.getException()).isNull();
        assertThat(done.getProperty(ExchangeKeys.INPUT_TOKENS, Integer.class)).isZero();
        assertThat(EMULATOR.requests("/tokens/count")).isEmpty();
    }

    @Test
    void gigaChatsRefusalComesBackAsTheGatewaysError() {
        Exchange done = count("{\"model\": \"NoSuchModel\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(done.getException()).isInstanceOf(GatewayException.class);
        GatewayException refusal = (GatewayException) done.getException();
        assertThat(refusal.status()).isEqualTo(404);
        assertThat(refusal.code()).isEqualTo("model_not_found");
    }
}
