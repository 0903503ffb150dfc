package io.gigagate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole gateway on a random port, talking to the shared GigaChat emulator with OAuth
 * credentials. Subclasses get plain-HTTP helpers; the emulator's faults and recorder are reset
 * before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestSupport {

    protected static final GigaChatEmulator EMULATOR = SharedEmulator.get();
    protected static final ObjectMapper JSON = new ObjectMapper();
    /** The system property that picks GigaChat's chat contract for a test run: v1 (default) or v2. */
    public static final String API_MODE_PROPERTY = "gigagate.test.gigachat-api-mode";
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void gigachat(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
        registry.add("gigachat.credentials", () -> SharedEmulator.AUTHORIZATION_KEY);
        registry.add("gigachat.scope", () -> SharedEmulator.SCOPE);
        // the v2 contract run (pom.xml, execution gigachat-v2-contract) calls GigaChat's /api/v2 instead
        registry.add("gigachat.api-mode", () -> System.getProperty(API_MODE_PROPERTY, "v1"));
        // these tests look at single failures; retries and the breaker have ResilienceTest of their own
        registry.add("gigagate.retry.max-attempts", () -> "1");
        registry.add("gigagate.circuit-breaker.minimum-calls", () -> "100000");
    }

    @BeforeEach
    void resetEmulator() {
        EMULATOR.faults().reset();
        EMULATOR.clearRequests();
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    protected static String chatBody(String userText) {
        try {
            return JSON.writeValueAsString(Map.of("model", "GigaChat-2",
                    "messages", java.util.List.of(Map.of("role", "user", "content", userText))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
