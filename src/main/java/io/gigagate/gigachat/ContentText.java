package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.GatewayException;

import java.util.ArrayList;
import java.util.List;

/** OpenAI message content (string, null or parts) to GigaChat's plain string content. */
final class ContentText {

    private ContentText() {
    }

    /**
     * GigaChat content is a string, never null and never an array: null becomes {@code ""} and text
     * (and refusal) parts are joined with a newline. Images, audio and files are attachments, not text.
     */
    static String of(JsonNode content, String messageAt) {
        return of(content, messageAt, ContentAttachments.none());
    }

    /**
     * As {@link #of(JsonNode, String)}, but parts the gateway uploaded (or was told to ignore) give no
     * text: they travel as the message's {@code attachments}.
     */
    static String of(JsonNode content, String messageAt, ContentAttachments attachments) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            String at = messageAt + ".content[" + j + "]";
            if (attachments.of(at) != null || imageIgnored(content.get(j), attachments)) {
                continue;
            }
            texts.add(textOfPart(content.get(j), at));
        }
        return String.join("\n", texts);
    }

    /** GPT2GIGA_ENABLE_IMAGES=false: gpt2giga drops image parts and sends the rest. */
    private static boolean imageIgnored(JsonNode part, ContentAttachments attachments) {
        return attachments.imagesIgnored() && "image_url".equals(part.path("type").asText(""));
    }

    private static String textOfPart(JsonNode part, String at) {
        String type = part.path("type").asText("");
        String field = switch (type) {
            case "text" -> "text";
            case "refusal" -> "refusal";
            case "image_url", "input_audio", "file" -> throw GatewayException.invalidRequest("Content parts of type '"
                    + type + "' are only accepted in user messages: GigaChat takes images, audio and files as "
                    + "attachments of user messages.", at + ".type", "unsupported_content_type");
            default -> throw GatewayException.invalidRequest("Invalid value for '" + at + ".type': expected one of "
                    + "'text', 'image_url', 'input_audio', 'file' or 'refusal'.", at + ".type", "invalid_value");
        };
        JsonNode text = part.get(field);
        if (text == null || !text.isTextual()) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + "." + field + "'.",
                    at + "." + field, "missing_required_parameter");
        }
        return text.asText();
    }
}
