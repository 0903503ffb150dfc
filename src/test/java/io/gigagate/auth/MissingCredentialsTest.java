package io.gigagate.auth;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.GigaChatEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** No credentials at all: the gateway starts, and each request gets a clear error naming the settings. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MissingCredentialsTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().build().start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AuthTestSupport.noCredentials(registry);
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.auth-url", EMULATOR::authUrl);
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    void eachRequestGetsAClearAuthenticationError() throws Exception {
        JsonNode error = assertOpenAiError(AuthTestSupport.chat(port), 401, "authentication_error");

        assertThat(error.get("code").asText()).isEqualTo("gigachat_credentials_missing");
        assertThat(error.get("message").asText()).contains("GIGACHAT_CREDENTIALS");
        assertThat(EMULATOR.requests()).isEmpty();
    }
}
