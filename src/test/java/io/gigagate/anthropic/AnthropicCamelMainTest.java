package io.gigagate.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.ChatReply;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.CamelMainGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic front on plain Camel Main with the deployed settings and beans (deploy/camel-k), as
 * {@code camel run} and Camel K run it: a message as JSON and streamed, count_tokens, the Anthropic model
 * list, and the gateway's own refusals (key, body size on Vert.x) in Anthropic's shape.
 */
class AnthropicCamelMainTest {

    private static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("upstream-token").build()
            .start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello from Camel Main\"}]}";
    private static Main main;
    private static int port;

    @BeforeAll
    static void startCamelMain() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        main = CamelMainGateway.create(port, Map.of(
                "gigachat.base-url", EMULATOR.baseUrl(),
                "gigachat.access-token", "upstream-token",
                "gigachat.credentials", "",
                "gigagate.security.api-keys-list", "claude=key-of-claude",
                "camel.server.max-body-size", "4096"));
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        EMULATOR.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        return CamelMainGateway.send(port, method, path, body, headers);
    }

    @Test
    void messagesJsonAndStreamed() throws Exception {
        HttpResponse<String> json = send("POST", "/v1/messages", MESSAGE, "x-api-key", "key-of-claude");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).at("/content/0/text").asText()).isEqualTo("Echo: hello from Camel Main");
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2-Pro");

        EMULATOR.faults().enqueueChat(ChatReply.streamed("Hel", "lo"));
        HttpResponse<String> stream = send("POST", "/v1/messages", MESSAGE.replace("{\"model\"", "{\"stream\":true,\"model\""),
                "Authorization", "Bearer key-of-claude");
        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
        assertThat(stream.body()).startsWith("event: message_start\n")
                .contains("\"text_delta\",\"text\":\"Hel\"", "\"text_delta\",\"text\":\"lo\"")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void countTokensAndTheModelList() throws Exception {
        HttpResponse<String> count = send("POST", "/v1/messages/count_tokens", MESSAGE, "x-api-key", "key-of-claude");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        assertThat(JSON.readTree(count.body()).get("input_tokens").asInt()).isPositive();

        HttpResponse<String> models = send("GET", "/v1/models", null, "x-api-key", "key-of-claude",
                "anthropic-version", "2023-06-01");
        assertThat(models.statusCode()).as(models.body()).isEqualTo(200);
        assertThat(JSON.readTree(models.body()).at("/data/0/type").asText()).isEqualTo("model");
        assertThat(JSON.readTree(models.body()).has("has_more")).isTrue();
    }

    @Test
    void refusalsAreInAnthropicsShape() throws Exception {
        JsonNode noKey = JSON.readTree(send("POST", "/v1/messages", MESSAGE).body());
        assertThat(noKey.at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(noKey.get("type").asText()).isEqualTo("error");

        HttpResponse<String> big = send("POST", "/v1/messages", MESSAGE.replace("hello from Camel Main", "x".repeat(5000)),
                "x-api-key", "key-of-claude");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(big.body()).at("/error/type").asText()).isEqualTo("request_too_large");
    }
}
