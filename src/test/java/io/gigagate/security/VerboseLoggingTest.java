package io.gigagate.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.emulator.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Verbose mode logs the traffic, and no secret of any auth mode shows up in the log: not the
 * gateway key, not an authorization key, password or access token, whether the gateway's own or a
 * client's passed through, and not a secret-looking field of a request body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class VerboseLoggingTest {

    static final String SERVER_KEY = "c2VydmVyLWNsaWVudDpzZXJ2ZXItc2VjcmV0";
    static final String CLIENT_KEY = "Y2xpZW50LWtleTpjbGllbnQtc2VjcmV0";
    static final String GATEWAY_KEY = "gateway-secret-key-42";
    static final String CLIENT_TOKEN = "client-ready-access-token-77";
    static final String PASSWORD = "carols-password-99";
    static final String BODY_SECRET = "body-secret-value-13";
    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder()
            .staticToken(CLIENT_TOKEN).userPassword("carol", PASSWORD).build().start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
        registry.add("gigachat.credentials", () -> SERVER_KEY);
        registry.add("gigachat.access-token", () -> "");
        registry.add("gpt2giga.pass-token", () -> "true");
        registry.add("gpt2giga.api-key", () -> GATEWAY_KEY);
        registry.add("gpt2giga.verbose", () -> "true");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    private int chat(String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("x-api-key", GATEWAY_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"GigaChat\",\"metadata\":{\"api_key\":\""
                        + BODY_SECRET + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"log me\"}]}"));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void noSecretOfAnyAuthModeAppearsInTheVerboseLog(CapturedOutput output) throws Exception {
        assertThat(chat(null)).as("the gateway's own OAuth credentials").isEqualTo(200);
        assertThat(chat("giga-cred-" + CLIENT_KEY + ":GIGACHAT_API_PERS")).isEqualTo(200);
        assertThat(chat("giga-user-carol:" + PASSWORD)).isEqualTo(200);
        assertThat(chat("giga-auth-" + CLIENT_TOKEN)).isEqualTo(200);

        String log = output.getAll();
        assertThat(log).contains("client -> gateway", "gateway -> GigaChat", "GigaChat -> gateway", "gateway -> client")
                .contains("log me");
        List<String> secrets = new ArrayList<>(List.of(SERVER_KEY, CLIENT_KEY, GATEWAY_KEY, CLIENT_TOKEN, PASSWORD,
                BODY_SECRET));
        for (RecordedRequest sent : EMULATOR.requests("/chat/completions")) {
            secrets.add(sent.header("Authorization").substring("Bearer ".length()));
        }
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(10);
        for (String secret : secrets) {
            assertThat(log).as("log must not contain a secret").doesNotContain(secret);
        }
    }
}
