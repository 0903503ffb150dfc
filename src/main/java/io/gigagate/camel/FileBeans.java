package io.gigagate.camel;

import io.gigagate.files.AddressPolicy;
import io.gigagate.files.ContentPartReader;
import io.gigagate.files.FileLimits;
import io.gigagate.files.InMemoryUploadCache;
import io.gigagate.files.UploadCache;
import io.gigagate.files.UrlDownloader;
import io.gigagate.state.RedisUploadCache;
import io.gigagate.state.SharedState;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ProducerTemplate;

/**
 * Spring-free factories of the files beans (images, audio and documents in chat, /v1/files): the one
 * construction path for the Spring Boot app ({@code io.gigagate.config.FilesConfiguration}, from
 * gigagate.files.*) and for Camel Main, {@code camel run} and Camel K (deploy/camel-k/beans.camel.yaml,
 * from the same properties). The {@code ...FromText} variants take text settings ({@code 15MB},
 * comma-separated hosts), the YAML beans' form; they parse and hand on to the typed factories.
 */
public final class FileBeans {

    private FileBeans() {
    }

    /** GigaChat's limits as text sizes ({@code 15MB}; YAML beans). */
    public static FileLimits fileLimitsFromText(String maxImageSize, String maxAudioSize, String maxTextSize,
                                                int maxImagesPerRequest) {
        return fileLimits(SettingFormats.bytes(maxImageSize), SettingFormats.bytes(maxAudioSize),
                SettingFormats.bytes(maxTextSize), maxImagesPerRequest);
    }

    public static FileLimits fileLimits(long maxImageBytes, long maxAudioBytes, long maxTextBytes, int maxImagesPerRequest) {
        return new FileLimits(maxImageBytes, maxAudioBytes, maxTextBytes, maxImagesPerRequest);
    }

    /** The same with the total of a request's images and audio as text ({@code 80MB}, {@code 0} = no limit; YAML beans). */
    public static FileLimits fileLimitsFromText(String maxImageSize, String maxAudioSize, String maxTextSize,
                                                int maxImagesPerRequest, String maxAudioImageTotalSize) {
        return fileLimits(SettingFormats.bytes(maxImageSize), SettingFormats.bytes(maxAudioSize),
                SettingFormats.bytes(maxTextSize), maxImagesPerRequest, SettingFormats.bytes(maxAudioImageTotalSize));
    }

    /** @param maxAudioImageTotalBytes gigagate.files.max-audio-image-total-size: images and audio per request in all, 0 = no limit */
    public static FileLimits fileLimits(long maxImageBytes, long maxAudioBytes, long maxTextBytes, int maxImagesPerRequest,
                                        long maxAudioImageTotalBytes) {
        return new FileLimits(maxImageBytes, maxAudioBytes, maxTextBytes, maxImagesPerRequest, maxAudioImageTotalBytes);
    }

    /** The URL downloader with text settings (YAML beans): {@code allowedHosts} comma-separated, blank for none. */
    public static UrlDownloader urlDownloaderFromText(String allowedHosts, Duration timeout, String maxDownloadSize,
                                                      int maxRedirects) {
        return urlDownloader(SettingFormats.list(allowedHosts), timeout, SettingFormats.bytes(maxDownloadSize),
                maxRedirects);
    }

    /** @param allowedHosts hosts or addresses fetched although internal; empty: only public addresses */
    public static UrlDownloader urlDownloader(List<String> allowedHosts, Duration timeout, long maxDownloadBytes,
                                              int maxRedirects) {
        return new UrlDownloader(new AddressPolicy(allowedHosts), timeout, maxDownloadBytes, maxRedirects);
    }

    /**
     * Uploaded file ids, remembered per credential and content for {@code ttl}: on the shared Redis when there
     * is one (GIGAGATE_STATE=redis; this replica's memory while it is down), else in this replica's memory.
     *
     * @param state the sharedState bean
     * @param size  gigagate.files.cache-size: the most uploads remembered in memory
     */
    public static UploadCache uploadCache(SharedState state, long size, Duration ttl) {
        return state.redis().<UploadCache>map(redis -> new RedisUploadCache(redis, size, ttl))
                .orElseGet(() -> new InMemoryUploadCache(size, ttl));
    }

    public static GigaChatFileUploader gigaChatFileUploader(ProducerTemplate template) {
        return new GigaChatFileUploader(template);
    }

    /** @param imagesEnabled gpt2giga.enable-images: false refuses image parts */
    public static ContentAttachmentsProcessor contentAttachmentsProcessor(UrlDownloader downloader, FileLimits limits,
            UploadCache cache, GigaChatFileUploader uploader, boolean imagesEnabled) {
        return new ContentAttachmentsProcessor(new ContentPartReader(downloader, limits), limits, cache, uploader,
                imagesEnabled);
    }

    public static FilesProcessor filesProcessor(GigaChatFileUploader uploader, UploadCache cache, FileLimits limits) {
        return new FilesProcessor(uploader, cache, limits);
    }
}
