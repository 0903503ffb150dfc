package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** --emulator: the built-in emulator starts and the gateway answers through it, with no credentials given. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gigagate.emulator=true", "gigachat.credentials=", "gigachat.access-token="})
class DemoModeTest {

    @LocalServerPort
    int port;

    @Value("${gigachat.base-url}")
    String baseUrl;

    @Test
    void theGatewayAnswersFromTheBuiltInEmulator() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Привет\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(baseUrl).startsWith("http://127.0.0.1:");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("choices").get(0).get("message").get("content").asText()).isEqualTo("Echo: Привет");
    }
}
