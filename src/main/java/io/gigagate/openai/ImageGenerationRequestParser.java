package io.gigagate.openai;

import io.gigagate.error.GatewayException;

import java.util.List;

/**
 * Validates an image generation body as OpenAI does (400s naming {@code param}). size, quality,
 * style, background, output_format are checked against OpenAI's values and then not used: GigaChat
 * draws one 1024x1024 JPEG per call (see docs/endpoints.md).
 */
public final class ImageGenerationRequestParser {

    public static final int MAX_IMAGES = 10;
    static final int MAX_PROMPT = 32000;

    private ImageGenerationRequestParser() {
    }

    public static ImageGenerationRequest parse(byte[] body) {
        ImageGenerationRequest r = OpenAiRequestReader.bind(OpenAiRequestReader.readObject(body),
                ImageGenerationRequest.class);
        if (r.prompt() == null) {
            throw OpenAiRequestReader.missing("prompt");
        }
        if (r.prompt().isBlank()) {
            throw OpenAiRequestReader.emptyString("prompt");
        }
        if (r.prompt().length() > MAX_PROMPT) {
            throw GatewayException.invalidRequest("Invalid 'prompt': string too long. Expected a string with maximum "
                    + "length " + MAX_PROMPT + ", but got a string with length " + r.prompt().length() + " instead.",
                    "prompt", "string_above_max_length");
        }
        OpenAiRequestReader.between("n", r.n(), 1, MAX_IMAGES);
        OpenAiRequestReader.oneOf("size", r.size(), List.of("auto", "256x256", "512x512", "1024x1024", "1536x1024",
                "1024x1536", "1792x1024", "1024x1792"));
        OpenAiRequestReader.oneOf("quality", r.quality(), List.of("auto", "standard", "hd", "low", "medium", "high"));
        OpenAiRequestReader.oneOf("response_format", r.responseFormat(),
                List.of(ImageGenerationRequest.URL, ImageGenerationRequest.B64_JSON));
        OpenAiRequestReader.oneOf("style", r.style(), List.of("vivid", "natural"));
        OpenAiRequestReader.oneOf("background", r.background(), List.of("auto", "transparent", "opaque"));
        OpenAiRequestReader.oneOf("output_format", r.outputFormat(), List.of("png", "jpeg", "webp"));
        return r;
    }
}
