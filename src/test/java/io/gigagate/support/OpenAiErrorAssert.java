package io.gigagate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** Asserts that a response is OpenAI's error shape: exactly {"error": {message, type, param, code}}. */
public final class OpenAiErrorAssert {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrorAssert() {
    }

    public static JsonNode assertOpenAiError(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.size()).as("only an error field: %s", body).isEqualTo(1);
        JsonNode error = body.get("error");
        assertThat(error).as("error object in %s", body).isNotNull();
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code"))
                .as("message, type, param and code present in %s", error).isTrue();
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(error.get("type").asText()).isEqualTo(type);
        return error;
    }
}
