package io.gigagate.responses;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.camel.ExchangeKeys;
import io.gigagate.camel.ResponsesRequestProcessor;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A stored response belongs to the caller that made it: under another API key it is not found (read,
 * list, delete, or continue), and its owner is never a secret. In pass-token mode the owner is the hash
 * of the client's GigaChat credential that the client context step leaves (never the credential).
 */
class ResponsesOwnerScopeTest extends GatewayTestSupport {

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("gigagate.security.api-keys.alice", () -> "sk-alice-secret-1");
        registry.add("gigagate.security.api-keys.bob", () -> "sk-bob-secret-2");
    }

    private HttpResponse<String> as(String key, String method, String path, String body) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .timeout(java.time.Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anotherKeyCannotSeeContinueOrDeleteAResponse() throws Exception {
        HttpResponse<String> created = as("sk-alice-secret-1", "POST", "/v1/responses",
                "{\"model\":\"gpt-4o\",\"input\":\"alice's secret plan\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        String id = json(created).get("id").asText();

        assertOpenAiError(as("sk-bob-secret-2", "GET", "/v1/responses/" + id, null), 404, "invalid_request_error");
        assertOpenAiError(as("sk-bob-secret-2", "GET", "/v1/responses/" + id + "/input_items", null), 404,
                "invalid_request_error");
        JsonNode continued = assertOpenAiError(as("sk-bob-secret-2", "POST", "/v1/responses",
                "{\"model\":\"gpt-4o\",\"previous_response_id\":\"" + id + "\",\"input\":\"tell me\"}"), 404,
                "invalid_request_error");
        assertThat(continued.get("param").asText()).isEqualTo("previous_response_id");
        assertOpenAiError(as("sk-bob-secret-2", "DELETE", "/v1/responses/" + id, null), 404, "invalid_request_error");

        assertThat(as("sk-alice-secret-1", "GET", "/v1/responses/" + id, null).statusCode()).isEqualTo(200);
        assertThat(as("sk-alice-secret-1", "POST", "/v1/responses",
                "{\"model\":\"gpt-4o\",\"previous_response_id\":\"" + id + "\",\"input\":\"go on\"}").statusCode())
                .isEqualTo(200);
        assertThat(as("sk-alice-secret-1", "DELETE", "/v1/responses/" + id, null).statusCode()).isEqualTo(200);
        assertOpenAiError(as("sk-bob-secret-2", "GET", "/v1/responses/nothing", null), 404, "invalid_request_error");
        assertThat(as("wrong-key", "GET", "/v1/responses/" + id, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theOwnerIsAKeyNameOrACredentialHashNeverASecret() {
        Exchange keyed = new DefaultExchange(new DefaultCamelContext());
        keyed.setProperty(ExchangeKeys.API_KEY_NAME, "alice");
        assertThat(ResponsesRequestProcessor.owner(keyed)).isEqualTo("key:alice");

        Exchange passToken = new DefaultExchange(new DefaultCamelContext());
        passToken.setProperty(ExchangeKeys.API_KEY_NAME, "anonymous");
        passToken.setProperty(ExchangeKeys.UPSTREAM_CREDENTIAL, "3f2a9c");
        Exchange other = new DefaultExchange(new DefaultCamelContext());
        other.setProperty(ExchangeKeys.UPSTREAM_CREDENTIAL, "77be01");
        assertThat(ResponsesRequestProcessor.owner(passToken)).isEqualTo("credential:3f2a9c")
                .isNotEqualTo(ResponsesRequestProcessor.owner(other));

        assertThat(ResponsesRequestProcessor.owner(new DefaultExchange(new DefaultCamelContext())))
                .isEqualTo("key:anonymous");
    }
}
