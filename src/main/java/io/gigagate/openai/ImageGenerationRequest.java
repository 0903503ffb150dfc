package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Inbound body of {@code POST /v1/images/generations}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageGenerationRequest(
        @JsonProperty("prompt") String prompt,
        @JsonProperty("model") String model,
        @JsonProperty("n") Integer n,
        @JsonProperty("size") String size,
        @JsonProperty("quality") String quality,
        @JsonProperty("response_format") String responseFormat,
        @JsonProperty("style") String style,
        @JsonProperty("background") String background,
        @JsonProperty("output_format") String outputFormat,
        @JsonProperty("output_compression") Integer outputCompression,
        @JsonProperty("moderation") String moderation,
        @JsonProperty("user") String user) {

    public static final String URL = "url";
    public static final String B64_JSON = "b64_json";

    public int images() {
        return n == null ? 1 : n;
    }

    /**
     * As at OpenAI: {@code url} unless asked otherwise, but gpt-image models always answer
     * {@code b64_json}.
     */
    public boolean wantsUrl() {
        if (model != null && model.startsWith("gpt-image")) {
            return false;
        }
        return responseFormat == null || URL.equals(responseFormat);
    }
}
