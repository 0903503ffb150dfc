package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Outbound {@code GenerateContentResponse}: the whole answer of {@code :generateContent}, and each event
 * (or array element) of {@code :streamGenerateContent}. Absent fields are omitted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateContentResponse(
        @JsonProperty("candidates") List<Candidate> candidates,
        @JsonProperty("usageMetadata") UsageMetadata usageMetadata,
        @JsonProperty("modelVersion") String modelVersion,
        @JsonProperty("responseId") String responseId) {

    /** One candidate: its content (role {@code model}), why it ended (absent while a stream goes on), its index. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(
            @JsonProperty("content") GenerateContentRequest.Content content,
            @JsonProperty("finishReason") String finishReason,
            @JsonProperty("index") Integer index) {
    }

    /**
     * Token counts. {@code cachedContentTokenCount} and {@code thoughtsTokenCount} are written only when
     * GigaChat reported some.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UsageMetadata(
            @JsonProperty("promptTokenCount") Integer promptTokenCount,
            @JsonProperty("candidatesTokenCount") Integer candidatesTokenCount,
            @JsonProperty("totalTokenCount") Integer totalTokenCount,
            @JsonProperty("cachedContentTokenCount") Integer cachedContentTokenCount,
            @JsonProperty("thoughtsTokenCount") Integer thoughtsTokenCount) {
    }
}
