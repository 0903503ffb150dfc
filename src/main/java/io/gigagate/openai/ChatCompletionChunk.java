package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Outbound {@code chat.completion.chunk} (one SSE event). {@code logprobs} and
 * {@code finish_reason} are always written (null until the last choice chunk); {@code usage} is
 * omitted except on the extra usage-only chunk with {@code choices: []}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("created") long created,
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("usage") ChatCompletion.Usage usage,
        @JsonProperty("system_fingerprint") String systemFingerprint) {

    public static final String OBJECT = "chat.completion.chunk";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            @JsonProperty("index") int index,
            @JsonProperty("delta") Delta delta,
            @JsonProperty("logprobs") @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode logprobs,
            @JsonProperty("finish_reason") @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {
    }

    /**
     * What this chunk adds; every field optional. {@code reasoning_content} is an extension; {@code annotations}
     * (web search's {@code url_citation}s) are what OpenAI's search models stream after the text they cite.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(
            @JsonProperty("role") String role,
            @JsonProperty("content") String content,
            @JsonProperty("tool_calls") List<ToolCallDelta> toolCalls,
            @JsonProperty("refusal") String refusal,
            @JsonProperty("reasoning_content") String reasoningContent,
            @JsonProperty("annotations") List<ChatCompletion.Annotation> annotations) {

        public Delta(String role, String content, List<ToolCallDelta> toolCalls, String refusal, String reasoningContent) {
            this(role, content, toolCalls, refusal, reasoningContent, null);
        }
    }

    /** A tool call fragment: {@code index} always, the rest only when this chunk carries it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCallDelta(
            @JsonProperty("index") int index,
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("function") ChatCompletion.FunctionCall function) {
    }
}
