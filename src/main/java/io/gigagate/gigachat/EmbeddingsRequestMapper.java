package io.gigagate.gigachat;

import io.gigagate.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenAI embeddings input to GigaChat's {@code /embeddings} requests. Pure.
 *
 * <ul>
 *   <li>The texts are split into batches of at most {@code batchSize} items, in order: GigaChat
 *       refuses large requests (413), OpenAI accepts up to 2048 inputs.</li>
 *   <li>{@code dimensions}: GigaChat's embedders have one fixed size each and cannot shorten a
 *       vector, so only the native size is accepted; for the embedders in
 *       {@link #NATIVE_DIMENSIONS} that is decided here, before any call, and for others by
 *       {@link EmbeddingsResponseMapper} once the size is known.</li>
 * </ul>
 */
public final class EmbeddingsRequestMapper {

    /** Vector size of GigaChat's embedders (reference: GigaChat API, embeddings). */
    public static final Map<String, Integer> NATIVE_DIMENSIONS = Map.of(
            "Embeddings", 1024,
            "Embeddings-2", 1024,
            "EmbeddingsGigaR", 2560,
            "GigaEmbeddings-3B-2025-09", 2048);

    private final int batchSize;

    public EmbeddingsRequestMapper(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the embeddings batch size must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** The GigaChat requests for these texts, in order; together they hold every text once. */
    public List<GigaChatEmbeddingsRequest> toGigaChat(List<String> texts, String gigaChatModel, Integer dimensions) {
        onlyNativeDimensions(gigaChatModel, dimensions, NATIVE_DIMENSIONS.get(gigaChatModel));
        List<GigaChatEmbeddingsRequest> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
            batches.add(new GigaChatEmbeddingsRequest(gigaChatModel, List.copyOf(batch)));
        }
        return batches;
    }

    /** GigaChat cannot shorten vectors: a {@code dimensions} other than the model's own size is refused. */
    static void onlyNativeDimensions(String model, Integer requested, Integer nativeSize) {
        if (requested != null && nativeSize != null && !requested.equals(nativeSize)) {
            throw unsupportedDimensions(model, requested, nativeSize);
        }
    }

    static GatewayException unsupportedDimensions(String model, int requested, int nativeSize) {
        return GatewayException.invalidRequest("This model does not support 'dimensions' = " + requested + ": "
                + "GigaChat's " + model + " returns vectors of " + nativeSize + " dimensions only. Omit "
                + "'dimensions' or set it to " + nativeSize + ".", "dimensions", "invalid_value");
    }
}
