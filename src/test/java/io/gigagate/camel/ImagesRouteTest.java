package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** POST /v1/images/generations and GET /v1/images/content/{key} through the gateway and the emulator. */
class ImagesRouteTest extends GatewayTestSupport {

    @Nested
    class Generation {

        @Test
        void b64JsonIsTheJpegGigaChatDrewThroughAForcedText2image() throws Exception {
            HttpResponse<String> response = post("/v1/images/generations",
                    "{\"model\":\"dall-e-3\",\"prompt\":\"a red fox in the snow\",\"response_format\":\"b64_json\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("created").asLong()).isPositive();
            byte[] jpeg = Base64.getDecoder().decode(body.at("/data/0/b64_json").asText());
            assertThat(ImageIO.read(new ByteArrayInputStream(jpeg))).isNotNull();
            assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
            JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
            assertThat(sent.at("/function_call/name").asText()).isEqualTo("text2image");
            assertThat(sent.at("/functions/0/name").asText()).isEqualTo("text2image");
            assertThat(sent.at("/messages/0/content").asText()).isEqualTo("a red fox in the snow");
            assertThat(sent.get("model").asText()).isEqualTo("GigaChat");
            assertThat(EMULATOR.requests("/content")).hasSize(1);
        }

        @Test
        void nImagesAreNGenerations() throws Exception {
            JsonNode body = json(post("/images/generations",
                    "{\"prompt\":\"three cats\",\"n\":3,\"response_format\":\"b64_json\",\"size\":\"1024x1024\",\"quality\":\"hd\"}"));

            assertThat(body.get("data")).hasSize(3);
            assertThat(EMULATOR.requests("/chat/completions")).hasSize(3);
            assertThat(EMULATOR.requests("/content")).hasSize(3);
        }

        @Test
        void urlIsTheDefaultAndServesTheJpegFromTheGateway() throws Exception {
            JsonNode body = json(post("/v1/images/generations", "{\"prompt\":\"a lighthouse\"}"));

            String url = body.at("/data/0/url").asText();
            assertThat(url).startsWith("http://127.0.0.1:" + port + "/v1/images/content/");
            HttpResponse<byte[]> image = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(ImageIO.read(new ByteArrayInputStream(image.body()))).isNotNull();
        }

        @Test
        void theUrlFollowsAReverseProxysForwardedHeaders() throws Exception {
            JsonNode body = json(post("/v1/images/generations", "{\"prompt\":\"a boat\"}",
                    "X-Forwarded-Proto", "https", "X-Forwarded-Host", "ai.example.com"));
            assertThat(body.at("/data/0/url").asText()).startsWith("https://ai.example.com/v1/images/content/");
        }
    }

    @Nested
    class Refusals {

        @Test
        void aMissingPromptIsA400NamingPrompt() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/images/generations", "{\"n\":1}"), 400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("prompt");
            assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
        }

        @Test
        void anUnknownSizeIsA400NamingSize() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/images/generations", "{\"prompt\":\"x\",\"size\":\"7x7\"}"),
                    400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("size");
        }

        @Test
        void tooManyImagesIsA400NamingN() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/images/generations", "{\"prompt\":\"x\",\"n\":11}"), 400,
                    "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("n");
        }

        @Test
        void anUnknownResponseFormatIsA400() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/images/generations",
                    "{\"prompt\":\"x\",\"response_format\":\"png\"}"), 400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("response_format");
        }

        @Test
        void aReplyWithoutAnImageIsA502() throws Exception {
            EMULATOR.faults().enqueueChat(ChatReply.text("I would rather not draw today."));
            JsonNode error = assertOpenAiError(post("/v1/images/generations", "{\"prompt\":\"x\"}"), 502, "server_error");
            assertThat(error.get("code").asText()).isEqualTo("image_not_generated");
        }

        @Test
        void aBlacklistedPromptIsAContentPolicyViolation() throws Exception {
            EMULATOR.faults().enqueueChat(ChatReply.builder().content("Не могу").finishReason("blacklist").build());
            JsonNode error = assertOpenAiError(post("/v1/images/generations", "{\"prompt\":\"x\"}"), 400,
                    "invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("content_policy_violation");
        }

        @Test
        void anUnknownImageUrlIsA404() throws Exception {
            assertOpenAiError(get("/v1/images/content/no-such-key"), 404, "invalid_request_error");
        }
    }
}
