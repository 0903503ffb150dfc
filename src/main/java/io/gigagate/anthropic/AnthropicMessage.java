package io.gigagate.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Anthropic's {@code message} (the answer of {@code POST /v1/messages}, and the {@code message} of a stream's
 * {@code message_start}), with its content blocks and usage. {@code stop_reason} and {@code stop_sequence}
 * are always written, null included, as Anthropic does.
 */
public record AnthropicMessage(
        @JsonProperty("id") String id,
        @JsonProperty("type") String type,
        @JsonProperty("role") String role,
        @JsonProperty("model") String model,
        @JsonProperty("content") List<Block> content,
        @JsonProperty("stop_reason") @JsonInclude(JsonInclude.Include.ALWAYS) String stopReason,
        @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence,
        @JsonProperty("usage") Usage usage) {

    public static final String TYPE = "message";

    /** A content block: text, tool_use or thinking. */
    public sealed interface Block permits Text, ToolUse, Thinking {
    }

    /** {@code {"type": "text", "text"}} (no {@code citations}: the gateway makes none; strict clients reject a null). */
    public record Text(@JsonProperty("type") String type, @JsonProperty("text") String text,
                       @JsonProperty("citations") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode citations)
            implements Block {
        public Text(String text) {
            this("text", text, null);
        }
    }

    /** {@code {"type": "tool_use", "id", "name", "input", "caller": {"type": "direct"}}}. */
    public record ToolUse(@JsonProperty("type") String type, @JsonProperty("id") String id,
                          @JsonProperty("name") String name, @JsonProperty("input") JsonNode input,
                          @JsonProperty("caller") Caller caller) implements Block {
        public ToolUse(String id, String name, JsonNode input) {
            this("tool_use", id, name, input, Caller.DIRECT);
        }
    }

    /** Who made a tool call: the model itself. */
    public record Caller(@JsonProperty("type") String type) {
        public static final Caller DIRECT = new Caller("direct");
    }

    /**
     * {@code {"type": "thinking", "thinking", "signature"}}: GigaChat's reasoning text. The signature is the
     * gateway's fixed marker: the text is never sent back upstream, so nothing needs verifying.
     */
    public record Thinking(@JsonProperty("type") String type, @JsonProperty("thinking") String thinking,
                           @JsonProperty("signature") String signature) implements Block {
        public static final String SIGNATURE = "gigagate";

        public Thinking(String thinking) {
            this("thinking", thinking, SIGNATURE);
        }
    }

    /**
     * Token usage. {@code input_tokens} are the prompt tokens GigaChat did not serve from its cache,
     * {@code cache_read_input_tokens} those it did (its {@code precached_prompt_tokens}); nothing is ever
     * written to a cache on request, so {@code cache_creation_input_tokens} is 0.
     */
    public record Usage(@JsonProperty("input_tokens") int inputTokens,
                        @JsonProperty("output_tokens") int outputTokens,
                        @JsonProperty("cache_creation_input_tokens") int cacheCreationInputTokens,
                        @JsonProperty("cache_read_input_tokens") int cacheReadInputTokens) {

        /** From the prompt tokens (cached ones included), the completion tokens and the cached ones. */
        public static Usage of(int promptTokens, int completionTokens, int cachedTokens) {
            int cached = Math.max(0, Math.min(cachedTokens, promptTokens));
            return new Usage(promptTokens - cached, completionTokens, 0, cached);
        }
    }
}
