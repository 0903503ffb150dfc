package io.gigagate.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests: a CA, a server certificate for 127.0.0.1/localhost signed by it,
 * and a client certificate for mTLS, as PEM files (what GIGACHAT_CA_BUNDLE_FILE, GIGACHAT_CERT_FILE and
 * GIGACHAT_KEY_FILE point at) and as SSLContexts for the emulator.
 */
public final class TestCertificates {

    public final Path dir;
    public final Path caPem;
    public final Path clientCertPem;
    public final Path clientKeyPem;
    /** The server certificate (127.0.0.1/localhost) and its key, as PEM, e.g. for the gateway's own TLS listener. */
    public final Path serverCertPem;
    public final Path serverKeyPem;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final KeyPair serverKeys;
    private final X509Certificate serverCert;

    private TestCertificates(Path dir) throws Exception {
        this.dir = dir;
        caKeys = keyPair();
        caCert = sign("CN=GigaGate Test CA", caKeys, "CN=GigaGate Test CA", caKeys, true, false);
        serverKeys = keyPair();
        serverCert = sign("CN=localhost", serverKeys, "CN=GigaGate Test CA", caKeys, false, true);
        KeyPair clientKeys = keyPair();
        X509Certificate clientCert = sign("CN=gigagate-client", clientKeys, "CN=GigaGate Test CA", caKeys, false, false);
        caPem = write("ca.pem", caCert);
        clientCertPem = write("client.pem", clientCert);
        clientKeyPem = write("client-key.pem", clientKeys.getPrivate());
        serverCertPem = write("server.pem", serverCert);
        serverKeyPem = write("server-key.pem", serverKeys.getPrivate());
    }

    public static TestCertificates create() {
        try {
            return new TestCertificates(Files.createTempDirectory("gigagate-tls"));
        } catch (Exception e) {
            throw new IllegalStateException("could not create test certificates", e);
        }
    }

    /** The emulator's server side: its certificate, and (for mTLS) trust in client certificates from the CA. */
    public SSLContext serverContext() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", serverKeys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {serverCert, caCert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's side: trusts certificates from the CA only (no client certificate). */
    public SSLContext trustingContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            boolean ca, boolean server) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(new SecureRandom().nextInt(Integer.MAX_VALUE)), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private Path write(String name, Object pemObject) {
        if (pemObject instanceof java.security.PrivateKey key) {
            // PKCS#8, the form openssl writes by default
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            try {
                return Files.writeString(dir.resolve(name), pem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pemObject);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.writeString(dir.resolve(name), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
