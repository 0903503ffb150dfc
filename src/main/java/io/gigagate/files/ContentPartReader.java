package io.gigagate.files;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.gigachat.GigaChatFileKind;
import io.gigagate.error.GatewayException;
import java.util.Locale;

/**
 * The bytes of one OpenAI content part, ready for GigaChat's /files: {@code image_url} (data URL or
 * downloaded http(s) URL; converted where GigaChat refuses the format), {@code input_audio} (base64
 * with a format) and {@code file} with {@code file_data} (a data URL or bare base64). A part that names
 * an uploaded file ({@code file.file_id}) has no bytes; the caller handles it.
 */
public final class ContentPartReader {

    private final UrlDownloader downloader;
    private final FileLimits limits;

    public ContentPartReader(UrlDownloader downloader, FileLimits limits) {
        this.downloader = downloader;
        this.limits = limits;
    }

    /** A part ready to upload: its bytes and its GigaChat kind. */
    public record Readied(PartBytes bytes, GigaChatFileKind kind) {
    }

    public Readied image(JsonNode part, String at) {
        JsonNode url = part.path("image_url").isTextual() ? part.get("image_url") : part.path("image_url").get("url");
        if (url == null || !url.isTextual() || url.asText().isBlank()) {
            throw missing(at + ".image_url.url");
        }
        String where = at + ".image_url.url";
        byte[] raw = DataUrls.isDataUrl(url.asText()) ? DataUrls.decode(url.asText(), where).data()
                : downloader.download(url.asText(), where).data();
        limits.checkSize(GigaChatFileKind.IMAGE, raw.length, where);
        PartBytes image = ImageConversion.forGigaChat(raw, where);
        limits.checkSize(GigaChatFileKind.IMAGE, image.data().length, where);
        return new Readied(image, GigaChatFileKind.IMAGE);
    }

    public Readied audio(JsonNode part, String at) {
        JsonNode audio = part.path("input_audio");
        String where = at + ".input_audio";
        if (!audio.path("data").isTextual()) {
            throw missing(where + ".data");
        }
        String format = audio.path("format").asText("").toLowerCase(Locale.ROOT);
        String mime = switch (format) {
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mp3";
            case "m4a" -> "audio/x-m4a";
            case "mp4" -> "audio/mp4";
            case "ogg" -> "audio/ogg";
            case "opus" -> "audio/opus";
            case "webm", "weba" -> "audio/webm";
            default -> throw GatewayException.invalidRequest("Invalid value for '" + where + ".format': GigaChat takes "
                    + "wav, mp3, m4a, mp4, ogg, opus or webm audio.", where + ".format", "invalid_value");
        };
        byte[] data = DataUrls.base64(audio.get("data").asText(), where + ".data");
        limits.checkSize(GigaChatFileKind.AUDIO, data.length, where + ".data");
        return new Readied(new PartBytes(data, mime, "audio." + GigaChatFileKind.extensionOf(mime)), GigaChatFileKind.AUDIO);
    }

    /**
     * A {@code file} part with {@code file_data}, or with {@code file_url} (an http(s) URL, downloaded through the
     * same SSRF guard and limits as image URLs: the Responses API's {@code input_file.file_url}, Gemini's
     * {@code fileData}); its type from the bytes, the data URL or the server's Content-Type, or the filename.
     */
    public Readied file(JsonNode part, String at) {
        JsonNode file = part.path("file");
        String filename = file.path("filename").isTextual() ? file.get("filename").asText() : null;
        PartBytes decoded;
        String where;
        if (file.path("file_url").isTextual() && !file.get("file_url").asText().isBlank()) {
            where = at + ".file.file_url";
            String url = file.get("file_url").asText();
            decoded = downloader.download(url, where);
            if (filename == null) {
                filename = lastSegment(url);
            }
        } else {
            where = at + ".file.file_data";
            String data = file.path("file_data").asText("");
            decoded = DataUrls.isDataUrl(data) ? DataUrls.decode(data, where)
                    : new PartBytes(DataUrls.base64(data, where), null, null);
        }
        String mime = typeOf(decoded, filename);
        GigaChatFileKind kind = GigaChatFileKind.of(mime);
        if (kind == null) {
            throw GatewayException.invalidRequest("Unsupported file type in '" + at + ".file'"
                    + (mime.isEmpty() ? "" : " (" + mime + ")") + ": GigaChat takes txt, pdf, doc, docx, epub, ppt, "
                    + "pptx documents, jpeg, png, tiff, bmp images and mp3, mp4, m4a, wav, ogg, opus, webm audio.",
                    at + ".file", "unsupported_file_type");
        }
        limits.checkSize(kind, decoded.data().length, where);
        if (kind == GigaChatFileKind.IMAGE) {
            PartBytes image = ImageConversion.forGigaChat(decoded.data(), where);
            return new Readied(new PartBytes(image.data(), image.mimeType(), null), kind);
        }
        String name = filename != null && !filename.isBlank() ? filename : "file." + GigaChatFileKind.extensionOf(mime);
        return new Readied(new PartBytes(decoded.data(), mime, name), kind);
    }

    /** The URL path's last segment when it looks like a file name ({@code report.pdf}), else null. */
    private static String lastSegment(String url) {
        String path = java.net.URI.create(url.strip()).getPath();
        if (path == null) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.contains(".") ? name : null;
    }

    private static String typeOf(PartBytes decoded, String filename) {
        String sniffed = ContentSniffer.imageType(decoded.data());
        if (sniffed != null) {
            return sniffed.equals("image/webp") || sniffed.equals("image/gif") ? "image/png" : sniffed;
        }
        sniffed = ContentSniffer.documentType(decoded.data());
        if (sniffed != null) {
            return sniffed;
        }
        String declared = GigaChatFileKind.normalized(decoded.mimeType());
        if (!declared.isEmpty() && !declared.equals("application/octet-stream")) {
            return declared;
        }
        return byExtension(filename);
    }

    public static String byExtension(String filename) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "txt", "md", "csv" -> "text/plain";
            case "pdf" -> "application/pdf";
            case "doc" -> "application/msword";
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "epub" -> "application/epub";
            case "ppt" -> "application/ppt";
            case "pptx" -> "application/pptx";
            case "mp3" -> "audio/mp3";
            case "wav" -> "audio/wav";
            case "m4a" -> "audio/x-m4a";
            case "ogg" -> "audio/ogg";
            case "opus" -> "audio/opus";
            default -> "";
        };
    }

    private static GatewayException missing(String at) {
        return GatewayException.invalidRequest("Missing required parameter: '" + at + "'.", at, "missing_required_parameter");
    }
}
