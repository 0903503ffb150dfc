package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.openai.ChatRequestParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cheap look that lets text-only chats skip the content-part step. */
class ContentAttachmentsScanTest {

    private static boolean scan(String messages) {
        String body = "{\"model\":\"GigaChat\",\"messages\":" + messages + "}";
        return ContentAttachmentsProcessor.hasAttachedParts(ChatRequestParser.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void textOnlyRequestsAreSkipped() {
        assertThat(scan("[{\"role\":\"user\",\"content\":\"Привет, file и image\"}]")).isFalse();
        assertThat(scan("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"image_url\"}]}]")).isFalse();
        assertThat(scan("[{\"role\":\"system\",\"content\":\"file\"},{\"role\":\"user\",\"content\":\"hi\"}]")).isFalse();
    }

    @Test
    void everyPartKindIsFoundWhereverItSits() {
        assertThat(scan("[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]")).isTrue();
        assertThat(scan("[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"t\"},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AA==\",\"format\":\"mp3\"}}]}]")).isTrue();
        assertThat(scan("[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"f1\"}}]}]")).isTrue();
    }
}
