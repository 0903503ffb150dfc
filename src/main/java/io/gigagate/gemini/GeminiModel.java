package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One model in Gemini's shape ({@code GET /v1beta/models/{model}} and an entry of the list). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeminiModel(
        @JsonProperty("name") String name,
        @JsonProperty("baseModelId") String baseModelId,
        @JsonProperty("version") String version,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("description") String description,
        @JsonProperty("inputTokenLimit") int inputTokenLimit,
        @JsonProperty("outputTokenLimit") int outputTokenLimit,
        @JsonProperty("supportedGenerationMethods") List<String> supportedGenerationMethods) {

    /** {@code GET /v1beta/models}: a page of models and the token of the next page (absent on the last). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(
            @JsonProperty("models") List<GeminiModel> models,
            @JsonProperty("nextPageToken") String nextPageToken) {
    }
}
