package io.gigagate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokens are renewed 60 s before they expire: with tokens that live only 45 s, every call is inside
 * the margin and fetches a new one, so no call ever goes out with a token about to die.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OAuthRefreshMarginTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().tokenTtl(Duration.ofSeconds(45)).build().start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AuthTestSupport.noCredentials(registry);
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
        registry.add("gigachat.credentials", () -> "c2hvcnQ6bGl2ZWQ=");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    void aTokenInsideTheRefreshMarginIsRenewedBeforeUse() throws Exception {
        assertThat(AuthTestSupport.chat(port).statusCode()).isEqualTo(200);
        assertThat(AuthTestSupport.chat(port).statusCode()).isEqualTo(200);

        assertThat(EMULATOR.oauthCalls()).isEqualTo(2);
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(2);
    }
}
