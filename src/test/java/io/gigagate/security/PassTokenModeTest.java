package io.gigagate.security;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pass-token mode together with a gateway key: the key travels in x-api-key, the client's own
 * GigaChat credential in the Bearer header, and each credential gets its own tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PassTokenModeTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder()
            .staticToken("client-ready-token")
            .userPassword("bob", "bobs-password")
            .build().start();
    static final String CHAT = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
        registry.add("gigachat.credentials", () -> "");
        registry.add("gigachat.access-token", () -> "");
        registry.add("gpt2giga.pass-token", () -> "true");
        registry.add("gpt2giga.api-key", () -> "gateway-key");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @BeforeEach
    void reset() {
        EMULATOR.clearRequests();
    }

    HttpResponse<String> chat(String bearer) throws Exception {
        return chat(bearer, CHAT);
    }

    HttpResponse<String> chat(String bearer, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("x-api-key", "gateway-key")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anImageIsUploadedOncePerClientCredentialAndNeverShared() throws Exception {
        String image = "{\"model\":\"GigaChat-2-Max\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\""
                + io.gigagate.files.TestImages.dataUrl("image/png", io.gigagate.files.TestImages.png(0xABCDEF)) + "\"}}]}]}";
        String one = "giga-auth-client-ready-token";
        String two = "giga-cred-Y2xpZW50LXRocmVlOnNlY3JldA==:GIGACHAT_API_PERS"; // used by no other test

        for (String bearer : List.of(one, one, two, two)) {
            assertThat(chat(bearer, image).statusCode()).isEqualTo(200);
        }

        var uploads = EMULATOR.requests("/files");
        assertThat(uploads).as("one upload per credential").hasSize(2);
        assertThat(uploads.get(0).header("Authorization")).isEqualTo("Bearer client-ready-token");
        assertThat(uploads.get(1).header("Authorization")).isNotEqualTo("Bearer client-ready-token");
        var chats = EMULATOR.requests("/chat/completions");
        String firstId = chats.get(0).json().at("/messages/0/attachments/0").asText();
        assertThat(chats.get(1).json().at("/messages/0/attachments/0").asText()).isEqualTo(firstId);
        assertThat(chats.get(2).json().at("/messages/0/attachments/0").asText()).isNotEqualTo(firstId);
    }

    @Test
    void aReadyClientTokenIsSentAsItIs() throws Exception {
        assertThat(chat("giga-auth-client-ready-token").statusCode()).isEqualTo(200);

        assertThat(EMULATOR.lastRequest("/chat/completions").header("Authorization")).isEqualTo("Bearer client-ready-token");
    }

    @Test
    void eachClientKeyGetsItsOwnOAuthTokenWithItsScope() throws Exception {
        int before = EMULATOR.oauthCalls();

        assertThat(chat("giga-cred-Y2xpZW50LW9uZTpzZWNyZXQ=:GIGACHAT_API_CORP").statusCode()).isEqualTo(200);
        assertThat(chat("giga-cred-Y2xpZW50LW9uZTpzZWNyZXQ=:GIGACHAT_API_CORP").statusCode()).isEqualTo(200);
        assertThat(chat("giga-cred-Y2xpZW50LXR3bzpzZWNyZXQ=:GIGACHAT_API_PERS").statusCode()).isEqualTo(200);

        assertThat(EMULATOR.oauthCalls() - before).as("one token per credential, reused").isEqualTo(2);
        assertThat(EMULATOR.requests("/oauth").get(0).header("Authorization")).isEqualTo("Basic Y2xpZW50LW9uZTpzZWNyZXQ=");
        assertThat(EMULATOR.requests("/oauth").get(0).bodyAsString()).isEqualTo("scope=GIGACHAT_API_CORP");
        assertThat(EMULATOR.requests("/oauth").get(1).header("Authorization")).isEqualTo("Basic Y2xpZW50LXR3bzpzZWNyZXQ=");
        var chats = EMULATOR.requests("/chat/completions");
        assertThat(chats.get(0).header("Authorization")).isEqualTo(chats.get(1).header("Authorization"))
                .isNotEqualTo(chats.get(2).header("Authorization"));
    }

    @Test
    void userAndPasswordLogInThroughTheTokenEndpoint() throws Exception {
        assertThat(chat("giga-user-bob:bobs-password").statusCode()).isEqualTo(200);

        String basic = Base64.getEncoder().encodeToString("bob:bobs-password".getBytes(StandardCharsets.UTF_8));
        assertThat(EMULATOR.lastRequest("/token").header("Authorization")).isEqualTo("Basic " + basic);
    }

    @Test
    void aBearerThatIsNoGigaChatCredentialIs401() throws Exception {
        HttpResponse<String> response = chat("sk-some-openai-key");

        assertOpenAiError(response, 401, "authentication_error");
        assertThat(response.body()).doesNotContain("sk-some-openai-key");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void theGatewayKeyIsStillRequired() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer giga-auth-client-ready-token")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());

        assertOpenAiError(response, 401, "invalid_request_error");
    }
}
