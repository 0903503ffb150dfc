package io.gigagate.gigachat;

import io.gigagate.openai.OpenAiErrors;
import io.gigagate.error.GatewayException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GigaChatErrorsTest {

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static GatewayException chat(int status, String message) {
        return GigaChatErrors.fromResponse(status, body("{\"status\":" + status + ",\"message\":\"" + message + "\"}"),
                GigaChatOperation.CHAT);
    }

    @Nested
    class Statuses {
        @ParameterizedTest(name = "{0} -> {1} {2}/{3}")
        @CsvSource(nullValues = "null", value = {
                "400, 400, invalid_request_error, null",
                "401, 401, authentication_error, invalid_api_key",
                "402, 402, insufficient_quota, insufficient_quota",
                "403, 403, permission_error, null",
                "413, 413, invalid_request_error, request_too_large",
                "422, 422, invalid_request_error, null",
                "429, 429, rate_limit_error, rate_limit_exceeded",
                "500, 500, server_error, null",
                "502, 502, server_error, service_unavailable",
                "503, 503, server_error, service_unavailable",
                "504, 504, server_error, service_unavailable",
                "409, 409, invalid_request_error, null",
                "501, 502, server_error, null",
                "599, 502, server_error, null",
        })
        void statusMapsToOpenAiTypeAndCode(int upstream, int status, String type, String code) {
            GatewayException e = chat(upstream, "Something");
            assertThat(e.status()).isEqualTo(status);
            assertThat(OpenAiErrors.type(e.category())).isEqualTo(type);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo("GigaChat: Something");
        }

        @Test
        void notFoundOnChatOrModelsIsModelNotFound() {
            for (GigaChatOperation op : new GigaChatOperation[] {GigaChatOperation.CHAT, GigaChatOperation.MODELS}) {
                GatewayException e = GigaChatErrors.fromResponse(404, body("{\"status\":404,\"message\":\"No such model\"}"), op);
                assertThat(e.status()).isEqualTo(404);
                assertThat(OpenAiErrors.type(e.category())).isEqualTo("invalid_request_error");
                assertThat(e.code()).isEqualTo("model_not_found");
                assertThat(e.param()).isEqualTo("model");
                assertThat(e.getMessage()).isEqualTo("GigaChat: No such model");
            }
        }

        @Test
        void notFoundElsewhereIsNotFound() {
            GatewayException e = GigaChatErrors.fromResponse(404, body("{\"status\":404,\"message\":\"No such file\"}"), GigaChatOperation.FILES);
            assertThat(e.code()).isEqualTo("not_found");
            assertThat(e.param()).isNull();
        }

        @Test
        void unprocessableKeepsGigaChatsTextNamingTheParam() {
            assertThat(chat(422, "Invalid params: repetition_penalty must be in range (0, +inf)").getMessage())
                    .isEqualTo("GigaChat: Invalid params: repetition_penalty must be in range (0, +inf)");
        }
    }

    @Nested
    class Bodies {
        @Test
        void oauthShapedBodyKeepsItsMessage() {
            GatewayException e = GigaChatErrors.fromResponse(400, body("{\"code\":7,\"message\":\"scope is invalid\"}"), GigaChatOperation.CHAT);
            assertThat(e.getMessage()).isEqualTo("GigaChat: scope is invalid");
        }

        @Test
        void nonJsonBodyIsUsedAsTextShortenedToOneLine() {
            GatewayException e = GigaChatErrors.fromResponse(502, body("<html>\n<b>Bad gateway</b>\n" + "x".repeat(1000)), GigaChatOperation.CHAT);
            assertThat(e.getMessage()).startsWith("GigaChat: <html> <b>Bad gateway</b>").doesNotContain("\n");
            assertThat(e.getMessage().length()).isLessThan(330);
        }

        @Test
        void emptyBodyNamesTheStatus() {
            assertThat(GigaChatErrors.fromResponse(503, new byte[0], GigaChatOperation.CHAT).getMessage()).isEqualTo("GigaChat: HTTP 503");
            assertThat(GigaChatErrors.fromResponse(503, null, GigaChatOperation.CHAT).getMessage()).isEqualTo("GigaChat: HTTP 503");
        }

        @Test
        void tokenLikeTextIsMasked() {
            String token = "eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ";
            GatewayException e = GigaChatErrors.fromResponse(401, body("{\"status\":401,\"message\":\"Token " + token + " has expired\"}"), GigaChatOperation.CHAT);
            assertThat(e.getMessage()).isEqualTo("GigaChat: Token *** has expired");
        }
    }

    @Nested
    class OAuth {
        @Test
        void failedTokenRequestIsAuthenticationErrorNamingCodeAndMessage() {
            GatewayException e = GigaChatErrors.fromOAuth(401, body("{\"code\":6,\"message\":\"credentials doesn't match db data\"}"));
            assertThat(e.status()).isEqualTo(401);
            assertThat(OpenAiErrors.type(e.category())).isEqualTo("authentication_error");
            assertThat(e.code()).isEqualTo("gigachat_auth_failed");
            assertThat(e.getMessage()).contains("code 6").contains("credentials doesn't match db data");
        }

        @Test
        void failingOAuthHostIsABadGateway() {
            GatewayException e = GigaChatErrors.fromOAuth(503, body("Service Unavailable"));
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.code()).isEqualTo("gigachat_auth_failed");
        }

        @Test
        void credentialEchoedByTheHostIsMasked() {
            String key = "MDE5OWUyMTAtNmIxZS03YzRhLTlkNTUtM2YyYTFiMGM5ZTg3OnNlY3JldA==";
            GatewayException e = GigaChatErrors.fromOAuth(400, body("{\"code\":4,\"message\":\"Can't decode 'Authorization' header " + key + "\"}"));
            assertThat(e.getMessage()).doesNotContain(key).contains("***");
        }
    }
}
