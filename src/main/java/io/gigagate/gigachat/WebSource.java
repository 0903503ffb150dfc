package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A web page GigaChat's web search cited: the id its text's {@code [sources=[id]]} markers use, its url
 * and title (v2's {@code inline_data.sources}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebSource(@JsonProperty("id") String id, @JsonProperty("url") String url,
                        @JsonProperty("title") String title) {
}
