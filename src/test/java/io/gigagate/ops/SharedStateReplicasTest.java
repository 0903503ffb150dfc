package io.gigagate.ops;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.inputitems.InputItemListParams;
import io.gigagate.emulator.ChatReply;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.files.TestImages;
import io.gigagate.support.CamelMainGateway;
import io.gigagate.support.GatewayTestSupport;
import io.gigagate.support.RedisServer;
import io.gigagate.support.SharedEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two replicas act as one on a real Redis ({@code GIGAGATE_STATE=redis}): a Spring Boot gateway and a Camel Main
 * gateway (what {@code camel run} and Camel K run), both on one redis-server and the shared GigaChat emulator.
 * A response stored through one is read, listed and continued through the other (openai-java); an image sent
 * in chat through both is uploaded once; a generated image's URL from one is served by the other; with Redis
 * killed, what needs the store answers 503 in OpenAI's shape with Retry-After while {@code store: false} still
 * works, and once Redis is back both serve again with no restart. The Redis password appears in no log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its Redis is gone after this class: the context must not stay cached, reconnecting for the rest of the run
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedStateReplicasTest {

    private static final GigaChatEmulator EMULATOR = SharedEmulator.get();
    private static final RedisServer REDIS = startRedis();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Main camelMain;
    private static int camelPort;

    @LocalServerPort
    private int springPort;

    private static RedisServer startRedis() {
        try {
            return RedisServer.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What both replicas are started with, under the same names. */
    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gigachat.base-url", EMULATOR.baseUrl());
        s.put("gigachat.auth-url", EMULATOR.authUrl());
        s.put("gigachat.credentials", SharedEmulator.AUTHORIZATION_KEY);
        s.put("gigachat.scope", SharedEmulator.SCOPE);
        s.put("gigachat.api-mode", System.getProperty(GatewayTestSupport.API_MODE_PROPERTY, "v1"));
        s.put("gigagate.retry.max-attempts", "1");
        s.put("gigagate.state", "redis");
        s.put("gigagate.redis.url", REDIS.url());
        s.put("gigagate.redis.timeout", "PT2S");
        // GigaChat's storage threads for stored Responses turns on one model called on v2; GigaChat-2, which the
        // other tests use, stays on v1 (with -Dtest this class runs in the v2 contract execution too), so its
        // conversations are still resent in full
        s.put("gigagate.api-modes", "GigaChat-2-Max=v2,GigaChat-2=v1");
        s.put("gigagate.responses.upstream-storage", "true");
        return s;
    }

    @DynamicPropertySource
    static void spring(DynamicPropertyRegistry registry) {
        settings().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void startCamelMain() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            camelPort = socket.getLocalPort();
        }
        camelMain = CamelMainGateway.create(camelPort, settings());
        camelMain.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camelMain != null) {
            camelMain.stop();
        }
        REDIS.close();
    }

    @BeforeEach
    void resetEmulator() {
        EMULATOR.faults().reset();
        EMULATOR.clearRequests();
    }

    private String spring(String path) {
        return "http://127.0.0.1:" + springPort + path;
    }

    private static String camel(String path) {
        return "http://127.0.0.1:" + camelPort + path;
    }

    private static OpenAIClient client(String baseUrl) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-unused").maxRetries(0).build();
    }

    private static HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void aResponseStoredThroughOneReplicaIsReadAndContinuedThroughTheOther(CapturedOutput output) {
        OpenAIClient viaSpring = client(spring("/v1"));
        OpenAIClient viaCamel = client(camel("/v1"));
        try {
            Response first = viaSpring.responses().create(ResponseCreateParams.builder()
                    .model("GigaChat-2").input("My name is Ada.").build());
            first.validate();

            Response read = viaCamel.responses().retrieve(first.id());
            read.validate();
            assertThat(read.id()).isEqualTo(first.id());
            assertThat(read.output().get(0).asMessage().content().get(0).asOutputText().text())
                    .isEqualTo("Echo: My name is Ada.");

            Response second = viaCamel.responses().create(ResponseCreateParams.builder()
                    .model("GigaChat-2").previousResponseId(first.id()).input("What is my name?").build());
            second.validate();
            JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
            assertThat(sent.get("messages")).extracting(m -> m.get("content").asText())
                    .containsExactly("My name is Ada.", "Echo: My name is Ada.", "What is my name?");

            // the continuation, stored through Camel Main, is found through Spring Boot, with its input items
            assertThat(viaSpring.responses().retrieve(second.id()).previousResponseId()).contains(first.id());
            assertThat(viaSpring.responses().inputItems().list(InputItemListParams.builder().responseId(second.id())
                    .build()).response().data()).hasSize(1);
            viaSpring.responses().delete(second.id());
            assertThat(viaCamel.responses().retrieve(first.id()).id()).isEqualTo(first.id());
            assertThat(REDIS.command("DBSIZE")).isEqualTo(":1");
        } finally {
            viaSpring.close();
            viaCamel.close();
        }
        assertThat(output.getAll()).doesNotContain(RedisServer.PASSWORD);
    }

    @Test
    @Order(2)
    void aGigaChatThreadOpenedThroughOneReplicaIsContinuedThroughTheOtherAndItsHeadIsShared() {
        EMULATOR.faults().responder(root -> {
            List<String> users = new java.util.ArrayList<>();
            root.path("messages").forEach(m -> {
                if ("user".equals(m.path("role").asText())) {
                    users.add(m.path("content").asText());
                }
            });
            return ChatReply.text("seen " + String.join("|", users));
        });
        OpenAIClient viaSpring = client(spring("/v1"));
        OpenAIClient viaCamel = client(camel("/v1"));
        try {
            Response first = viaSpring.responses().create(ResponseCreateParams.builder()
                    .model("GigaChat-2-Max").input("one").build());
            assertThat(EMULATOR.lastRequest("/chat/completions").json().path("storage").isObject()).isTrue();

            Response second = viaCamel.responses().create(ResponseCreateParams.builder()
                    .model("GigaChat-2-Max").previousResponseId(first.id()).input("two").build());
            assertThat(second.output().get(0).asMessage().content().get(0).asOutputText().text())
                    .isEqualTo("seen one|two");
            JsonNode continued = EMULATOR.lastRequest("/chat/completions").json();
            assertThat(continued.at("/storage/thread_id").asText()).isNotEmpty();
            assertThat(continued.path("messages")).hasSize(1);

            // the thread's head moved on Redis: a second continuation of the first response, through the other
            // replica, is a fork and is rebuilt in full
            Response fork = viaSpring.responses().create(ResponseCreateParams.builder()
                    .model("GigaChat-2-Max").previousResponseId(first.id()).input("other").build());
            assertThat(fork.output().get(0).asMessage().content().get(0).asOutputText().text())
                    .isEqualTo("seen one|other");
            JsonNode rebuilt = EMULATOR.lastRequest("/chat/completions").json();
            assertThat(rebuilt.path("storage").has("thread_id")).isFalse();
            assertThat(rebuilt.path("messages")).hasSize(3);
        } finally {
            viaSpring.close();
            viaCamel.close();
        }
    }

    @Test
    @Order(3)
    void anImageSentInChatThroughBothReplicasIsUploadedOnce() {
        String image = TestImages.dataUrl("image/png", TestImages.png(0x5a6b7c));
        for (String base : List.of(spring("/v1"), camel("/v1"), spring("/v1"))) {
            OpenAIClient client = client(base);
            try {
                client.chat().completions().create(ChatCompletionCreateParams.builder().model("GigaChat-2-Max")
                        .addUserMessageOfArrayOfContentParts(List.of(
                                ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                        .text("What is on it?").build()),
                                ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                        .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(image).build())
                                        .build())))
                        .build()).validate();
            } finally {
                client.close();
            }
        }
        List<RecordedRequest> uploads = EMULATOR.requests("/files").stream().filter(r -> r.method().equals("POST")).toList();
        assertThat(uploads).hasSize(1);
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(3);
        assertThat(EMULATOR.requests("/chat/completions").stream()
                .map(chat -> chat.chat().at("/messages/0/attachments").toString()).distinct().toList())
                .as("the same file id each time").hasSize(1).allSatisfy(ids -> assertThat(ids).startsWith("[\""));
    }

    @Test
    @Order(4)
    void aGeneratedImageUrlFromOneReplicaIsServedByTheOther() throws Exception {
        for (boolean fromSpring : List.of(true, false)) {
            String maker = fromSpring ? spring("") : camel("");
            String server = fromSpring ? camel("") : spring("");
            String key = generatedImageKey(maker);
            HttpResponse<byte[]> here = image(maker, key);
            HttpResponse<byte[]> there = image(server, key);
            assertThat(there.statusCode()).isEqualTo(200);
            assertThat(there.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(there.body()).isNotEmpty().isEqualTo(here.body());
        }
        assertOpenAiError(send("GET", spring("/v1/images/content/no-such-key"), null), 404, "invalid_request_error");
    }

    /** Generates an image through one replica and returns the key of its /v1/images/content URL. */
    private static String generatedImageKey(String base) throws Exception {
        HttpResponse<String> generated = send("POST", base + "/v1/images/generations", "{\"prompt\":\"a lighthouse\"}");
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        String url = JSON.readTree(generated.body()).at("/data/0/url").asText();
        assertThat(url).contains("/v1/images/content/");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static HttpResponse<byte[]> image(String base, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/images/content/" + key)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @Order(5)
    void withRedisKilledWhatNeedsTheStoreIsA503AndAfterItsRestartBothServeAgain(CapturedOutput output) throws Exception {
        HttpResponse<String> before = send("POST", spring("/v1/responses"), "{\"model\":\"GigaChat-2\",\"input\":\"kept?\"}");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        String id = JSON.readTree(before.body()).get("id").asText();

        REDIS.kill();
        try {
            for (String base : List.of(spring(""), camel(""))) {
                // saving: refused rather than answered with an id that could not be found later
                for (int i = 0; i < 4; i++) {
                    assertStoreUnavailable(send("POST", base + "/v1/responses",
                            "{\"model\":\"GigaChat-2\",\"input\":\"store me\"}"));
                }
                assertStoreUnavailable(send("POST", base + "/v1/responses",
                        "{\"model\":\"GigaChat-2\",\"input\":\"go on\",\"store\":false,\"previous_response_id\":\"" + id + "\"}"));
                assertStoreUnavailable(send("GET", base + "/v1/responses/" + id, null));
                assertStoreUnavailable(send("GET", base + "/v1/responses/" + id + "/input_items", null));
                assertStoreUnavailable(send("DELETE", base + "/v1/responses/" + id, null));
                HttpResponse<String> stream = send("POST", base + "/v1/responses",
                        "{\"model\":\"GigaChat-2\",\"input\":\"stream me\",\"stream\":true}");
                assertThat(stream.body()).doesNotContain("response.completed");
                if (stream.statusCode() == 200) {
                    assertThat(stream.body()).contains("event: response.failed");
                } else {
                    assertStoreUnavailable(stream);
                }

                // what needs no store still works, and so do chat, its image uploads (this replica's cache) and image URLs
                HttpResponse<String> unstored = send("POST", base + "/v1/responses",
                        "{\"model\":\"GigaChat-2\",\"input\":\"just answer\",\"store\":false}");
                assertThat(unstored.statusCode()).as(unstored.body()).isEqualTo(200);
                assertThat(JSON.readTree(unstored.body()).at("/output/0/content/0/text").asText())
                        .isEqualTo("Echo: just answer");
                HttpResponse<String> chat = send("POST", base + "/v1/chat/completions",
                        "{\"model\":\"GigaChat-2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
                assertThat(image(base, generatedImageKey(base)).statusCode()).as("served by the replica that made it")
                        .isEqualTo(200);
            }
        } finally {
            REDIS.restart();
        }

        // each replica finds Redis again by itself (its breaker lets a probe through after a couple of seconds)
        for (String base : List.of(spring(""), camel(""))) {
            HttpResponse<String> created = onceRedisIsBack(() -> send("POST", base + "/v1/responses",
                    "{\"model\":\"GigaChat-2\",\"input\":\"back again\"}"));
            assertThat(created.statusCode()).as("%s stores responses again once Redis is back: %s", base, created.body())
                    .isEqualTo(200);
            String stored = JSON.readTree(created.body()).get("id").asText();
            String other = base.equals(spring("")) ? camel("") : spring("");
            HttpResponse<String> read = onceRedisIsBack(() -> send("GET", other + "/v1/responses/" + stored, null));
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).get("id").asText()).isEqualTo(stored);
        }
        assertThat(output.getAll()).doesNotContain(RedisServer.PASSWORD);
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** The call's answer once it is no longer the store's 503 (each 503 checked on the way), or the last after 30 s. */
    private static HttpResponse<String> onceRedisIsBack(Call call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = call.send();
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            assertStoreUnavailable(response);
            Thread.sleep(250);
            response = call.send();
        }
        return response;
    }

    private static void assertStoreUnavailable(HttpResponse<String> response) throws IOException {
        JsonNode error = assertOpenAiError(response, 503, "server_error");
        assertThat(error.get("code").asText()).isEqualTo("response_store_unavailable");
        assertThat(error.get("message").asText()).contains("shared response store is unavailable")
                .doesNotContain(RedisServer.PASSWORD);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
