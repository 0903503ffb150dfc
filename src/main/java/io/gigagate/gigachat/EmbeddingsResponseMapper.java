package io.gigagate.gigachat;

import io.gigagate.openai.EmbeddingsResponse;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * GigaChat's embeddings answers (one per batch, in order) to one OpenAI {@code list}. Pure.
 *
 * <ul>
 *   <li>Vectors keep the input order; {@code index} counts across batches (GigaChat's restarts at
 *       0 in each batch, and its items are put in their {@code index} order).</li>
 *   <li>{@code usage.prompt_tokens} and {@code total_tokens} are the sum of GigaChat's per-item
 *       usage (it has no top-level usage).</li>
 *   <li>{@code base64}: the float32 values, little-endian, base64-encoded, as OpenAI sends them;
 *       {@code float}: the same float32 values as JSON numbers, so both forms decode to identical
 *       vectors.</li>
 *   <li>{@code model} echoes what the client asked for, else GigaChat's embedder.</li>
 * </ul>
 */
public final class EmbeddingsResponseMapper {

    public EmbeddingsResponse toOpenAi(List<GigaChatEmbeddingsResponse> batches, String requestedModel,
                                       boolean base64, Integer dimensions) {
        List<EmbeddingsResponse.Embedding> data = new ArrayList<>();
        int tokens = 0;
        String upstreamModel = null;
        for (GigaChatEmbeddingsResponse batch : batches) {
            upstreamModel = upstreamModel != null ? upstreamModel : batch.model();
            List<GigaChatEmbeddingsResponse.Item> items = inIndexOrder(batch.data());
            for (GigaChatEmbeddingsResponse.Item item : items) {
                float[] vector = item.embedding() == null ? new float[0] : item.embedding();
                if (dimensions != null && dimensions != vector.length) {
                    throw EmbeddingsRequestMapper.unsupportedDimensions(batch.model(), dimensions, vector.length);
                }
                data.add(new EmbeddingsResponse.Embedding(EmbeddingsResponse.Embedding.OBJECT, data.size(),
                        base64 ? toBase64(vector) : vector));
                tokens += item.usage() == null || item.usage().promptTokens() == null ? 0 : item.usage().promptTokens();
            }
        }
        String model = requestedModel != null && !requestedModel.isBlank() ? requestedModel : upstreamModel;
        return new EmbeddingsResponse(EmbeddingsResponse.OBJECT, data, model, new EmbeddingsResponse.Usage(tokens, tokens));
    }

    /** A batch must answer every input once; anything else would shift every later vector. */
    static List<GigaChatEmbeddingsResponse.Item> inIndexOrder(List<GigaChatEmbeddingsResponse.Item> items) {
        List<GigaChatEmbeddingsResponse.Item> sorted = new ArrayList<>(items == null ? List.of() : items);
        sorted.sort((a, b) -> Integer.compare(a.index() == null ? 0 : a.index(), b.index() == null ? 0 : b.index()));
        return sorted;
    }

    /** OpenAI's base64 form: little-endian float32 bytes. */
    public static String toBase64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** Checks that GigaChat answered each batch with as many vectors as it was sent. */
    public static void sameCount(List<GigaChatEmbeddingsRequest> sent, List<GigaChatEmbeddingsResponse> answers) {
        for (int i = 0; i < sent.size(); i++) {
            int expected = sent.get(i).input().size();
            int got = answers.get(i).data() == null ? 0 : answers.get(i).data().size();
            if (expected != got) {
                throw new GatewayException(502, ErrorCategory.SERVER, null, null, "GigaChat returned " + got
                        + " embeddings for a batch of " + expected + " inputs.");
            }
        }
    }
}
