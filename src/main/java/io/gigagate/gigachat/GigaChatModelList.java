package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** GigaChat's {@code GET /models} body. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatModelList(
        @JsonProperty("object") String object,
        @JsonProperty("data") List<GigaChatModel> data) {
}
