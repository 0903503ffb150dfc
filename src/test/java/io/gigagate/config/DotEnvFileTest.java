package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvFileTest {

    @Test
    void readsTheFormsPeopleWrite() {
        Map<String, Object> values = DotEnvFile.parse("""
                # GigaChat
                GIGACHAT_CREDENTIALS=abc==
                export GIGACHAT_SCOPE=GIGACHAT_API_B2B
                GPT2GIGA_PORT = 8091
                GIGACHAT_MODEL="GigaChat-2-Max"
                GIGACHAT_PASSWORD='p#ss word'
                GPT2GIGA_LOG_LEVEL=DEBUG # noisy
                QUOTED_ESCAPES="a\\"b\\nc"

                not a setting
                """);

        assertThat(values).containsEntry("GIGACHAT_CREDENTIALS", "abc==")
                .containsEntry("GIGACHAT_SCOPE", "GIGACHAT_API_B2B")
                .containsEntry("GPT2GIGA_PORT", "8091")
                .containsEntry("GIGACHAT_MODEL", "GigaChat-2-Max")
                .containsEntry("GIGACHAT_PASSWORD", "p#ss word")
                .containsEntry("GPT2GIGA_LOG_LEVEL", "DEBUG")
                .containsEntry("QUOTED_ESCAPES", "a\"b\nc")
                .hasSize(7);
    }
}
