package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Inbound body of {@code POST /v1/embeddings}. {@code input} is one of four shapes (see
 * {@link TextOrTokensInput}), hence raw JSON.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingsRequest(
        @JsonProperty("model") String model,
        @JsonProperty("input") JsonNode input,
        @JsonProperty("encoding_format") String encodingFormat,
        @JsonProperty("dimensions") Integer dimensions,
        @JsonProperty("user") String user) {

    public static final String FLOAT = "float";
    public static final String BASE64 = "base64";

    /** base64 only when asked for: OpenAI's default is float (the SDKs ask for base64 themselves). */
    public boolean base64() {
        return BASE64.equals(encodingFormat);
    }
}
