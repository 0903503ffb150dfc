package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Body of {@code GET /v1/models}: {@code {"object": "list", "data": [...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelList(
        @JsonProperty("object") String object,
        @JsonProperty("data") List<Model> data) {

    public static final String OBJECT = "list";
}
