package io.gigagate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void plainAndHashedKeysMatchByName() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("a", "alpha");
        config.put("b", "sha256:" + HexFormat.of().formatHex(ApiKeys.sha256("bravo")).toUpperCase());
        config.put("empty", " ");
        ApiKeys keys = ApiKeys.of(config);

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.match("alpha")).hasValue("a");
        assertThat(keys.match("bravo")).hasValue("b");
        assertThat(keys.match("charlie")).isEmpty();
        assertThat(keys.match("")).isEmpty();
        assertThat(keys.match(null)).isEmpty();
        assertThat(keys.toString()).doesNotContain("alpha");
    }

    @Test
    void aMalformedDigestIsAConfigurationError() {
        assertThatThrownBy(() -> ApiKeys.of(Map.of("x", "sha256:xyz"))).hasMessageContaining("64 hex digits");
    }
}
