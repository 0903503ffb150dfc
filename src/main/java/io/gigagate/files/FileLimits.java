package io.gigagate.files;

import io.gigagate.gigachat.GigaChatFileKind;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;

/**
 * GigaChat's size limit per kind of file (images 15 MB, audio 35 MB, text documents 40 MB) and its
 * image count per request, checked before anything is uploaded so the client hears which limit it hit;
 * and, when set, the most bytes of images and audio one request may carry in all (gpt2giga's
 * MAX_AUDIO_IMAGE_TOTAL_SIZE_BYTES; 0 = no such limit).
 */
public record FileLimits(long maxImageBytes, long maxAudioBytes, long maxTextBytes, int maxImagesPerRequest,
                         long maxAudioImageTotalBytes) {

    /** Without a limit on the images and audio of a request in all. */
    public FileLimits(long maxImageBytes, long maxAudioBytes, long maxTextBytes, int maxImagesPerRequest) {
        this(maxImageBytes, maxAudioBytes, maxTextBytes, maxImagesPerRequest, 0);
    }

    public long maxBytes(GigaChatFileKind kind) {
        return switch (kind) {
            case IMAGE -> maxImageBytes;
            case AUDIO -> maxAudioBytes;
            case TEXT -> maxTextBytes;
        };
    }

    /** A 413 naming the limit when the file is over GigaChat's size for its kind. */
    public void checkSize(GigaChatFileKind kind, long bytes, String at) {
        long max = maxBytes(kind);
        if (bytes > max) {
            throw new GatewayException(413, ErrorCategory.INVALID_REQUEST, "file_too_large", at, "The " + kind.label()
                    + " in '" + at + "' is " + describe(bytes) + "; GigaChat takes " + kind.label() + " files of at most "
                    + describe(max) + ".");
        }
    }

    /**
     * A 413 when the images and audio read so far for one request ({@code total} bytes, the part at
     * {@code at} included) are more than the gateway takes in all.
     */
    public void checkAudioImageTotal(long total, String at) {
        if (maxAudioImageTotalBytes > 0 && total > maxAudioImageTotalBytes) {
            throw new GatewayException(413, ErrorCategory.INVALID_REQUEST, "attachments_too_large", at, "The images and "
                    + "audio in this request add up to " + describe(total) + " with '" + at + "'; this gateway takes at "
                    + "most " + describe(maxAudioImageTotalBytes) + " of images and audio per request.");
        }
    }

    /** A 400 naming the limit when a request carries more images than GigaChat reads. */
    public void checkImageCount(int images) {
        if (images > maxImagesPerRequest) {
            throw GatewayException.invalidRequest("Too many images: " + images + " in this request; GigaChat reads at "
                    + "most " + maxImagesPerRequest + " images per request.", "messages", "too_many_images");
        }
    }

    static String describe(long bytes) {
        long mb = 1024 * 1024;
        if (bytes >= mb) {
            return bytes % mb == 0 ? bytes / mb + " MB" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) mb);
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
