package io.gigagate.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UploadCacheTest {

    private final UploadCache cache = new InMemoryUploadCache(100, Duration.ofHours(1));
    private final AtomicInteger uploads = new AtomicInteger();

    private String upload() {
        return "file-" + uploads.incrementAndGet();
    }

    @Test
    void theSameContentIsUploadedOncePerCredential() {
        PartBytes image = new PartBytes(new byte[] {1, 2, 3}, "image/png", null);
        PartBytes sameBytesAgain = new PartBytes(new byte[] {1, 2, 3}, "image/png", null);

        assertThat(cache.fileId("gateway", image, this::upload)).isEqualTo("file-1");
        assertThat(cache.fileId("gateway", sameBytesAgain, this::upload)).isEqualTo("file-1");
        assertThat(uploads).hasValue(1);
    }

    @Test
    void anotherCredentialNeverGetsTheFileOfTheFirst() {
        PartBytes image = new PartBytes(new byte[] {9}, "image/png", null);

        assertThat(cache.fileId("credential-a", image, this::upload)).isEqualTo("file-1");
        assertThat(cache.fileId("credential-b", image, this::upload)).isEqualTo("file-2");
    }

    @Test
    void aDeletedFileIsUploadedAgain() {
        PartBytes doc = new PartBytes(new byte[] {7}, "text/plain", "a.txt");
        String id = cache.fileId("gateway", doc, this::upload);
        cache.forget(id);

        assertThat(cache.fileId("gateway", doc, this::upload)).isEqualTo("file-2");
    }
}
