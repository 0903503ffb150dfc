package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.security.ApiKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityConfigurationTest {

    private static final ApiKeys NONE = ApiKeys.of(Map.of());
    private static final ApiKeys ONE = ApiKeys.of(Map.of("a", "k"));

    @Test
    void onLoopbackKeysAreOptional() {
        assertThat(SecurityConfiguration.enforceKeys("auto", "localhost", NONE)).isFalse();
        assertThat(SecurityConfiguration.enforceKeys("auto", "127.0.0.1", ONE)).isTrue();
    }

    @Test
    void offLoopbackTheGatewayRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> SecurityConfiguration.enforceKeys("auto", "0.0.0.0", NONE))
                .hasMessageContaining("Refusing to start").hasMessageContaining("GPT2GIGA_API_KEY");
        assertThat(SecurityConfiguration.enforceKeys("auto", "0.0.0.0", ONE)).isTrue();
    }

    @Test
    void explicitSettingsWin() {
        assertThat(SecurityConfiguration.enforceKeys("false", "0.0.0.0", NONE)).isFalse();
        assertThat(SecurityConfiguration.enforceKeys("false", "0.0.0.0", ONE)).isFalse();
        assertThatThrownBy(() -> SecurityConfiguration.enforceKeys("true", "localhost", NONE))
                .hasMessageContaining("Refusing to start");
        assertThatThrownBy(() -> SecurityConfiguration.enforceKeys("maybe", "localhost", NONE))
                .hasMessageContaining("auto, true or false");
    }
}
