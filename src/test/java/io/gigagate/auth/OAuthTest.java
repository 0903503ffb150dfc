package io.gigagate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.emulator.RecordedRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Authorization key + scope: OAuth with RqUID, one token fetch however many wait, re-auth on 401. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuthTest {

    static final String KEY = "b2F1dGgtY2xpZW50Om9hdXRoLXNlY3JldA==";
    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().credentials(KEY, "GIGACHAT_API_B2B").build().start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AuthTestSupport.noCredentials(registry);
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
        registry.add("gigachat.credentials", () -> KEY);
        registry.add("gigachat.scope", () -> "GIGACHAT_API_B2B");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    @Order(1)
    void twentyConcurrentFirstRequestsShareOneOAuthCall() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> AuthTestSupport.chat(port));
            }
            for (Future<HttpResponse<String>> result : pool.invokeAll(calls)) {
                assertThat(result.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(EMULATOR.oauthCalls()).isEqualTo(1);
        assertThat(EMULATOR.chatCalls()).isEqualTo(20);
    }

    @Test
    @Order(2)
    void theOAuthCallCarriesTheKeyAFreshRqUidAndTheScope() {
        RecordedRequest oauth = EMULATOR.lastRequest("/oauth");

        assertThat(oauth.method()).isEqualTo("POST");
        assertThat(oauth.header("Authorization")).isEqualTo("Basic " + KEY);
        assertThat(oauth.header("RqUID")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(oauth.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(oauth.bodyAsString()).isEqualTo("scope=GIGACHAT_API_B2B");
    }

    @Test
    @Order(3)
    void anExpiredTokenIsRenewedAndTheCallRetriedOnce() throws Exception {
        int oauthBefore = EMULATOR.oauthCalls();
        EMULATOR.clearRequests();
        EMULATOR.faults().expireAllTokens();

        HttpResponse<String> response = AuthTestSupport.chat(port);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EMULATOR.oauthCalls()).isEqualTo(oauthBefore + 1);
        List<RecordedRequest> chats = EMULATOR.requests("/chat/completions");
        assertThat(chats).hasSize(2);
        assertThat(chats.get(1).header("Authorization")).isNotEqualTo(chats.get(0).header("Authorization"));
    }
}
