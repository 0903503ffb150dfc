package io.gigagate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.emulator.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A pool of GigaChat credentials: calls alternate, and one that refuses (402 out of quota) rests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialPoolTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().build().start();
    static final String CHAT = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
        registry.add("gigachat.credentials", () -> "");
        registry.add("gigachat.access-token", () -> "");
        registry.add("gigagate.credential-pool", () -> "a2V5LW9uZTpzZWNyZXQ=,a2V5LXR3bzpzZWNyZXQ=:GIGACHAT_API_B2B");
        registry.add("gigagate.credential-rest", () -> "1h");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @BeforeEach
    void reset() {
        EMULATOR.faults().reset();
        EMULATOR.clearRequests();
    }

    HttpResponse<String> chat(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void callsAlternateBetweenCredentials() throws Exception {
        assertThat(chat(CHAT).statusCode()).isEqualTo(200);
        assertThat(chat(CHAT).statusCode()).isEqualTo(200);

        List<RecordedRequest> calls = EMULATOR.requests("/chat/completions");
        assertThat(calls.get(0).header("Authorization")).isNotEqualTo(calls.get(1).header("Authorization"));
    }

    @Test
    @Order(2)
    void aPooledCredentialThatIsOutOfQuotaRestsAndTheCallMovesOn() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 402);

        assertThat(chat(CHAT).statusCode()).isEqualTo(200);
        assertThat(chat(CHAT).statusCode()).isEqualTo(200);
        assertThat(chat(CHAT).statusCode()).isEqualTo(200);

        List<RecordedRequest> calls = EMULATOR.requests("/chat/completions");
        assertThat(calls).hasSize(4);
        String refused = calls.get(0).header("Authorization");
        assertThat(calls.subList(1, 4)).allSatisfy(call -> assertThat(call.header("Authorization")).isNotEqualTo(refused));
    }

}
