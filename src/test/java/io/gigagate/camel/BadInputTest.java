package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input of every kind gets a 4xx in OpenAI's shape, and nothing reaches GigaChat. */
class BadInputTest extends GatewayTestSupport {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "model|123",
        "messages|\"hello\"",
        "temperature|\"hot\"",
        "top_p|\"high\"",
        "n|\"two\"",
        "stream|\"yes\"",
        "stop|5",
        "max_tokens|\"ten\"",
        "max_completion_tokens|true",
        "presence_penalty|\"x\"",
        "frequency_penalty|[1]",
        "seed|\"1\"",
        "stream_options|\"x\"",
        "tools|\"x\"",
        "functions|{}",
        "response_format|\"json\"",
        "parallel_tool_calls|\"no\"",
    })
    void aWronglyTypedFieldIs400NamingIt(String field, String value) throws Exception {
        String body = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"" + field + "\":"
                + value + "}";
        if (field.equals("model") || field.equals("messages")) {
            body = field.equals("model")
                    ? "{\"model\":" + value + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                    : "{\"model\":\"GigaChat\",\"messages\":" + value + "}";
        }

        JsonNode error = assertOpenAiError(post("/v1/chat/completions", body), 400, "invalid_request_error");

        assertThat(error.get("param").asText()).startsWith(field);
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void deeplyNestedJsonIs400() throws Exception {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        String body = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":"
                + nested + "}";

        assertOpenAiError(post("/v1/chat/completions", body), 400, "invalid_request_error");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void invalidUtf8Is400() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8));
        body.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        body.write("\"}]}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertOpenAiError(response, 400, "invalid_request_error");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void tooManyMessagesIs400() throws Exception {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 2_049; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"user\",\"content\":\"m\"}");
        }

        JsonNode error = assertOpenAiError(post("/v1/chat/completions",
                "{\"model\":\"GigaChat\",\"messages\":[" + messages + "]}"), 400, "invalid_request_error");

        assertThat(error.get("param").asText()).isEqualTo("messages");
    }
}
