package io.gigagate.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Images, audio and documents in chat messages, and /v1/files (GIGAGATE_FILES_*). Image parts are
 * switched off altogether by GPT2GIGA_ENABLE_IMAGES=false ({@link Gpt2GigaProperties#enableImages()}).
 *
 * @param maxImageSize        GigaChat's limit for an image (15 MB); larger ones get a 413
 * @param maxAudioSize        GigaChat's limit for an audio file (35 MB)
 * @param maxTextSize         GigaChat's limit for a text document (40 MB)
 * @param maxAudioImageTotalSize the most bytes of images and audio one chat request may carry in all; 0
 *                            (default) = no such limit (gpt2giga's GPT2GIGA_MAX_AUDIO_IMAGE_TOTAL_SIZE_BYTES)
 * @param maxImagesPerRequest GigaChat reads at most this many images per request (10); more is a 400
 * @param downloadTimeout     the longest an http(s) image URL may take to download, all in
 * @param maxDownloadSize     the most bytes read from an http(s) image URL
 * @param maxRedirects        redirects followed when downloading (each hop checked against the SSRF rules)
 * @param allowedHosts        host names or IP addresses fetched even though they are internal
 *                            (loopback, private, link-local...); empty by default: only public addresses
 * @param cacheSize           how many uploads are remembered (per credential and SHA-256 of the content)
 * @param cacheTtl            how long an uploaded file id is reused
 */
@ConfigurationProperties("gigagate.files")
public record FilesProperties(
        @DefaultValue("15MB") DataSize maxImageSize,
        @DefaultValue("35MB") DataSize maxAudioSize,
        @DefaultValue("40MB") DataSize maxTextSize,
        @DefaultValue("0B") DataSize maxAudioImageTotalSize,
        @DefaultValue("10") int maxImagesPerRequest,
        @DefaultValue("10s") Duration downloadTimeout,
        @DefaultValue("15MB") DataSize maxDownloadSize,
        @DefaultValue("5") int maxRedirects,
        List<String> allowedHosts,
        @DefaultValue("10000") long cacheSize,
        @DefaultValue("6h") Duration cacheTtl) {

    public FilesProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
}
