package io.gigagate.config;

import io.gigagate.gigachat.StructuredOutputMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GIGAGATE_STRUCTURED_OUTPUT_MODE and gpt2giga's GPT2GIGA_STRUCTURED_OUTPUT_MODE, with both spellings. */
class StructuredOutputModeTest {

    private static StructuredOutputMode chosen(String gigagate, String gpt2giga) {
        return GatewayConfiguration.structuredOutputMode(gigagate, gpt2giga);
    }

    @Test
    void defaultIsAForcedFunction() {
        assertThat(chosen(null, null)).isEqualTo(StructuredOutputMode.FUNCTION);
    }

    @Test
    void gpt2gigaSpellingsAreAccepted() {
        assertThat(chosen(null, "function_call")).isEqualTo(StructuredOutputMode.FUNCTION);
        assertThat(chosen(null, "native")).isEqualTo(StructuredOutputMode.NATIVE);
        assertThat(chosen("function", null)).isEqualTo(StructuredOutputMode.FUNCTION);
    }

    @Test
    void gigagateSettingWinsOverGpt2Giga() {
        assertThat(chosen("native", "function_call")).isEqualTo(StructuredOutputMode.NATIVE);
        assertThat(chosen("FUNCTION-CALL", "native")).isEqualTo(StructuredOutputMode.FUNCTION);
    }

    @Test
    void anUnknownModeFailsAtStartup() {
        assertThatThrownBy(() -> chosen("json", null)).hasMessageContaining("'native', 'function'");
    }
}
