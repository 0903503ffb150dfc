package io.gigagate.openai;

import io.gigagate.error.GatewayException;

import java.util.List;

/**
 * Reads and validates an embeddings body as OpenAI does, before anything goes upstream: each
 * failure is a 400 naming {@code param}. The texts themselves come from {@link #texts}.
 */
public final class EmbeddingsRequestParser {

    /** OpenAI's limit on the number of inputs in one request. */
    public static final int MAX_INPUTS = 2048;

    private EmbeddingsRequestParser() {
    }

    public static EmbeddingsRequest parse(byte[] body) {
        EmbeddingsRequest request = OpenAiRequestReader.bind(OpenAiRequestReader.readObject(body), EmbeddingsRequest.class);
        if (request.input() == null || request.input().isNull()) {
            throw OpenAiRequestReader.missing("input");
        }
        OpenAiRequestReader.oneOf("encoding_format", request.encodingFormat(),
                List.of(EmbeddingsRequest.FLOAT, EmbeddingsRequest.BASE64));
        if (request.dimensions() != null && request.dimensions() < 1) {
            throw GatewayException.invalidRequest("Invalid value for 'dimensions': expected an integer of at least 1, "
                    + "but got " + request.dimensions() + " instead.", "dimensions", "invalid_value");
        }
        return request;
    }

    /** The texts to embed, one per input item, token ids decoded with the requested model's encoding. */
    public static List<String> texts(EmbeddingsRequest request, TokenIdsDecoder decoder) {
        return TextOrTokensInput.read(request.input(), "input", request.model(), decoder, false, MAX_INPUTS);
    }
}
