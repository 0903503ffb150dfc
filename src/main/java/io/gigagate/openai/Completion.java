package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Outbound legacy {@code text_completion}, whole or as one streamed chunk (the same shape: a chunk
 * has a piece of text and {@code finish_reason: null} until the last one, and the optional usage
 * chunk has {@code choices: []}). {@code logprobs} and {@code finish_reason} are always written, as
 * OpenAI does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Completion(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("created") long created,
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("usage") ChatCompletion.Usage usage) {

    public static final String OBJECT = "text_completion";

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            @JsonProperty("text") String text,
            @JsonProperty("index") int index,
            @JsonProperty("logprobs") @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode logprobs,
            @JsonProperty("finish_reason") @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {
    }
}
