package io.gigagate.openai;

import io.gigagate.wire.JsonRequestReader;

import java.util.List;

import static io.gigagate.wire.JsonRequestReader.between;
import static io.gigagate.wire.JsonRequestReader.emptyString;
import static io.gigagate.wire.JsonRequestReader.maxChars;
import static io.gigagate.wire.JsonRequestReader.missing;
import static io.gigagate.wire.JsonRequestReader.oneOf;

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
        JsonRequestReader reader = OpenAiWire.READER;
        ImageGenerationRequest r = reader.bind(reader.readObject(body), ImageGenerationRequest.class);
        if (r.prompt() == null) {
            throw missing("prompt");
        }
        if (r.prompt().isBlank()) {
            throw emptyString("prompt");
        }
        maxChars("prompt", r.prompt().length(), MAX_PROMPT);
        between("n", r.n(), 1, MAX_IMAGES);
        oneOf("size", r.size(), List.of("auto", "256x256", "512x512", "1024x1024", "1536x1024",
                "1024x1536", "1792x1024", "1024x1792"));
        oneOf("quality", r.quality(), List.of("auto", "standard", "hd", "low", "medium", "high"));
        oneOf("response_format", r.responseFormat(),
                List.of(ImageGenerationRequest.URL, ImageGenerationRequest.B64_JSON));
        oneOf("style", r.style(), List.of("vivid", "natural"));
        oneOf("background", r.background(), List.of("auto", "transparent", "opaque"));
        oneOf("output_format", r.outputFormat(), List.of("png", "jpeg", "webp"));
        return r;
    }
}
