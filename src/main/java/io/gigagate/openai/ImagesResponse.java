package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Outbound body of {@code POST /v1/images/generations}: one item per image, base64 or a URL. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagesResponse(
        @JsonProperty("created") long created,
        @JsonProperty("data") List<Image> data,
        @JsonProperty("output_format") String outputFormat) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(
            @JsonProperty("b64_json") String b64Json,
            @JsonProperty("url") String url,
            @JsonProperty("revised_prompt") String revisedPrompt) {
    }
}
