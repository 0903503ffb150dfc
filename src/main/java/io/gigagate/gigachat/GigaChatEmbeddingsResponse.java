package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Inbound body of GigaChat's {@code POST /embeddings}. Usage is per item ({@code data[i].usage}),
 * there is no top-level usage.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatEmbeddingsResponse(
        @JsonProperty("object") String object,
        @JsonProperty("model") String model,
        @JsonProperty("data") List<Item> data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            @JsonProperty("object") String object,
            @JsonProperty("index") Integer index,
            @JsonProperty("embedding") float[] embedding,
            @JsonProperty("usage") Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Usage(@JsonProperty("prompt_tokens") Integer promptTokens) {
    }
}
