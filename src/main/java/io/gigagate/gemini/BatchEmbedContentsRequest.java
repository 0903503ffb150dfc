package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Inbound body of {@code :batchEmbedContents}: one {@link EmbedContentRequest} per text, answered in order. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchEmbedContentsRequest(@JsonProperty("requests") List<EmbedContentRequest> requests) {
}
