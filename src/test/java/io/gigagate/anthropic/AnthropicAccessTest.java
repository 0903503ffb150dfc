package io.gigagate.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's own refusals on the Anthropic front's paths, in Anthropic's shape: the API key (as
 * {@code x-api-key} or Bearer, like the SDKs and Claude Code send it), the body limit, and built-in tools
 * refused with {@code GIGAGATE_STRICT_TOOLS=true}.
 */
class AnthropicAccessTest extends GatewayTestSupport {

    private static final int MAX_BODY = 4096;
    private static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @DynamicPropertySource
    static void access(DynamicPropertyRegistry registry) {
        registry.add("gigagate.security.api-keys.claude", () -> "key-of-claude");
        registry.add("gigagate.security.max-body-size", () -> MAX_BODY + "B");
        registry.add("gigagate.strict-tools", () -> "true");
    }

    private static void assertAnthropicError(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo(type);
        assertThat(error.has("choices")).isFalse();
    }

    @Test
    void theKeyComesAsXApiKeyOrBearerAndIsRequired() throws Exception {
        assertAnthropicError(post("/v1/messages", MESSAGE), 401, "authentication_error");
        assertAnthropicError(post("/v1/messages", MESSAGE, "x-api-key", "wrong"), 401, "authentication_error");
        assertAnthropicError(post("/v1/messages/count_tokens", MESSAGE), 401, "authentication_error");
        assertThat(EMULATOR.requests()).noneMatch(r -> r.path().endsWith("/chat/completions"));

        assertThat(post("/v1/messages", MESSAGE, "x-api-key", "key-of-claude").statusCode()).isEqualTo(200);
        assertThat(post("/v1/messages", MESSAGE, "Authorization", "Bearer key-of-claude").statusCode()).isEqualTo(200);
        // OpenAI's paths keep OpenAI's shape
        HttpResponse<String> openAi = post("/v1/chat/completions", chatBody("hi"));
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(json(openAi).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(json(openAi).has("type")).isFalse();
    }

    @Test
    void anthropicsClientsOnTheSharedModelsPathAreRefusedInAnthropicsShape() throws Exception {
        assertAnthropicError(get("/v1/models", "anthropic-version", "2023-06-01"), 401, "authentication_error");
        assertAnthropicError(get("/v1/models/claude-sonnet-4-5", "anthropic-version", "2023-06-01", "x-api-key", "wrong"),
                401, "authentication_error");
        HttpResponse<String> listed = get("/v1/models", "anthropic-version", "2023-06-01", "x-api-key", "key-of-claude");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).get("data").get(0).get("type").asText()).isEqualTo("model");
        // without the header the same path answers in OpenAI's shape, refusals included
        HttpResponse<String> openAi = get("/v1/models");
        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(json(openAi).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(json(openAi).has("type")).isFalse();
    }

    @Test
    void anOversizedBodyIs413InAnthropicsShape() throws Exception {
        String big = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(MAX_BODY) + "\"}]}";
        assertAnthropicError(post("/v1/messages", big, "x-api-key", "key-of-claude"), 413, "request_too_large");
    }

    @Test
    void strictToolsRefuseServerToolsNamingThem() throws Exception {
        HttpResponse<String> response = post("/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                + "\"tools\":[{\"type\":\"computer_20250124\",\"name\":\"computer\",\"display_width_px\":1024}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"search\"}]}", "x-api-key", "key-of-claude");

        assertAnthropicError(response, 400, "invalid_request_error");
        assertThat(json(response).at("/error/message").asText()).contains("computer", "GIGAGATE_STRICT_TOOLS");
        assertThat(EMULATOR.requests()).noneMatch(r -> r.path().endsWith("/chat/completions"));
    }
}
