package io.gigagate.auth;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GIGACHAT_ACCESS_TOKEN: used as it is, never renewed, so a 401 is final (no retry). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessTokenAuthTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("ready-made-token").build().start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AuthTestSupport.noCredentials(registry);
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.access-token", () -> "ready-made-token");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    void theReadyTokenIsSentAsBearer() throws Exception {
        assertThat(AuthTestSupport.chat(port).statusCode()).isEqualTo(200);

        assertThat(EMULATOR.lastRequest("/chat/completions").header("Authorization")).isEqualTo("Bearer ready-made-token");
        assertThat(EMULATOR.oauthCalls()).isZero();
    }

    @Test
    void aRejectedReadyTokenIsNotRetried() throws Exception {
        EMULATOR.clearRequests();
        EMULATOR.faults().failNext("/chat/completions", 401);

        assertOpenAiError(AuthTestSupport.chat(port), 401, "authentication_error");
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(1);
    }
}
