package io.gigagate.gigachat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GigaChat file ids that stand for a chat request's image, audio and file parts, found by the
 * gateway before mapping (uploading is I/O, so it happens outside the pure mappers). Keys are the
 * parts' paths, {@code messages[i].content[j]}.
 *
 * @param byPart        file id and kind per content part
 * @param imagesIgnored image parts are dropped without a word (GPT2GIGA_ENABLE_IMAGES=false, as gpt2giga does)
 */
public record ContentAttachments(Map<String, Attachment> byPart, boolean imagesIgnored) {

    /** One uploaded part. */
    public record Attachment(String fileId, GigaChatFileKind kind) {
    }

    public ContentAttachments {
        byPart = byPart == null ? Map.of() : Map.copyOf(byPart);
    }

    /** No parts resolved: any image, audio or file part is refused as before. */
    public static ContentAttachments none() {
        return new ContentAttachments(Map.of(), false);
    }

    public Attachment of(String partAt) {
        return byPart.get(partAt);
    }

    /** The attachments of one message, in part order. */
    List<Attachment> inMessage(String messageAt, int parts) {
        List<Attachment> out = new ArrayList<>();
        for (int j = 0; j < parts; j++) {
            Attachment a = byPart.get(messageAt + ".content[" + j + "]");
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }
}
