package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.CamelMainGateway;
import io.gigagate.support.SharedEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Portability: every routes/*.yaml runs on plain Camel Main (what {@code camel run} and Camel K use),
 * with no Spring at all: the settings come from deploy/camel-k/application.properties, the beans from
 * deploy/camel-k/beans.camel.yaml, HTTP from Camel Main's own platform-http server (Vert.x), and one
 * chat completion goes through to the emulator.
 */
class CamelMainPortabilityTest {

    private static final GigaChatEmulator EMULATOR = SharedEmulator.get();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Main main;
    private static int port;

    @BeforeAll
    static void startCamelMain() throws Exception {
        port = freePort();
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

    @Test
    void everyRouteFileIsLoadedWithoutSpring() throws IOException {
        CamelContext camel = main.getCamelContext();
        assertThat(camel.getClass().getName()).doesNotContain("Spring");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).forEach(file -> {
                List<String> ids = routeIds(file);
                assertThat(ids).as("route ids in %s", file).isNotEmpty();
                ids.forEach(id -> assertThat(camel.getRoute(id)).as("route %s from %s", id, file).isNotNull());
            });
        }
        assertThat(camel.getRoute("gigachat-call")).as("the Java DSL door, from a YAML bean").isNotNull();
        assertThat(camel.getRoute("openai-chat-completions")).isNotNull();
    }

    /** The ids of a route file's routes and templated routes. */
    private static List<String> routeIds(Path file) {
        try {
            return Pattern.compile("(?m)^    (?:id|routeId): (\\S+)$").matcher(Files.readString(file)).results()
                    .map(m -> m.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aChatCompletionIsServedThroughTheEmulator() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"GigaChat-2\",\"messages\":[{\"role\":\"user\",\"content\":\"hello from Camel Main\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isNotBlank();
        assertThat(EMULATOR.lastRequest("/chat/completions")).isNotNull();
    }

    @Test
    void errorsKeepTheOpenAiShape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"GigaChat-2\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    /** Usage accounting is on by default in memory; the admin API is off, so every /admin path is 404. */
    @Test
    void theAdminApiIsOffByDefault() throws Exception {
        for (String path : new String[] {"/admin/", "/admin/api/usage"}) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(new ObjectMapper().readTree(response.body()).at("/error/code").asText()).isEqualTo("not_found");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
