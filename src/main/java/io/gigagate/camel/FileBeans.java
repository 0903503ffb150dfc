package io.gigagate.camel;

import io.gigagate.files.AddressPolicy;
import io.gigagate.files.ContentPartReader;
import io.gigagate.files.FileLimits;
import io.gigagate.files.UploadCache;
import io.gigagate.files.UrlDownloader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.ProducerTemplate;

/**
 * Spring-free factories of the files beans for Camel Main, {@code camel run} and Camel K
 * (deploy/camel-k/beans.camel.yaml), with GigaChat's limits; the Spring Boot app wires the same
 * objects from its settings in {@code io.gigagate.config.FilesConfiguration}.
 */
public final class FileBeans {

    private static final long MB = 1024 * 1024;

    private FileBeans() {
    }

    public static FileLimits gigaChatLimits() {
        return new FileLimits(15 * MB, 35 * MB, 40 * MB, 10);
    }

    public static UploadCache uploadCache() {
        return new UploadCache(10_000, Duration.ofHours(6));
    }

    /** @param allowedHosts comma-separated hosts or addresses fetched although internal; blank for none */
    public static ContentAttachmentsProcessor contentAttachmentsProcessor(ProducerTemplate template, UploadCache cache,
                                                                          boolean imagesEnabled, String allowedHosts) {
        List<String> allowed = allowedHosts == null || allowedHosts.isBlank() ? List.of()
                : Arrays.stream(allowedHosts.split(",")).map(String::strip).toList();
        FileLimits limits = gigaChatLimits();
        UrlDownloader downloader = new UrlDownloader(new AddressPolicy(allowed), Duration.ofSeconds(10), 15 * MB, 5);
        return new ContentAttachmentsProcessor(new ContentPartReader(downloader, limits), limits, cache,
                new GigaChatFileUploader(template), imagesEnabled);
    }

    public static FilesProcessor filesProcessor(ProducerTemplate template, UploadCache cache) {
        return new FilesProcessor(new GigaChatFileUploader(template), cache, gigaChatLimits());
    }
}
