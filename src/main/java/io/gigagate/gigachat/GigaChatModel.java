package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One GigaChat model; {@code type} is {@code chat}, {@code embedder}, ... and may be absent. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatModel(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("owned_by") String ownedBy,
        @JsonProperty("type") String type) {
}
