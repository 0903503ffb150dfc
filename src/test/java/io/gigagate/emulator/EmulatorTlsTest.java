package io.gigagate.emulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS and mTLS with a self-signed certificate made by the JDK's keytool. */
class EmulatorTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static KeyStore keyStore;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path ks = dir.resolve("emu.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "emu", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keyStore.load(in, PASSWORD);
        }
    }

    /** Key material and trust both from the one self-signed entry (used by server and client). */
    private static SSLContext context(boolean withKey) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (withKey) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD);
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        } else {
            ctx.init(null, tmf.getTrustManagers(), null);
        }
        return ctx;
    }

    private static HttpResponse<String> get(SSLContext client, String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsWithBearer() throws Exception {
        try (GigaChatEmulator emu = GigaChatEmulator.builder().tls(context(true), false).staticToken("t").build().start()) {
            assertThat(emu.baseUrl()).startsWith("https://127.0.0.1:");
            assertThat(emu.authUrl()).startsWith("https://");
            HttpClient http = HttpClient.newBuilder().sslContext(context(false)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/models"))
                    .header("Authorization", "Bearer t").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"GigaChat\"");
        }
    }

    @Test
    void mutualTlsWithoutToken() throws Exception {
        try (GigaChatEmulator emu = GigaChatEmulator.builder().tls(context(true), true).requireBearer(false)
                .build().start()) {
            assertThat(get(context(true), emu.baseUrl() + "/models").statusCode()).isEqualTo(200);
            // no client certificate: the handshake fails
            assertThatThrownBy(() -> get(context(false), emu.baseUrl() + "/models")).isInstanceOf(IOException.class);
        }
    }
}
