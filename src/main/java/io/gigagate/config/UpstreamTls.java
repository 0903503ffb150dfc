package io.gigagate.config;

import io.gigagate.security.LogSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * TLS towards GigaChat, from gpt2giga's settings: the JVM's trust store by default, a PEM CA bundle
 * (GIGACHAT_CA_BUNDLE_FILE, e.g. the Russian Trusted Root CA) instead when given, a PEM client
 * certificate and key for mTLS (GIGACHAT_CERT_FILE, GIGACHAT_KEY_FILE, GIGACHAT_KEY_FILE_PASSWORD),
 * or no verification at all (GIGACHAT_VERIFY_SSL_CERTS=false; never in production). PEM parsing is
 * Spring Boot's.
 */
final class UpstreamTls {

    private UpstreamTls() {
    }

    static TlsSocketStrategy strategy(GigaChatProperties props) {
        SSLContext context = sslContext(props);
        if (!props.verifySslCerts()) {
            return new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
        }
        return new DefaultClientTlsStrategy(context);
    }

    static SSLContext sslContext(GigaChatProperties props) {
        boolean clientCert = props.hasClientCertificate();
        boolean customCa = props.verifySslCerts() && GigaChatProperties.notBlank(props.caBundleFile());
        try {
            if (!props.verifySslCerts()) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(clientCert ? bundle(props, false).getManagers().getKeyManagers() : null,
                        new TrustManager[] {new TrustEverything()}, new SecureRandom());
                return context;
            }
            if (!clientCert && !customCa) {
                return SSLContext.getDefault();
            }
            return bundle(props, customCa).createSslContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not set up TLS towards GigaChat: " + e.getMessage(), e);
        }
    }

    private static SslBundle bundle(GigaChatProperties props, boolean customCa) {
        PemSslStoreDetails keyStore = null;
        if (props.hasClientCertificate()) {
            LogSecrets.register(blankToNull(props.keyFilePassword()));
            keyStore = PemSslStoreDetails.forCertificate(read(props.certFile(), "GIGACHAT_CERT_FILE"))
                    .withPrivateKey(read(props.keyFile(), "GIGACHAT_KEY_FILE"))
                    .withPrivateKeyPassword(blankToNull(props.keyFilePassword()));
        }
        PemSslStoreDetails trustStore = customCa
                ? PemSslStoreDetails.forCertificates(read(props.caBundleFile(), "GIGACHAT_CA_BUNDLE_FILE"))
                : null;
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore));
    }

    private static String read(String file, String setting) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(setting + " could not be read: " + file, e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** GIGACHAT_VERIFY_SSL_CERTS=false: accept any server certificate, as gpt2giga does with that setting. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
