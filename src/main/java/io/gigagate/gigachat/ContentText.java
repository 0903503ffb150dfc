package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.openai.GatewayException;

import java.util.ArrayList;
import java.util.List;

/** OpenAI message content (string, null or parts) to GigaChat's plain string content. */
final class ContentText {

    private ContentText() {
    }

    /**
     * GigaChat content is a string, never null and never an array: null becomes {@code ""} and text
     * (and refusal) parts are joined with a newline. Images, audio and files are refused for now.
     */
    static String of(JsonNode content, String messageAt) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> texts = new ArrayList<>();
        for (int j = 0; j < content.size(); j++) {
            texts.add(textOfPart(content.get(j), messageAt + ".content[" + j + "]"));
        }
        return String.join("\n", texts);
    }

    private static String textOfPart(JsonNode part, String at) {
        String type = part.path("type").asText("");
        String field = switch (type) {
            case "text" -> "text";
            case "refusal" -> "refusal";
            case "image_url", "input_audio", "file" -> throw GatewayException.invalidRequest("Content parts of type '"
                    + type + "' are not supported yet: images, audio and files cannot be sent to GigaChat by this "
                    + "gateway version. Send text parts only.", at + ".type", "unsupported_content_type");
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
