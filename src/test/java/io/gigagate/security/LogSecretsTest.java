package io.gigagate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What {@link LogSecrets#mask} masks: secret shapes, and the live values registered, in their encodings. */
class LogSecretsTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authorizationHeadersAreMaskedInEveryFormLoggersPrintThem() {
        assertThat(LogSecrets.mask("http-outgoing-0 >> \"Authorization: Basic dXNlcjpwYXNzd29yZA==[\\r][\\n]\""))
                .isEqualTo("http-outgoing-0 >> \"Authorization: Basic ***[\\r][\\n]\"");
        assertThat(LogSecrets.mask("http-outgoing-0 >> Authorization: Bearer eyJhbGciOi.J9.abc"))
                .isEqualTo("http-outgoing-0 >> Authorization: Bearer ***");
        assertThat(LogSecrets.mask("headers={Authorization=Bearer abc.def-ghi, RqUID=42}"))
                .isEqualTo("headers={Authorization=Bearer ***, RqUID=42}");
        assertThat(LogSecrets.mask("[authorization:\"Bearer tok-123456\", accept:\"*/*\"]"))
                .isEqualTo("[authorization:\"Bearer ***\", accept:\"*/*\"]");
        assertThat(LogSecrets.mask("{\"Proxy-Authorization\":\"Basic Zm9vOmJhcg==\"}"))
                .isEqualTo("{\"Proxy-Authorization\":\"Basic ***\"}");
        assertThat(LogSecrets.mask("{x-api-key=[k1-abc], Authorization=[Bearer t0k]}"))
                .isEqualTo("{x-api-key=[***], Authorization=[Bearer ***]}");
        assertThat(LogSecrets.mask("=== MimeHeaders ===\nauthorization = Basic Zm9vOmJhcg==\n"))
                .isEqualTo("=== MimeHeaders ===\nauthorization = Basic ***\n");
        assertThat(LogSecrets.mask("x-api-key: k1\r\nX-Goog-Api-Key=abc")).isEqualTo("x-api-key: ***\r\nX-Goog-Api-Key=***");
        assertThat(LogSecrets.mask("GET /v1beta/models?key=AIzaSecret123&alt=sse HTTP/1.1"))
                .isEqualTo("GET /v1beta/models?key=***&alt=sse HTTP/1.1");
    }

    @Test
    void tokenFieldsAndPassTokensAreMasked() {
        assertThat(LogSecrets.mask("<< \"{\"access_token\":\"eyJ0eXAi.secret\",\"expires_at\":1700000000000}\""))
                .isEqualTo("<< \"{\"access_token\":\"***\",\"expires_at\":1700000000000}\"");
        assertThat(LogSecrets.mask("{\"tok\": \"abc-123-xyz\", \"exp\": 1}")).isEqualTo("{\"tok\": \"***\", \"exp\": 1}");
        assertThat(LogSecrets.mask("{\"refresh_token\":\"r-1\",\"password\":\"p\"}"))
                .isEqualTo("{\"refresh_token\":\"***\",\"password\":\"***\"}");
        assertThat(LogSecrets.mask("pass token giga-user-alice:hunter2 seen")).isEqualTo("pass token giga-user-*** seen");
        assertThat(LogSecrets.mask("giga-cred-Zm9vOmJhcg==:GIGACHAT_API_PERS")).isEqualTo("giga-cred-***");
        assertThat(LogSecrets.mask("Bearer giga-auth-abcdef")).isEqualTo("Bearer ***");
    }

    @Test
    void ordinaryTextIsLeftAloneAndTheSameInstanceReturned() {
        String line = "Completed 200 OK in 12 ms; usage prompt_tokens=10 completion_tokens=5 total_tokens=15";
        assertThat(LogSecrets.mask(line)).isSameAs(line);
        String json = "{\"usage\":{\"prompt_tokens\":10,\"total_tokens\":15},\"model\":\"GigaChat\"}";
        assertThat(LogSecrets.mask(json)).isSameAs(json);
        assertThat(LogSecrets.mask(null)).isNull();
        assertThat(LogSecrets.mask("")).isEmpty();
    }

    @Test
    void registeredValuesAreMaskedAnywhereRawAndEncoded() {
        String secret = "unit-test-secret-" + System.nanoTime();
        LogSecrets.register(secret);

        assertThat(LogSecrets.mask("value " + secret + " in text")).isEqualTo("value *** in text");
        assertThat(LogSecrets.mask("b64:" + base64(secret) + ";")).isEqualTo("b64:***;");
        assertThat(LogSecrets.mask(secret + secret)).isEqualTo("******");
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(LogSecrets.mask("[" + urlSafe + "]")).isEqualTo("[***]");
    }

    @Test
    void userPasswordIsMaskedRawAndAsTheBasicPair() {
        String password = "pw-" + System.nanoTime();
        LogSecrets.registerUserPassword("zoe", password, Long.MAX_VALUE);

        assertThat(LogSecrets.mask("password is " + password)).isEqualTo("password is ***");
        assertThat(LogSecrets.mask("sent " + base64("zoe:" + password) + " as Basic")).isEqualTo("sent *** as Basic");
    }

    @Test
    void anAuthorizationKeyIsMaskedWithItsDecodedSecret() {
        String clientSecret = "client-secret-" + System.nanoTime();
        String key = base64("client-id-1:" + clientSecret);
        LogSecrets.registerAuthorizationKey(key, Long.MAX_VALUE);

        assertThat(LogSecrets.mask("key=" + key)).isEqualTo("key=***");
        assertThat(LogSecrets.mask("secret " + clientSecret)).isEqualTo("secret ***");
    }

    @Test
    void expiredTokensAreDroppedAndShortValuesNotRegistered() {
        String old = "expired-token-" + System.nanoTime();
        LogSecrets.registerUntil(old, System.currentTimeMillis() - 1);
        LogSecrets.register("another-" + System.nanoTime()); // a rebuild drops the expired one
        assertThat(LogSecrets.mask("t=" + old)).isEqualTo("t=" + old);

        LogSecrets.register("short");
        assertThat(LogSecrets.mask("a short word")).isEqualTo("a short word");
    }

    @Test
    void theIndexFindsValuesThatShareTheirFirstCharacters() {
        SecretIndex index = new SecretIndex(java.util.List.of("abcdefgh-1", "abcdefgh-22", "zzzzzzzz"), 8);
        assertThat(index.mask("x abcdefgh-22 y abcdefgh-1 z abcdefgh-3", "#")).isEqualTo("x # y # z abcdefgh-3");
        assertThat(index.mask("zzzzzzzzz", "#")).isEqualTo("#z");
        assertThat(index.mask("short", "#")).isEqualTo("short");
    }
}
