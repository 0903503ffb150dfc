package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.CamelMainGateway;
import io.gigagate.support.SharedEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Responses front on plain Camel Main (camel run, Camel K): beans from deploy/camel-k/beans.camel.yaml,
 * HTTP from Vert.x, whose path matching differs from Spring MVC's: a response is created, streamed, read
 * back, listed, counted ({@code /v1/responses/input_tokens} next to {@code /v1/responses/{id}}) and deleted.
 */
class ResponsesCamelMainTest {

    private static final GigaChatEmulator EMULATOR = SharedEmulator.get();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Main main;
    private static int port;

    @BeforeAll
    static void startCamelMain() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        main = CamelMainGateway.create(port, Map.of(
                "gigachat.base-url", EMULATOR.baseUrl(),
                "gigachat.auth-url", EMULATOR.authUrl(),
                "gigachat.credentials", SharedEmulator.AUTHORIZATION_KEY,
                "gigachat.scope", SharedEmulator.SCOPE));
        main.start();
    }

    @AfterAll
    static void stopCamelMain() {
        if (main != null) {
            main.stop();
        }
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theWholeSurfaceRunsWithoutSpring() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/responses", "{\"model\":\"GigaChat-2\",\"input\":\"hello from Camel Main\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode response = JSON.readTree(created.body());
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("Echo: hello from Camel Main");
        String id = response.get("id").asText();

        HttpResponse<String> streamed = send("POST", "/responses", "{\"model\":\"GigaChat-2\",\"input\":\"again\","
                + "\"stream\":true,\"previous_response_id\":\"" + id + "\"}");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(streamed.body()).startsWith("event: response.created\n").contains("event: response.completed\n");

        assertThat(JSON.readTree(send("GET", "/v1/responses/" + id, null).body()).get("id").asText()).isEqualTo(id);
        assertThat(JSON.readTree(send("GET", "/v1/responses/" + id + "/input_items", null).body()).get("data")).hasSize(1);
        HttpResponse<String> counted = send("POST", "/v1/responses/input_tokens", "{\"model\":\"GigaChat-2\",\"input\":\"count me\"}");
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(JSON.readTree(counted.body()).get("input_tokens").asInt()).isPositive();
        assertThat(send("DELETE", "/v1/responses/" + id, null).statusCode()).isEqualTo(200);
        HttpResponse<String> gone = send("GET", "/v1/responses/" + id, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
