package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. {@code param} and
 * {@code code} are always written, as null when unknown, exactly as OpenAI does.
 */
public record OpenAiErrorResponse(@JsonProperty("error") Error error) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Error(
            @JsonProperty("message") String message,
            @JsonProperty("type") String type,
            @JsonProperty("param") String param,
            @JsonProperty("code") String code) {
    }
}
