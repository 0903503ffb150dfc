package io.gigagate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GIGACHAT_USER + GIGACHAT_PASSWORD: a token from {base}/token, then Bearer calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserPasswordAuthTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().userPassword("alice", "s3cret:pw").build().start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AuthTestSupport.noCredentials(registry);
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.user", () -> "alice");
        registry.add("gigachat.password", () -> "s3cret:pw");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    void theGatewayLogsInWithUserAndPasswordAndUsesTheToken() throws Exception {
        assertThat(AuthTestSupport.chat(port).statusCode()).isEqualTo(200);
        assertThat(AuthTestSupport.chat(port).statusCode()).isEqualTo(200);

        assertThat(EMULATOR.tokenCalls()).isEqualTo(1);
        assertThat(EMULATOR.oauthCalls()).isZero();
        String basic = Base64.getEncoder().encodeToString("alice:s3cret:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(EMULATOR.lastRequest("/token").header("Authorization")).isEqualTo("Basic " + basic);
        assertThat(EMULATOR.lastRequest("/chat/completions").header("Authorization")).startsWith("Bearer ");
    }
}
