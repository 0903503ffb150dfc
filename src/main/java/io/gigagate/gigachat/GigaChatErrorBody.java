package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A GigaChat error body: {@code {"status", "message"}} from the API, or {@code {"code", "message"}}
 * from the OAuth host.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatErrorBody(
        @JsonProperty("status") Integer status,
        @JsonProperty("code") Integer code,
        @JsonProperty("message") String message) {
}
