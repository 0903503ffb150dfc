package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Outbound body of GigaChat's {@code POST /embeddings}: always an array of strings. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatEmbeddingsRequest(
        @JsonProperty("model") String model,
        @JsonProperty("input") List<String> input) {
}
