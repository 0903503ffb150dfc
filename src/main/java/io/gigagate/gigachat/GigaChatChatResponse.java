package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Inbound non-streaming GigaChat chat response. It has no {@code id} (the request id is the
 * {@code X-Request-Id} header), {@code model} carries a version suffix ({@code GigaChat:2.0.28.2})
 * and {@code object} is not reliable ({@code chat.completions} has been seen).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatChatResponse(
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("created") Long created,
        @JsonProperty("model") String model,
        @JsonProperty("object") String object,
        @JsonProperty("usage") Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            @JsonProperty("index") Integer index,
            @JsonProperty("message") Message message,
            @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * An assistant message (also a streaming delta). {@code name} and {@code created} only appear
     * on {@code function_in_progress} messages of built-in functions.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            @JsonProperty("role") String role,
            @JsonProperty("content") String content,
            @JsonProperty("function_call") GigaChatMessage.FunctionCall functionCall,
            @JsonProperty("functions_state_id") String functionsStateId,
            @JsonProperty("reasoning_content") String reasoningContent,
            @JsonProperty("name") String name,
            @JsonProperty("created") Long created,
            @JsonProperty("sources") List<WebSource> sources,
            @JsonProperty("code_runs") List<CodeRun> codeRuns,
            @JsonProperty("fetched_urls") List<FetchedUrl> fetchedUrls) {

        public Message(String role, String content, GigaChatMessage.FunctionCall functionCall, String functionsStateId,
                       String reasoningContent, String name, Long created, List<WebSource> sources) {
            this(role, content, functionCall, functionsStateId, reasoningContent, name, created, sources, null, null);
        }
    }

    /**
     * Code GigaChat's code interpreter ran and what it printed (v2 only; internal, like {@code sources}: a v1 body
     * never carries it). The v2 part it comes from is the emulator's assumption: no recording shows one.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeRun(@JsonProperty("code") String code, @JsonProperty("output") String output) {
    }

    /** A page GigaChat's URL content extraction read (v2 only; internal, as above). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FetchedUrl(@JsonProperty("url") String url, @JsonProperty("title") String title) {
    }

    /** GigaChat's usage; any field may be missing. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Usage(
            @JsonProperty("prompt_tokens") Integer promptTokens,
            @JsonProperty("completion_tokens") Integer completionTokens,
            @JsonProperty("total_tokens") Integer totalTokens,
            @JsonProperty("precached_prompt_tokens") Integer precachedPromptTokens,
            @JsonProperty("system_tokens") Integer systemTokens) {
    }
}
