package io.gigagate.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import io.gigagate.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gigagate.structured-output-mode=native}: json_schema goes to GigaChat as its own
 * {@code response_format} (schema one level up) and the JSON answer comes back as content that
 * openai-java parses into the client's class.
 */
@TestPropertySource(properties = "gigagate.structured-output-mode=native")
class OpenAiJavaNativeStructuredOutputTest extends GatewayTestSupport {

    @Test
    void jsonSchemaGoesNativeAndTheAnswerParsesIntoTheClientsClass() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey("sk-unused")
                .maxRetries(0).build();
        try {
            StructuredChatCompletion<OpenAiJavaToolsTest.Answer> c = client.chat().completions().create(
                    StructuredChatCompletionCreateParams.<OpenAiJavaToolsTest.Answer>builder()
                            .model(OpenAiJavaToolsTest.MODEL).addUserMessage("Plan a trip")
                            .responseFormat(OpenAiJavaToolsTest.Answer.class).build());
            OpenAiJavaToolsTest.Answer answer = c.choices().get(0).message().content().orElseThrow();
            assertThat(answer.city).isEqualTo("sample");
            assertThat(answer.notes).containsExactly("sample");
            assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        } finally {
            client.close();
        }
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.has("functions")).isFalse();
        assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(sent.path("response_format").path("schema").path("properties").has("city")).isTrue();
    }
}
