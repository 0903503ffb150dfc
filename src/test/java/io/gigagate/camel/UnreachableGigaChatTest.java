package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GigaChat down (nothing listens on its port): a 502 in OpenAI's shape, fast, not a hang or a stack trace. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnreachableGigaChatTest {

    private static final int CLOSED_PORT = freePort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void deadUpstream(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", () -> "http://127.0.0.1:" + CLOSED_PORT + "/api/v1");
        registry.add("gigachat.access-token", () -> "any-token");
    }

    @Test
    void anUnreachableGigaChatIs502() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        JsonNode error = assertOpenAiError(response, 502, "server_error");
        assertThat(error.get("code").asText()).isEqualTo("upstream_unreachable");
        assertThat(response.body()).doesNotContain("any-token").doesNotContain(String.valueOf(CLOSED_PORT));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
