package io.gigagate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.error.GatewayException;
import org.junit.jupiter.api.Test;

/** The total of a request's images and audio (gpt2giga's MAX_AUDIO_IMAGE_TOTAL_SIZE_BYTES): off unless set. */
class FileLimitsTest {

    @Test
    void theTotalIsCheckedOnlyWhenSet() {
        FileLimits withoutTotal = new FileLimits(1000, 2000, 3000, 10);
        FileLimits withTotal = new FileLimits(1000, 2000, 3000, 10, 2500);

        assertThatCode(() -> withoutTotal.checkAudioImageTotal(Long.MAX_VALUE, "messages[0].content[0]"))
                .doesNotThrowAnyException();
        assertThatCode(() -> withTotal.checkAudioImageTotal(2500, "messages[0].content[1]")).doesNotThrowAnyException();
        assertThatThrownBy(() -> withTotal.checkAudioImageTotal(2501, "messages[0].content[1]"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("attachments_too_large");
                    assertThat(e.param()).isEqualTo("messages[0].content[1]");
                });
    }
}
