package io.gigagate.camel;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.files.ContentPartReader;
import io.gigagate.files.FileLimits;
import io.gigagate.files.UploadCache;
import io.gigagate.gigachat.ContentAttachments;
import io.gigagate.gigachat.GigaChatFileKind;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatMessage;
import io.gigagate.error.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs before {@code chatRequestProcessor}, on the chat request a front's parser left on the body: finds
 * the image, audio and file parts of its user messages, gets their bytes (decoded, downloaded,
 * converted), uploads each distinct content once per GigaChat credential, and leaves the file ids in
 * {@link ExchangeKeys#CONTENT_ATTACHMENTS} for the (pure) mapper. Requests with text only pass untouched,
 * at the cost of one look at each user message's content.
 */
public final class ContentAttachmentsProcessor implements Processor {

    /** The part types that carry content to upload. */
    private static final Set<String> ATTACHED_PARTS = Set.of("image_url", "input_audio", "file");
    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final ContentPartReader reader;
    private final FileLimits limits;
    private final UploadCache cache;
    private final GigaChatFileUploader uploader;
    private final boolean imagesEnabled;

    /** @param imagesEnabled GPT2GIGA_ENABLE_IMAGES: false drops image parts, as gpt2giga does */
    public ContentAttachmentsProcessor(ContentPartReader reader, FileLimits limits, UploadCache cache,
                                       GigaChatFileUploader uploader, boolean imagesEnabled) {
        this.reader = reader;
        this.limits = limits;
        this.cache = cache;
        this.uploader = uploader;
        this.imagesEnabled = imagesEnabled;
    }

    @Override
    public void process(Exchange exchange) {
        ChatCompletionRequest request = ChatRequests.onBody(exchange);
        if (!hasAttachedParts(request)) {
            return;
        }
        limits.checkImageCount(imagesEnabled ? imageParts(request) : 0);
        Map<String, ContentAttachments.Attachment> byPart = new LinkedHashMap<>();
        int images = 0;
        long[] audioImageBytes = {0}; // images and audio read so far, against limits.maxAudioImageTotalBytes
        for (int i = 0; i < request.messages().size(); i++) {
            ChatMessage m = request.messages().get(i);
            if (!"user".equals(m.role()) || m.content() == null || !m.content().isArray()) {
                continue; // parts elsewhere are refused by the mapper, naming them
            }
            for (int j = 0; j < m.content().size(); j++) {
                String at = "messages[" + i + "].content[" + j + "]";
                ContentAttachments.Attachment a = attachment(exchange, m.content().get(j), at, audioImageBytes);
                if (a != null) {
                    byPart.put(at, a);
                    images += a.kind() == GigaChatFileKind.IMAGE ? 1 : 0;
                }
            }
        }
        limits.checkImageCount(images); // images sent as file parts count too
        exchange.setProperty(ExchangeKeys.CONTENT_ATTACHMENTS, new ContentAttachments(byPart, !imagesEnabled));
    }

    /** Whether any user message has an image, audio or file part (text-only requests skip this step). */
    static boolean hasAttachedParts(ChatCompletionRequest request) {
        for (ChatMessage m : request.messages()) {
            if ("user".equals(m.role()) && m.content() != null && m.content().isArray()) {
                for (JsonNode part : m.content()) {
                    if (ATTACHED_PARTS.contains(part.path("type").asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private int imageParts(ChatCompletionRequest request) {
        int n = 0;
        for (ChatMessage m : request.messages()) {
            if ("user".equals(m.role()) && m.content() != null && m.content().isArray()) {
                for (JsonNode part : m.content()) {
                    n += "image_url".equals(part.path("type").asText()) ? 1 : 0;
                }
            }
        }
        return n;
    }

    private ContentAttachments.Attachment attachment(Exchange exchange, JsonNode part, String at, long[] audioImageBytes) {
        ContentPartReader.Readied readied;
        switch (part.path("type").asText("")) {
            case "image_url" -> {
                if (!imagesEnabled) {
                    return null;
                }
                readied = reader.image(part, at);
            }
            case "input_audio" -> readied = reader.audio(part, at);
            case "file" -> {
                JsonNode fileId = part.path("file").get("file_id");
                if (fileId != null && !fileId.isNull()) {
                    return uploadedFile(fileId, at + ".file.file_id");
                }
                readied = reader.file(part, at);
            }
            default -> {
                return null;
            }
        }
        if (readied.kind() != GigaChatFileKind.TEXT) {
            audioImageBytes[0] += readied.bytes().data().length;
            limits.checkAudioImageTotal(audioImageBytes[0], at); // before this part is uploaded
        }
        String credential = exchange.getProperty(ExchangeKeys.UPSTREAM_CREDENTIAL, "gateway", String.class);
        String id = cache.fileId(credential, readied.bytes(), () -> uploader.upload(exchange, readied.bytes().data(),
                readied.bytes().mimeType(), readied.bytes().filename()).get("id").asText());
        return new ContentAttachments.Attachment(id, readied.kind());
    }

    /**
     * A file uploaded through /v1/files is already GigaChat's: its id goes as it is. Its kind is not
     * looked up (one more call per turn), so it counts as a document, not towards the image limits.
     */
    private static ContentAttachments.Attachment uploadedFile(JsonNode fileId, String at) {
        if (!fileId.isTextual() || !FILE_ID.matcher(fileId.asText()).matches()) {
            throw GatewayException.invalidRequest("Invalid value for '" + at + "': not a file id.", at, "invalid_value");
        }
        return new ContentAttachments.Attachment(fileId.asText(), GigaChatFileKind.TEXT);
    }
}
