package io.gigagate.gigachat.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenResponsesTest {

    @Test
    void oauthAnswerGivesTokenAndMillisecondExpiry() {
        AccessToken token = TokenResponses.parse(
                "{\"access_token\":\"abc\",\"expires_at\":1739784663483}".getBytes(StandardCharsets.UTF_8));

        assertThat(token.value()).isEqualTo("abc");
        assertThat(token.expiresAtMillis()).isEqualTo(1739784663483L);
    }

    @Test
    void userPasswordAnswerUsesTokAndExp() {
        AccessToken token = TokenResponses.parse("{\"tok\":\"xyz\",\"exp\":1739784663483}".getBytes(StandardCharsets.UTF_8));

        assertThat(token.value()).isEqualTo("xyz");
        assertThat(token.expiresAtMillis()).isEqualTo(1739784663483L);
    }

    @Test
    void anExpiryInSecondsIsReadAsSeconds() {
        AccessToken token = TokenResponses.parse("{\"tok\":\"xyz\",\"exp\":1679471442}".getBytes(StandardCharsets.UTF_8));

        assertThat(token.expiresAtMillis()).isEqualTo(1679471442000L);
    }

    @Test
    void anAnswerWithoutTokenIsRefused() {
        assertThatThrownBy(() -> TokenResponses.parse("{\"expires_at\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenResponses.parse("<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
