package io.gigagate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GIGACHAT_VERIFY_SSL_CERTS=false: a server certificate from an unknown CA is accepted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VerificationOffTest {

    static final TestCertificates PKI = TestCertificates.create();
    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder()
            .tls(PKI.serverContext(), false)
            .staticToken("tls-token")
            .build()
            .start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AuthTestSupport.noCredentials(registry);
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.access-token", () -> "tls-token");
        registry.add("gigachat.verify-ssl-certs", () -> "false");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    void anUntrustedServerCertificateIsAcceptedWhenVerificationIsOff() throws Exception {
        assertThat(AuthTestSupport.chat(port).statusCode()).isEqualTo(200);
        assertThat(EMULATOR.lastRequest("/chat/completions").header("Authorization")).isEqualTo("Bearer tls-token");
    }
}
