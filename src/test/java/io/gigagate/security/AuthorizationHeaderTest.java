package io.gigagate.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationHeaderTest {

    @Test
    void bearerTokenIsReadWithTheSchemeInAnyCaseAndStripped() {
        assertThat(AuthorizationHeader.bearer("Bearer abc")).isEqualTo("abc");
        assertThat(AuthorizationHeader.bearer("bearer  abc  ")).isEqualTo("abc");
        assertThat(AuthorizationHeader.bearer("BEARER giga-cred-k:s")).isEqualTo("giga-cred-k:s");
    }

    @Test
    void noBearerTokenIsNull() {
        assertThat(AuthorizationHeader.bearer(null)).isNull();
        assertThat(AuthorizationHeader.bearer("Basic dXNlcjpwYXNz")).isNull();
        assertThat(AuthorizationHeader.bearer("Bearer")).isNull();
        assertThat(AuthorizationHeader.bearer("Bearer    ")).isNull();
        assertThat(AuthorizationHeader.bearer("Bearerabc")).isNull();
    }
}
