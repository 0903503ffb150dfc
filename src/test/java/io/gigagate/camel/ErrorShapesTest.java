package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure reaches the client as OpenAI's error body with the right status. */
class ErrorShapesTest extends GatewayTestSupport {

    @ParameterizedTest(name = "GigaChat {0} becomes {1} {2}")
    @CsvSource({
        "400, 400, invalid_request_error,",
        "402, 402, insufficient_quota, insufficient_quota",
        "403, 403, permission_error,",
        "413, 413, invalid_request_error, request_too_large",
        "422, 422, invalid_request_error,",
        "429, 429, rate_limit_error, rate_limit_exceeded",
        "500, 500, server_error,",
        "503, 503, server_error, service_unavailable",
    })
    void gigaChatErrorStatusesKeepTheirMeaning(int upstream, int status, String type, String code) throws Exception {
        EMULATOR.faults().failNext("/chat/completions", upstream);

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("hi"));

        JsonNode error = assertOpenAiError(response, status, type);
        if (code != null) {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
    }

    @Test
    void gigaChatMessageTextReachesTheClient() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 422,
                "{\"status\":422,\"message\":\"Invalid params: repetition_penalty must be in range (0, +inf)\"}", Map.of());

        JsonNode error = assertOpenAiError(post("/v1/chat/completions", chatBody("hi")), 422, "invalid_request_error");

        assertThat(error.get("message").asText()).contains("repetition_penalty must be in range");
    }

    @Test
    void aPersistentUpstream401IsAnAuthenticationErrorAfterOneRetry() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 401).failNext("/chat/completions", 401);

        JsonNode error = assertOpenAiError(post("/v1/chat/completions", chatBody("hi")), 401, "authentication_error");

        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(2);
    }

    @Test
    void anOAuthRefusalIsAnAuthenticationErrorWithoutTheKey() throws Exception {
        EMULATOR.faults().expireAllTokens().oauthFailNext(401, 6, "credentials doesn't match db data");

        HttpResponse<String> response = post("/v1/chat/completions", chatBody("hi"));

        JsonNode error = assertOpenAiError(response, 401, "authentication_error");
        assertThat(error.get("message").asText()).contains("credentials doesn't match db data");
        assertThat(response.body()).doesNotContain(io.gigagate.support.SharedEmulator.AUTHORIZATION_KEY);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertOpenAiError(post("/v1/chat/completions", "{\"model\": \"GigaChat\", "), 400, "invalid_request_error");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void anEmptyBodyIs400() throws Exception {
        assertOpenAiError(post("/v1/chat/completions", ""), 400, "invalid_request_error");
    }

    @Test
    void aWronglyTypedFieldIs400NamingTheField() throws Exception {
        JsonNode error = assertOpenAiError(post("/v1/chat/completions", """
                {"model":"GigaChat","messages":[{"role":"user","content":"hi"}],"temperature":"hot"}"""),
                400, "invalid_request_error");

        assertThat(error.get("param").asText()).isEqualTo("temperature");
    }

    @Test
    void missingMessagesIs400NamingMessages() throws Exception {
        JsonNode error = assertOpenAiError(post("/v1/chat/completions", "{\"model\":\"GigaChat\"}"),
                400, "invalid_request_error");

        assertThat(error.get("param").asText()).isEqualTo("messages");
    }

    @Test
    void anUnknownRoleIs400NamingTheRole() throws Exception {
        JsonNode error = assertOpenAiError(post("/v1/chat/completions", """
                {"model":"GigaChat","messages":[{"role":"wizard","content":"hi"}]}"""), 400, "invalid_request_error");

        assertThat(error.get("param").asText()).isEqualTo("messages[0].role");
    }

    @Test
    void aWrongMethodIs405() throws Exception {
        assertOpenAiError(get("/v1/chat/completions"), 405, "invalid_request_error");
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        JsonNode error = assertOpenAiError(get("/v1/no/such/endpoint"), 404, "invalid_request_error");

        assertThat(error.get("message").asText()).contains("/v1/no/such/endpoint");
    }
}
