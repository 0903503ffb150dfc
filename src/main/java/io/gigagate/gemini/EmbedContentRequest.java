package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Inbound body of {@code :embedContent}, and one item of {@code :batchEmbedContents}: the text parts of
 * {@code content} are embedded as one text. {@code taskType} and {@code title} are accepted and ignored
 * (GigaChat's embedders have no task types); {@code outputDimensionality} is the dimensions of the chat
 * front's embeddings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbedContentRequest(
        @JsonProperty("model") String model,
        @JsonProperty("content") GenerateContentRequest.Content content,
        @JsonProperty("taskType") @JsonAlias({"task_type"}) String taskType,
        @JsonProperty("title") String title,
        @JsonProperty("outputDimensionality") @JsonAlias({"output_dimensionality"}) Integer outputDimensionality) {
}
