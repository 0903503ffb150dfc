package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.EmbeddingsResponse;
import io.gigagate.wire.JsonRequestReader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code :embedContent} and {@code :batchEmbedContents} on the embeddings path: each request's text parts
 * (joined by a newline) are one text; the vectors come back as {@code {"embedding": {"values"}}} or
 * {@code {"embeddings": [{"values"}, ...]}}, in the requests' order. Pure.
 */
public final class GeminiEmbeddings {

    /** Google's most requests in one batch. */
    public static final int MAX_BATCH = 250;

    private GeminiEmbeddings() {
    }

    /** {@code {"values": [...]}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContentEmbedding(@JsonProperty("values") float[] values) {
    }

    /** The answer of {@code :embedContent}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmbedContentResponse(@JsonProperty("embedding") ContentEmbedding embedding) {
    }

    /** The answer of {@code :batchEmbedContents}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchEmbedContentsResponse(@JsonProperty("embeddings") List<ContentEmbedding> embeddings) {
    }

    /** The text of one request. */
    public static String text(EmbedContentRequest request, String at) {
        if (request == null) {
            throw JsonRequestReader.missing(at);
        }
        if (request.content() == null || request.content().parts() == null || request.content().parts().isEmpty()) {
            throw JsonRequestReader.missing(at.isEmpty() ? "content.parts" : at + ".content.parts");
        }
        List<String> texts = new ArrayList<>();
        List<GenerateContentRequest.Part> parts = request.content().parts();
        for (int j = 0; j < parts.size(); j++) {
            GenerateContentRequest.Part part = parts.get(j);
            if (part == null || part.text() == null) {
                String partAt = (at.isEmpty() ? "" : at + ".") + "content.parts[" + j + "]";
                throw GatewayException.invalidRequest("Invalid '" + partAt + "': only text parts can be embedded.",
                        partAt, "invalid_value");
            }
            texts.add(part.text());
        }
        return String.join("\n", texts);
    }

    /** The texts of a batch, in order; every request names the same model as the path, or none. */
    public static List<String> texts(BatchEmbedContentsRequest batch, String model) {
        if (batch.requests().size() > MAX_BATCH) {
            throw GatewayException.invalidRequest("Invalid 'requests': at most " + MAX_BATCH + " requests per batch.",
                    "requests", "invalid_value");
        }
        List<String> texts = new ArrayList<>(batch.requests().size());
        for (int i = 0; i < batch.requests().size(); i++) {
            EmbedContentRequest request = batch.requests().get(i);
            String at = "requests[" + i + "]";
            if (request != null && request.model() != null
                    && !GeminiRequestMapper.modelName(request.model()).equals(GeminiRequestMapper.modelName(model))) {
                throw GatewayException.invalidRequest("Invalid '" + at + ".model': every request of a batch must name "
                        + "the model of the path, models/" + GeminiRequestMapper.modelName(model) + ".", at + ".model",
                        "invalid_value");
            }
            texts.add(text(request, at));
        }
        return texts;
    }

    /** The one vector of {@code :embedContent}. */
    public static EmbedContentResponse one(EmbeddingsResponse response) {
        return new EmbedContentResponse(all(response).embeddings().get(0));
    }

    /** The vectors of {@code :batchEmbedContents}, in the requests' order. */
    public static BatchEmbedContentsResponse all(EmbeddingsResponse response) {
        List<ContentEmbedding> out = new ArrayList<>();
        for (EmbeddingsResponse.Embedding e : response.data()) {
            out.add(new ContentEmbedding((float[]) e.embedding()));
        }
        return new BatchEmbedContentsResponse(out);
    }
}
