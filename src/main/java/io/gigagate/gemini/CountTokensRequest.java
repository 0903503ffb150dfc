package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Inbound body of {@code :countTokens}: either {@code contents} alone or a whole
 * {@code generateContentRequest} (system instruction and tools counted too).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountTokensRequest(
        @JsonProperty("contents") List<GenerateContentRequest.Content> contents,
        @JsonProperty("generateContentRequest") @JsonAlias({"generate_content_request"})
        GenerateContentRequest generateContentRequest) {

    /** The request whose input is counted. */
    public GenerateContentRequest asGenerateContent() {
        if (generateContentRequest != null) {
            return generateContentRequest;
        }
        return new GenerateContentRequest(null, contents, null, null, null, null, null, null, null);
    }
}
