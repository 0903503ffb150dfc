package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One inbound chat message. {@code content} stays raw JSON: a string, {@code null}, or an array of
 * parts ({@code text}, {@code image_url}, {@code input_audio}, {@code file}, {@code refusal}). An
 * explicit JSON {@code null} arrives as a {@code NullNode}; an absent field as Java {@code null}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
        @JsonProperty("role") String role,
        @JsonProperty("content") JsonNode content,
        @JsonProperty("name") String name,
        @JsonProperty("tool_calls") List<JsonNode> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId,
        @JsonProperty("function_call") JsonNode functionCall,
        @JsonProperty("refusal") String refusal) {
}
