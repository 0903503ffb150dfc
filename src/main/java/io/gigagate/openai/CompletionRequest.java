package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * Inbound body of the legacy {@code POST /v1/completions}. {@code prompt} is one of four shapes (see
 * {@link TextOrTokensInput}), hence raw JSON. Every field is read so a wrong type is reported.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionRequest(
        @JsonProperty("model") String model,
        @JsonProperty("prompt") JsonNode prompt,
        @JsonProperty("suffix") String suffix,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("n") Integer n,
        @JsonProperty("stream") Boolean stream,
        @JsonProperty("stream_options") ChatCompletionRequest.StreamOptions streamOptions,
        @JsonProperty("stop") @JsonDeserialize(using = StopSequencesDeserializer.class) List<String> stop,
        @JsonProperty("echo") Boolean echo,
        @JsonProperty("logprobs") Integer logprobs,
        @JsonProperty("best_of") Integer bestOf,
        @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        @JsonProperty("logit_bias") JsonNode logitBias,
        @JsonProperty("seed") Long seed,
        @JsonProperty("user") String user) {

    public int choicesPerPrompt() {
        return n == null ? 1 : n;
    }

    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean echoed() {
        return Boolean.TRUE.equals(echo);
    }
}
