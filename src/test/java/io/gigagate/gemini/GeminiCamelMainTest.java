package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.CamelMainGateway;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Gemini front on plain Camel Main with the deployed wiring (deploy/camel-k/beans.camel.yaml), as
 * {@code camel run} and Camel K run it: platform-http's Vert.x engine takes {@code models/{target}} as one
 * variable and the front splits {@code model:method}; the key comes from {@code x-goog-api-key},
 * {@code ?key=} or Bearer, and refusals are in Google's shape.
 */
class GeminiCamelMainTest {

    private static final String KEY = "gemini-gateway-key-1";
    private static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("upstream-token").build()
            .start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "{\"contents\": [{\"parts\": [{\"text\": \"hello vertx\"}]}]}";

    private static Main main;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gigachat.base-url", EMULATOR.baseUrl());
        settings.put("gigachat.access-token", "upstream-token");
        settings.put("gigachat.credentials", "");
        settings.put("gpt2giga.api-key", KEY);
        main = CamelMainGateway.create(port, settings);
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        EMULATOR.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return CamelMainGateway.send(port, method, path, body, headers);
    }

    @Test
    void generateContentWithTheKeyInEachOfItsPlaces() throws Exception {
        HttpResponse<String> header = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent", HELLO,
                "x-goog-api-key", KEY);
        HttpResponse<String> query = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent?key=" + KEY, HELLO);
        HttpResponse<String> bearer = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent", HELLO,
                "Authorization", "Bearer " + KEY);

        for (HttpResponse<String> response : java.util.List.of(header, query, bearer)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/candidates/0/content/parts/0/text").asText())
                    .isEqualTo("Echo: hello vertx");
        }
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2-Pro");
    }

    @Test
    void geminisMethodsUnderV1BesideOpenAisModelRoute() throws Exception {
        HttpResponse<String> generated = send("POST", "/v1/models/gemini-2.5-flash:generateContent", HELLO,
                "x-goog-api-key", KEY);
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        assertThat(JSON.readTree(generated.body()).at("/candidates/0/content/parts/0/text").asText())
                .isEqualTo("Echo: hello vertx");
        HttpResponse<String> noKey = send("POST", "/v1/models/gemini-2.5-flash:countTokens", HELLO);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noKey.body()).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> openAi = send("GET", "/v1/models/GigaChat-2-Max", null, "Authorization", "Bearer " + KEY);
        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
        assertThat(JSON.readTree(openAi.body()).get("object").asText()).isEqualTo("model");
    }

    @Test
    void refusalsAreInGooglesShape() throws Exception {
        HttpResponse<String> noKey = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent", HELLO);
        assertThat(noKey.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(noKey.body()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(401);
        assertThat(error.get("status").asText()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> wrongKey = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent?key=wrong", HELLO);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongKey.body()).at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");

        HttpResponse<String> verb = send("POST", "/v1beta/models/gemini-2.5-flash:sing", HELLO, "x-goog-api-key", KEY);
        assertThat(verb.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(verb.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void streamsModelsAndCountTokens() throws Exception {
        HttpResponse<String> stream = send("POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", HELLO,
                "x-goog-api-key", KEY);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(stream.body()).startsWith("data: {\"candidates\"").contains("\"finishReason\":\"STOP\"");

        HttpResponse<String> array = send("POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", HELLO,
                "x-goog-api-key", KEY);
        assertThat(JSON.readTree(array.body()).isArray()).isTrue();

        HttpResponse<String> models = send("GET", "/v1beta/models?pageSize=2", null, "x-goog-api-key", KEY);
        assertThat(JSON.readTree(models.body()).get("models")).hasSize(2);
        HttpResponse<String> model = send("GET", "/v1beta/models/gemini-2.5-flash", null, "x-goog-api-key", KEY);
        assertThat(JSON.readTree(model.body()).get("name").asText()).isEqualTo("models/gemini-2.5-flash");

        HttpResponse<String> count = send("POST", "/v1beta/models/gemini-2.5-flash:countTokens", HELLO,
                "x-goog-api-key", KEY);
        assertThat(JSON.readTree(count.body()).get("totalTokens").asInt()).isPositive();
    }
}
