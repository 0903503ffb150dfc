package io.gigagate.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Inbound body of {@code POST /v1/responses} (and of {@code /v1/responses/input_tokens}). Every field of
 * OpenAI's reference is read, so a wrong type is a 400 naming it; {@code input}, {@code tools},
 * {@code tool_choice}, {@code text} and {@code reasoning} stay JSON trees and are read by
 * {@link ResponsesChatMapper}. Unknown fields are ignored (docs/compatibility.md lists what each known field
 * becomes).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesRequest(
        @JsonProperty("model") String model,
        @JsonProperty("input") JsonNode input,
        @JsonProperty("instructions") String instructions,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens,
        @JsonProperty("tools") List<JsonNode> tools,
        @JsonProperty("tool_choice") JsonNode toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("text") JsonNode text,
        @JsonProperty("reasoning") JsonNode reasoning,
        @JsonProperty("metadata") JsonNode metadata,
        @JsonProperty("user") String user,
        @JsonProperty("safety_identifier") String safetyIdentifier,
        @JsonProperty("prompt_cache_key") String promptCacheKey,
        @JsonProperty("store") Boolean store,
        @JsonProperty("previous_response_id") String previousResponseId,
        @JsonProperty("include") List<String> include,
        @JsonProperty("truncation") String truncation,
        @JsonProperty("stream") Boolean stream,
        @JsonProperty("stream_options") JsonNode streamOptions,
        @JsonProperty("service_tier") String serviceTier,
        @JsonProperty("top_logprobs") Integer topLogprobs,
        @JsonProperty("max_tool_calls") Integer maxToolCalls,
        @JsonProperty("background") Boolean background,
        @JsonProperty("conversation") JsonNode conversation,
        @JsonProperty("prompt") JsonNode prompt) {

    /** {@code store} defaults to true, as at OpenAI. */
    public boolean stored() {
        return !Boolean.FALSE.equals(store);
    }

    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }
}
