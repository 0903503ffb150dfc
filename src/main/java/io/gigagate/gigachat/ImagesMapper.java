package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.util.List;

/**
 * OpenAI image generation through GigaChat's built-in {@code text2image} function. Pure.
 *
 * <ul>
 *   <li>Request: the prompt as the one user message, {@code functions: [{"name": "text2image"}]}
 *       and {@code function_call: {"name": "text2image"}} (a built-in must be named in
 *       {@code functions} to be callable, and forcing it makes GigaChat draw whatever the prompt's
 *       wording).</li>
 *   <li>Answer: the file id of the first {@code <img src="...">} in the reply; the image itself is
 *       fetched from {@code /files/{id}/content}. A {@code blacklist} finish is OpenAI's
 *       {@code content_policy_violation}; a reply without an image is a 502.</li>
 * </ul>
 */
public final class ImagesMapper {

    public static final String TEXT2IMAGE = "text2image";

    public GigaChatChatRequest toGigaChat(String prompt, String gigaChatModel) {
        ObjectNode forced = JsonNodeFactory.instance.objectNode().put("name", TEXT2IMAGE);
        return new GigaChatChatRequest(gigaChatModel, List.of(new GigaChatMessage("user", prompt, null, null, null, null)),
                null, null, null, null, null, null, null, forced,
                List.of(new GigaChatChatRequest.Function(TEXT2IMAGE, null, null, null, null)),
                null, null, null, null, null, null);
    }

    /** The generated image's file id. */
    public String fileId(GigaChatChatResponse response) {
        GigaChatChatResponse.Choice choice = response.choices() == null || response.choices().isEmpty()
                ? null : response.choices().get(0);
        if (choice != null && "blacklist".equals(choice.finishReason())) {
            throw new GatewayException(400, ErrorCategory.INVALID_REQUEST, "content_policy_violation", "prompt",
                    "GigaChat declined to draw this prompt (content policy).");
        }
        String content = choice == null || choice.message() == null ? null : choice.message().content();
        List<String> ids = GigaChatFileIds.fromImageTags(content);
        if (ids.isEmpty()) {
            throw new GatewayException(502, ErrorCategory.SERVER, "image_not_generated", null,
                    "GigaChat answered without an image: " + GigaChatErrors.sanitize(content == null ? "" : content));
        }
        return ids.get(0);
    }
}
