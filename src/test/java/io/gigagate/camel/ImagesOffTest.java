package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.files.TestImages;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** GPT2GIGA_ENABLE_IMAGES=false: image parts are dropped, as gpt2giga does; the text still goes. */
@TestPropertySource(properties = "gpt2giga.enable-images=false")
class ImagesOffTest extends GatewayTestSupport {

    @Test
    void imagePartsAreIgnoredAndNothingIsUploaded() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", JSON.writeValueAsString(Map.of(
                "model", "GigaChat-2-Max", "messages", List.of(Map.of("role", "user", "content", List.of(
                        Map.of("type", "text", "text", "What is this?"),
                        Map.of("type", "image_url", "image_url", Map.of("url",
                                TestImages.dataUrl("image/png", TestImages.png(5)))),
                        Map.of("type", "image_url", "image_url", Map.of("url", "http://10.0.0.1/never.png"))))))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(EMULATOR.requests("/files")).isEmpty();
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat().at("/messages/0");
        assertThat(sent.get("content").asText()).isEqualTo("What is this?");
        assertThat(sent.has("attachments")).isFalse();
    }
}
