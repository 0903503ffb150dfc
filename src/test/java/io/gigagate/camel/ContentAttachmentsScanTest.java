package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cheap scan that lets text-only chats skip the content-part step. */
class ContentAttachmentsScanTest {

    private static boolean scan(String body) {
        return ContentAttachmentsProcessor.mayHaveParts(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textOnlyBodiesAreSkipped() {
        assertThat(scan("{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"Привет, file и image\"}]}"))
                .isFalse();
        assertThat(scan("")).isFalse();
        assertThat(scan("imag")).isFalse();
    }

    @Test
    void everyPartKindIsFoundWhereverItSits() {
        assertThat(scan("{\"type\":\"image_url\"}")).isTrue();
        assertThat(scan("x\"input_audio")).isTrue();
        assertThat(scan("\"file\"")).isTrue();                 // the whole body
        assertThat(scan("[{\"type\": \"file\", \"file\": {}}]")).isTrue();
        assertThat(scan("{\"content\":\"file\"}")).isTrue(); // a false positive only costs the full parse
    }
}
