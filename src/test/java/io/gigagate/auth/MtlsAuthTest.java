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

/**
 * mTLS: the emulator serves TLS with a certificate from a test CA and demands a client certificate;
 * the gateway trusts that CA through GIGACHAT_CA_BUNDLE_FILE and presents its PEM certificate and
 * key. No Authorization header is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MtlsAuthTest {

    static final TestCertificates PKI = TestCertificates.create();
    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder()
            .tls(PKI.serverContext(), true)
            .requireBearer(false)
            .build()
            .start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AuthTestSupport.noCredentials(registry);
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.ca-bundle-file", PKI.caPem::toString);
        registry.add("gigachat.cert-file", PKI.clientCertPem::toString);
        registry.add("gigachat.key-file", PKI.clientKeyPem::toString);
        registry.add("gigachat.mtls-auth", () -> "true");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
    }

    @Test
    void theClientCertificateAuthenticatesWithoutAnAuthorizationHeader() throws Exception {
        assertThat(EMULATOR.baseUrl()).startsWith("https://");

        assertThat(AuthTestSupport.chat(port).statusCode()).isEqualTo(200);

        assertThat(EMULATOR.lastRequest("/chat/completions").header("Authorization")).isNull();
        assertThat(EMULATOR.oauthCalls()).isZero();
    }
}
