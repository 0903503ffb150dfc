package io.gigagate.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * GigaChat connection settings, under gpt2giga's names: {@code GIGACHAT_CREDENTIALS} binds to
 * {@code gigachat.credentials}, {@code GIGACHAT_BASE_URL} to {@code gigachat.base-url}, and so on.
 * {@link #toString()} never prints a secret.
 *
 * @param timeout upstream read timeout in seconds (fractions allowed), as gpt2giga's GIGACHAT_TIMEOUT
 * @param mtlsAuth authenticate with the client certificate only (the seed's --mtls-auth); also implied
 *     when a certificate is configured and no other credential is
 * @param apiMode GigaChat's chat contract, {@code v1} (default) or {@code v2} (GIGACHAT_API_MODE, gpt2giga's
 *     GPT2GIGA_GIGACHAT_API_MODE); GIGAGATE_API_MODES makes per-model exceptions
 */
@ConfigurationProperties("gigachat")
public record GigaChatProperties(
        String credentials,
        @DefaultValue("GIGACHAT_API_PERS") String scope,
        String user,
        String password,
        String accessToken,
        @DefaultValue("https://gigachat.devices.sberbank.ru/api/v1") String baseUrl,
        @DefaultValue("https://ngw.devices.sberbank.ru:9443/api/v2/oauth") String authUrl,
        @DefaultValue("GigaChat") String model,
        Double timeout,
        @DefaultValue("true") boolean verifySslCerts,
        String caBundleFile,
        String certFile,
        String keyFile,
        String keyFilePassword,
        Boolean profanityCheck,
        boolean mtlsAuth,
        @DefaultValue("v1") String apiMode) {

    public boolean hasClientCertificate() {
        return notBlank(certFile) && notBlank(keyFile);
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "GigaChatProperties[baseUrl=" + baseUrl + ", authUrl=" + authUrl + ", scope=" + scope
                + ", model=" + model + ", credentials=" + mask(credentials) + ", user=" + user
                + ", password=" + mask(password) + ", accessToken=" + mask(accessToken)
                + ", verifySslCerts=" + verifySslCerts + ", caBundleFile=" + caBundleFile
                + ", certFile=" + certFile + ", keyFile=" + keyFile + ", keyFilePassword="
                + mask(keyFilePassword) + ", timeout=" + timeout + ", mtlsAuth=" + mtlsAuth + "]";
    }

    private static String mask(String secret) {
        return notBlank(secret) ? "***" : "<unset>";
    }
}
