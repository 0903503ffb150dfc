package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

/**
 * Inbound body of {@code POST /v1/chat/completions}. Every OpenAI field is read (so a wrong type is
 * reported, as OpenAI does) even when the gateway then drops it; GigaChat's own fields are
 * accepted at the top level and inside {@code extra_body}. Unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        @JsonProperty("model") String model,
        @JsonProperty("messages") List<ChatMessage> messages,
        @JsonProperty("stream") Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("n") Integer n,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        @JsonProperty("stop") @JsonDeserialize(using = StopSequencesDeserializer.class) List<String> stop,
        @JsonProperty("tools") List<JsonNode> tools,
        @JsonProperty("tool_choice") JsonNode toolChoice,
        @JsonProperty("functions") List<JsonNode> functions,
        @JsonProperty("function_call") JsonNode functionCall,
        @JsonProperty("response_format") JsonNode responseFormat,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("user") String user,
        @JsonProperty("seed") Long seed,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonProperty("logit_bias") JsonNode logitBias,
        @JsonProperty("logprobs") Boolean logprobs,
        @JsonProperty("top_logprobs") Integer topLogprobs,
        @JsonProperty("metadata") JsonNode metadata,
        @JsonProperty("store") Boolean store,
        @JsonProperty("service_tier") String serviceTier,
        @JsonProperty("modalities") List<String> modalities,
        @JsonProperty("audio") JsonNode audio,
        @JsonProperty("prediction") JsonNode prediction,
        @JsonProperty("reasoning_effort") String reasoningEffort,
        @JsonProperty("reasoning") Reasoning reasoning,
        @JsonProperty("web_search_options") JsonNode webSearchOptions,
        @JsonProperty("repetition_penalty") Double repetitionPenalty,
        @JsonProperty("update_interval") Double updateInterval,
        @JsonProperty("profanity_check") Boolean profanityCheck,
        @JsonProperty("flags") List<String> flags,
        @JsonProperty("function_ranker") JsonNode functionRanker,
        @JsonProperty("storage") JsonNode storage,
        @JsonProperty("extra_body") ExtraBody extraBody) {

    /**
     * The text of the last user message (text parts joined with a space), or null without one: the
     * question an answer's web search was for (GigaChat does not say what it searched).
     */
    public String lastUserText() {
        if (messages == null) {
            return null;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if (m == null || !"user".equals(m.role()) || m.content() == null) {
                continue;
            }
            if (m.content().isTextual()) {
                return m.content().asText();
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode part : m.content()) {
                if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                    text.append(text.length() == 0 ? "" : " ").append(part.get("text").asText());
                }
            }
            return text.length() == 0 ? null : text.toString();
        }
        return null;
    }

    /** {@code stream_options}: only {@code include_usage} matters to the gateway. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    /** {@code reasoning: {effort}} (the Responses-style spelling of {@code reasoning_effort}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reasoning(@JsonProperty("effort") String effort) {
    }

    /**
     * {@code extra_body} sent literally (the openai SDKs normally merge it into the top level): the
     * GigaChat fields it may carry. Top-level values win over these.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExtraBody(
            @JsonProperty("repetition_penalty") Double repetitionPenalty,
            @JsonProperty("update_interval") Double updateInterval,
            @JsonProperty("profanity_check") Boolean profanityCheck,
            @JsonProperty("flags") List<String> flags,
            @JsonProperty("reasoning_effort") String reasoningEffort,
            @JsonProperty("function_ranker") JsonNode functionRanker,
            @JsonProperty("storage") JsonNode storage) {
    }
}
