package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The SSLContext built from gpt2giga's TLS settings, tried against the emulator serving TLS and mTLS. */
class UpstreamTlsTest {

    static final TestCertificates PKI = TestCertificates.create();
    static final GigaChatEmulator MTLS = GigaChatEmulator.builder().tls(PKI.serverContext(), true).requireBearer(false)
            .build().start();

    @AfterAll
    static void stop() {
        MTLS.close();
    }

    private static GigaChatProperties props(boolean verify, String ca, String cert, String key) {
        return new GigaChatProperties(null, "GIGACHAT_API_PERS", null, null, null, MTLS.baseUrl(), MTLS.authUrl(),
                "GigaChat", null, verify, ca, cert, key, null, null, cert != null, "v1");
    }

    private static int getModels(SSLContext context) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).build();
        return client.send(HttpRequest.newBuilder(URI.create(MTLS.baseUrl() + "/models")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theCaBundleAndClientCertificateOpenAnMtlsConnection() throws Exception {
        SSLContext context = UpstreamTls.sslContext(props(true, PKI.caPem.toString(), PKI.clientCertPem.toString(),
                PKI.clientKeyPem.toString()));

        assertThat(getModels(context)).isEqualTo(200);
    }

    @Test
    void withoutTheClientCertificateTheServerRefuses() {
        SSLContext context = UpstreamTls.sslContext(props(true, PKI.caPem.toString(), null, null));

        assertThatThrownBy(() -> getModels(context)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void withoutTheCaTheServerCertificateIsNotTrusted() {
        SSLContext context = UpstreamTls.sslContext(props(true, null, null, null));

        assertThatThrownBy(() -> getModels(context)).isInstanceOf(javax.net.ssl.SSLException.class);
    }
}
