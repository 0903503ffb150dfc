package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GigaChatApiModesTest {

    @Test
    void oneModeForAllWithPerModelExceptions() {
        GigaChatApiModes modes = GigaChatApiModes.parse("V2", " GigaChat-2 = v1 , GigaChat-3-Ultra=v2,");

        assertThat(modes.isV2("GigaChat-2-Max")).isTrue();
        assertThat(modes.isV2("GigaChat-2")).isFalse();
        assertThat(modes.of(null)).isEqualTo(GigaChatApiModes.Mode.V2);
        assertThat(modes.anyV2()).isTrue();
    }

    @Test
    void blankMeansV1AndOnlyAPerModelV2BuildsTheV2Routes() {
        assertThat(GigaChatApiModes.parse("", null)).isEqualTo(GigaChatApiModes.V1_ONLY);
        assertThat(GigaChatApiModes.parse(null, "GigaChat-2=v1").anyV2()).isFalse();
        GigaChatApiModes one = GigaChatApiModes.parse("v1", "GigaChat-3-Ultra=v2");
        assertThat(one.anyV2()).isTrue();
        assertThat(one.isV2("GigaChat-3-Ultra")).isTrue();
        assertThat(one.isV2("GigaChat-2-Max")).isFalse();
    }

    @Test
    void badSettingsStopStartUpNamingThem() {
        assertThatThrownBy(() -> GigaChatApiModes.parse("v3", null)).hasMessageContaining("v3");
        assertThatThrownBy(() -> GigaChatApiModes.parse("v1", "GigaChat-2")).hasMessageContaining("GigaChat-2");
        assertThatThrownBy(() -> GigaChatApiModes.parse("v1", "GigaChat-2=v9")).hasMessageContaining("GigaChat-2=v9");
        assertThatThrownBy(() -> GigaChatApiModes.v2BaseUrl("https://proxy.example/gigachat"))
                .hasMessageContaining("/v1");
    }
}
