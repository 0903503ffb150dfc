package io.gigagate.gigachat;

import java.util.Locale;
import java.util.Map;

/**
 * The three kinds of file GigaChat takes as chat attachments, each with its own size limit and MIME
 * types (reference: GigaChat API, section 9). An image counts towards "one per message, ten per
 * request"; a text document and audio do not.
 */
public enum GigaChatFileKind {
    IMAGE, AUDIO, TEXT;

    /** The MIME types GigaChat accepts on upload, each with the extension its filename gets. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/tiff", "tiff"),
            Map.entry("image/bmp", "bmp"),
            Map.entry("audio/mp4", "mp4"), Map.entry("audio/mp3", "mp3"), Map.entry("audio/mpeg", "mp3"),
            Map.entry("audio/x-m4a", "m4a"), Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"),
            Map.entry("audio/wave", "wav"), Map.entry("audio/webm", "weba"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/x-ogg", "ogg"), Map.entry("audio/opus", "opus"),
            Map.entry("text/plain", "txt"), Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/pdf", "pdf"), Map.entry("application/epub", "epub"),
            Map.entry("application/epub+zip", "epub"), Map.entry("application/ppt", "ppt"),
            Map.entry("application/vnd.ms-powerpoint", "ppt"), Map.entry("application/pptx", "pptx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"));

    /** The kind of a MIME type GigaChat accepts, or null when GigaChat takes no such file. */
    public static GigaChatFileKind of(String mimeType) {
        String mime = normalized(mimeType);
        if (!EXTENSIONS.containsKey(mime)) {
            return null;
        }
        return mime.startsWith("image/") ? IMAGE : mime.startsWith("audio/") ? AUDIO : TEXT;
    }

    /** The extension a file of this MIME type is uploaded with ({@code image.png}), or {@code bin}. */
    public static String extensionOf(String mimeType) {
        return EXTENSIONS.getOrDefault(normalized(mimeType), "bin");
    }

    /** The MIME type without parameters, lower case: {@code text/plain; charset=utf-8} is {@code text/plain}. */
    public static String normalized(String mimeType) {
        if (mimeType == null) {
            return "";
        }
        int semicolon = mimeType.indexOf(';');
        return (semicolon >= 0 ? mimeType.substring(0, semicolon) : mimeType).strip().toLowerCase(Locale.ROOT);
    }

    /** Lower-case name for messages ("image", "audio", "text"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
