package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.files.TestImages;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Content parts the gateway refuses, each with OpenAI's error shape and before anything reaches
 * GigaChat. No allow-list here: URLs to internal addresses are refused after DNS resolution and
 * before any connection (10.0.0.1 and 169.254.169.254 are never contacted).
 */
class ContentPartsRefusalTest extends GatewayTestSupport {

    private HttpResponse<String> chatWith(List<Map<String, Object>> parts) throws Exception {
        return post("/v1/chat/completions", JSON.writeValueAsString(Map.of("model", "GigaChat-2-Max",
                "messages", List.of(Map.of("role", "user", "content", parts)))));
    }

    private static Map<String, Object> image(String url) {
        return Map.of("type", "image_url", "image_url", Map.of("url", url));
    }

    private void assertNothingSentUpstream() {
        assertThat(EMULATOR.requests("/files")).isEmpty();
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void urlsToInternalAddressesAreRefusedBeforeConnecting() throws Exception {
        for (String url : List.of("http://127.0.0.1:9/a.png", "http://[::1]:9/a.png", "http://10.0.0.1/a.png",
                "http://169.254.169.254/latest/meta-data/", "http://localhost:9/a.png", "https://127.0.0.1/a.png",
                "http://[::ffff:127.0.0.1]:9/a.png", "http://0.0.0.0:9/a.png", "http://192.168.1.1/a.png")) {
            long started = System.nanoTime();
            JsonNode error = assertOpenAiError(chatWith(List.of(image(url))), 400, "invalid_request_error");

            assertThat(error.get("code").asText()).as(url).isEqualTo("url_not_allowed");
            assertThat(error.get("param").asText()).isEqualTo("messages[0].content[0].image_url.url");
            assertThat(error.get("message").asText()).contains("internal address");
            assertThat(System.nanoTime() - started).as("refused at once, no connection attempt to %s", url)
                    .isLessThan(3_000_000_000L);
        }
        assertNothingSentUpstream();
    }

    @Test
    void onlyHttpHttpsAndDataUrlsAreAccepted() throws Exception {
        for (String url : List.of("file:///etc/passwd", "ftp://example.com/a.png", "gopher://127.0.0.1:70/")) {
            JsonNode error = assertOpenAiError(chatWith(List.of(image(url))), 400, "invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("invalid_url");
        }
        assertNothingSentUpstream();
    }

    @Test
    void corruptBase64IsA400NamingThePart() throws Exception {
        JsonNode error = assertOpenAiError(chatWith(List.of(Map.of("type", "text", "text", "look"),
                image("data:image/png;base64,iVBORw0K*GgoAAAA!!"))), 400, "invalid_request_error");

        assertThat(error.get("code").asText()).isEqualTo("invalid_base64");
        assertThat(error.get("param").asText()).isEqualTo("messages[0].content[1].image_url.url");
        assertNothingSentUpstream();
    }

    @Test
    void bytesThatAreNoImageAreA400() throws Exception {
        String notAnImage = TestImages.dataUrl("image/png", "just text, not a picture".getBytes());
        JsonNode error = assertOpenAiError(chatWith(List.of(image(notAnImage))), 400, "invalid_request_error");

        assertThat(error.get("code").asText()).isEqualTo("invalid_image");
        assertNothingSentUpstream();
    }

    @Test
    void elevenImagesAreA400NamingTheLimit() throws Exception {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            parts.add(image(TestImages.dataUrl("image/png", TestImages.png(i))));
        }
        JsonNode error = assertOpenAiError(chatWith(parts), 400, "invalid_request_error");

        assertThat(error.get("code").asText()).isEqualTo("too_many_images");
        assertThat(error.get("message").asText()).contains("11").contains("at most 10");
        assertNothingSentUpstream();
    }

    @Test
    void anImageFileIdThatIsNoIdIsA400() throws Exception {
        JsonNode error = assertOpenAiError(chatWith(List.of(Map.of("type", "file", "file",
                Map.of("file_id", "../../balance")))), 400, "invalid_request_error");

        assertThat(error.get("param").asText()).isEqualTo("messages[0].content[0].file.file_id");
        assertNothingSentUpstream();
    }

    @Test
    void imagePartsOutsideUserMessagesAreRefusedNamingThePart() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", JSON.writeValueAsString(Map.of(
                "model", "GigaChat-2-Max", "messages", List.of(Map.of("role", "system", "content",
                        List.of(image(TestImages.dataUrl("image/png", TestImages.png(1))))),
                        Map.of("role", "user", "content", "hi")))));

        JsonNode error = assertOpenAiError(response, 400, "invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("messages[0].content[0].type");
    }
}
