package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One outbound GigaChat message. Roles are {@code system}, {@code user}, {@code assistant} and
 * {@code function}; {@code content} is always a string ({@code ""} when empty, never null);
 * {@code name} is only set on {@code function} messages.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatMessage(
        @JsonProperty("role") String role,
        @JsonProperty("content") @JsonInclude(JsonInclude.Include.ALWAYS) String content,
        @JsonProperty("name") String name,
        @JsonProperty("function_call") FunctionCall functionCall,
        @JsonProperty("functions_state_id") String functionsStateId,
        @JsonProperty("attachments") List<String> attachments) {

    /** A function call; unlike OpenAI, {@code arguments} is a JSON object, not a string. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(
            @JsonProperty("name") String name,
            @JsonProperty("arguments") JsonNode arguments) {
    }
}
