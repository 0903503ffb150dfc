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
            @JsonProperty("index") Integer index,
            @JsonProperty("groundingMetadata") GroundingMetadata groundingMetadata,
            @JsonProperty("urlContextMetadata") UrlContextMetadata urlContextMetadata) {

        public Candidate(GenerateContentRequest.Content content, String finishReason, Integer index) {
            this(content, finishReason, index, null, null);
        }

        public Candidate(GenerateContentRequest.Content content, String finishReason, Integer index,
                         GroundingMetadata groundingMetadata) {
            this(content, finishReason, index, groundingMetadata, null);
        }
    }

    /** The pages GigaChat's URL content extraction read: {@code urlMetadata: [{retrievedUrl, urlRetrievalStatus}]}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UrlContextMetadata(@JsonProperty("urlMetadata") List<UrlMetadata> urlMetadata) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UrlMetadata(@JsonProperty("retrievedUrl") String retrievedUrl,
                              @JsonProperty("urlRetrievalStatus") String urlRetrievalStatus) {
    }

    /**
     * What GigaChat's web search searched for ({@code webSearchQueries}: the question it answered, as GigaChat
     * does not say), the pages it found ({@code groundingChunks}) and which span of the answer's text cites
     * which ({@code groundingSupports}; offsets in UTF-8 bytes of the text, as Google gives them).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroundingMetadata(
            @JsonProperty("webSearchQueries") List<String> webSearchQueries,
            @JsonProperty("groundingChunks") List<GroundingChunk> groundingChunks,
            @JsonProperty("groundingSupports") List<GroundingSupport> groundingSupports) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroundingChunk(@JsonProperty("web") Web web) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Web(@JsonProperty("uri") String uri, @JsonProperty("title") String title) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroundingSupport(
            @JsonProperty("segment") Segment segment,
            @JsonProperty("groundingChunkIndices") List<Integer> groundingChunkIndices) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(
            @JsonProperty("startIndex") int startIndex,
            @JsonProperty("endIndex") int endIndex,
            @JsonProperty("text") String text) {
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
