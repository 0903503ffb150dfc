package io.gigagate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.camel.GatewayBeans;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When requests must carry a gateway key, as both runtimes decide it (GatewayBeans.accessPolicy). */
class AccessPolicyEnforceTest {

    private static final ApiKeys NONE = ApiKeys.of(Map.of());
    private static final ApiKeys ONE = ApiKeys.of(Map.of("a", "k"));

    private static boolean enforceKeys(String mode, String listenAddress, ApiKeys keys) {
        return GatewayBeans.accessPolicy(keys, mode, listenAddress, 0, 0, null).enforcesKeys();
    }

    @Test
    void onLoopbackKeysAreOptional() {
        assertThat(enforceKeys("auto", "localhost", NONE)).isFalse();
        assertThat(enforceKeys("auto", "127.0.0.1", ONE)).isTrue();
    }

    @Test
    void offLoopbackTheGatewayRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> enforceKeys("auto", "0.0.0.0", NONE))
                .hasMessageContaining("Refusing to start").hasMessageContaining("GPT2GIGA_API_KEY");
        assertThat(enforceKeys("auto", "0.0.0.0", ONE)).isTrue();
    }

    @Test
    void explicitSettingsWin() {
        assertThat(enforceKeys("false", "0.0.0.0", NONE)).isFalse();
        assertThat(enforceKeys("false", "0.0.0.0", ONE)).isFalse();
        assertThatThrownBy(() -> enforceKeys("true", "localhost", NONE))
                .hasMessageContaining("Refusing to start");
        assertThatThrownBy(() -> enforceKeys("maybe", "localhost", NONE))
                .hasMessageContaining("auto, true or false");
    }
}
