package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One inbound GigaChat SSE event. {@code object} is {@code chat.completion} here too, there is no
 * {@code id}, {@code finish_reason} is absent until the last chunk, and that last chunk also
 * carries {@code usage}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatChatChunk(
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("created") Long created,
        @JsonProperty("model") String model,
        @JsonProperty("object") String object,
        @JsonProperty("usage") GigaChatChatResponse.Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            @JsonProperty("index") Integer index,
            @JsonProperty("delta") GigaChatChatResponse.Message delta,
            @JsonProperty("finish_reason") String finishReason) {
    }
}
