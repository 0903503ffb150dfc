package io.gigagate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gigagate.error.GatewayException;
import org.junit.jupiter.api.Test;

class PassTokenTest {

    @Test
    void theThreeGpt2gigaFormsAreRead() {
        assertThat(PassToken.parse("giga-cred-QUJD:GIGACHAT_API_B2B"))
                .isEqualTo(new PassToken(PassToken.Kind.CREDENTIALS, "QUJD", "GIGACHAT_API_B2B"));
        assertThat(PassToken.parse("giga-cred-QUJD")).isEqualTo(new PassToken(PassToken.Kind.CREDENTIALS, "QUJD", null));
        assertThat(PassToken.parse("giga-auth-tok.en")).isEqualTo(new PassToken(PassToken.Kind.ACCESS_TOKEN, "tok.en", null));
        assertThat(PassToken.parse("giga-user-alice:pa:ss"))
                .isEqualTo(new PassToken(PassToken.Kind.USER_PASSWORD, "pa:ss", "alice"));
        assertThat(PassToken.parse(null)).isNull();
    }

    @Test
    void anythingElseIsA401NamingTheForms() {
        GatewayException error = catchThrowableOfType(GatewayException.class, () -> PassToken.parse("sk-openai-key"));

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.code()).isEqualTo("invalid_pass_token");
        assertThat(error.getMessage()).contains("giga-cred-").doesNotContain("sk-openai-key");
        assertThat(catchThrowableOfType(GatewayException.class, () -> PassToken.parse("giga-user-nopassword"))).isNotNull();
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(PassToken.parse("giga-auth-very-secret").toString()).doesNotContain("very-secret");
    }
}
