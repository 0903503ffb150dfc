package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Outbound body of {@code POST /v1/embeddings} ({@code object: list}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingsResponse(
        @JsonProperty("object") String object,
        @JsonProperty("data") List<Embedding> data,
        @JsonProperty("model") String model,
        @JsonProperty("usage") Usage usage) {

    public static final String OBJECT = "list";

    /**
     * One vector: {@code embedding} is a {@code float[]} for {@code encoding_format: float}, or a
     * String (base64 of little-endian float32) for {@code base64}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Embedding(
            @JsonProperty("object") String object,
            @JsonProperty("index") int index,
            @JsonProperty("embedding") Object embedding) {

        public static final String OBJECT = "embedding";
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }
}
