package io.gigagate.openai;

import io.gigagate.wire.JsonRequestReader;

import java.util.List;

import static io.gigagate.wire.JsonRequestReader.atLeast;
import static io.gigagate.wire.JsonRequestReader.missing;
import static io.gigagate.wire.JsonRequestReader.oneOf;

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
        JsonRequestReader reader = OpenAiWire.READER;
        EmbeddingsRequest request = reader.bind(reader.readObject(body), EmbeddingsRequest.class);
        if (request.input() == null || request.input().isNull()) {
            throw missing("input");
        }
        oneOf("encoding_format", request.encodingFormat(),
                List.of(EmbeddingsRequest.FLOAT, EmbeddingsRequest.BASE64));
        atLeast("dimensions", request.dimensions(), 1);
        return request;
    }

    /** The texts to embed, one per input item, token ids decoded with the requested model's encoding. */
    public static List<String> texts(EmbeddingsRequest request, TokenIdsDecoder decoder) {
        return TextOrTokensInput.read(request.input(), "input", request.model(), decoder, false, MAX_INPUTS);
    }
}
