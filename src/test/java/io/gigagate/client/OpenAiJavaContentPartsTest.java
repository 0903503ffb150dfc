package io.gigagate.client;

import io.gigagate.support.OpenAiJavaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartInputAudio;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.sun.net.httpserver.HttpServer;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.files.TestImages;
import io.gigagate.support.OpenAiErrorAssert;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Images and documents in chat messages through openai-java: each part reaches GigaChat as an upload
 * to /files plus the file id in the user message's attachments. A local image server on 127.0.0.1
 * serves the http URL cases, allowed by the SSRF allow-list (SsrfRefusalTest shows it refused without).
 */
@TestPropertySource(properties = {"gigagate.files.allowed-hosts=127.0.0.1", "gigagate.files.max-text-size=64KB",
        "gigagate.files.max-download-size=64KB", "gigagate.files.download-timeout=2s"})
class OpenAiJavaContentPartsTest extends OpenAiJavaTestSupport {

    private static HttpServer images;
    private static final AtomicInteger imageDownloads = new AtomicInteger();
    private static final byte[] SERVED_PNG = TestImages.png(0x336699);


    @BeforeAll
    static void imageServer() throws Exception {
        images = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        images.createContext("/cat.png", exchange -> {
            imageDownloads.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, SERVED_PNG.length);
            exchange.getResponseBody().write(SERVED_PNG);
            exchange.close();
        });
        byte[] other = TestImages.png(0x445566);
        images.createContext("/other.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream"); // sniffed, not trusted
            exchange.sendResponseHeaders(200, other.length);
            exchange.getResponseBody().write(other);
            exchange.close();
        });
        images.createContext("/to-loopback", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.2:" + exchange.getLocalAddress().getPort()
                    + "/cat.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        images.createContext("/to-ipv6-loopback", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://[::1]:" + exchange.getLocalAddress().getPort() + "/cat.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        images.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().set("Location", "/cat.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        // its own bytes: content another test uploaded would be found in the upload cache, not uploaded again
        byte[] pdf = "%PDF-1.4\n% served by URL\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        images.createContext("/docs/served.pdf", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream"); // sniffed as a PDF
            exchange.sendResponseHeaders(200, pdf.length);
            exchange.getResponseBody().write(pdf);
            exchange.close();
        });
        byte[] huge = new byte[100 * 1024];
        images.createContext("/huge.png", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
            exchange.getResponseBody().write(huge);
            exchange.close();
        });
        images.createContext("/slow.png", exchange -> {
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        images.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        images.start();
    }

    @AfterAll
    static void stopImageServer() {
        images.stop(0);
    }

    static String imageServerUrl(String path) {
        return "http://127.0.0.1:" + images.getAddress().getPort() + path;
    }

    private ChatCompletion ask(List<ChatCompletionContentPart> parts) {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("GigaChat-2-Max")
                .addUserMessageOfArrayOfContentParts(parts)
                .build());
        completion.validate();
        return completion;
    }

    private static ChatCompletionContentPart text(String text) {
        return ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(text).build());
    }

    private static ChatCompletionContentPart image(String url) {
        return ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(url).build()).build());
    }

    private static List<RecordedRequest> uploads() {
        return EMULATOR.requests("/files").stream().filter(r -> r.method().equals("POST")).toList();
    }

    private static JsonNode sentMessages() {
        return EMULATOR.lastRequest("/chat/completions").chat().get("messages");
    }

    @Test
    void dataUrlImageReachesGigaChatAsUploadAndAttachment() {
        byte[] png = TestImages.png(0x102030);
        ask(List.of(text("What is on this picture?"), image(TestImages.dataUrl("image/png", png))));

        assertThat(uploads()).hasSize(1);
        String upload = new String(uploads().get(0).body(), StandardCharsets.ISO_8859_1);
        assertThat(upload).contains("Content-Type: image/png").contains("name=\"purpose\"");
        JsonNode messages = sentMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("content").asText()).isEqualTo("What is on this picture?");
        assertThat(messages.get(0).get("attachments")).hasSize(1);
    }

    @Test
    void httpUrlImageIsDownloadedUploadedAndAttached() {
        ask(List.of(text("Describe"), image(imageServerUrl("/other.png"))));

        assertThat(uploads()).hasSize(1);
        assertThat(new String(uploads().get(0).body(), StandardCharsets.ISO_8859_1)).contains("Content-Type: image/png");
        assertThat(sentMessages().get(0).get("attachments")).hasSize(1);
    }

    @Test
    void theSameImageInTwoRequestsIsUploadedOnce() {
        String url = TestImages.dataUrl("image/png", TestImages.png(0x778899));
        ask(List.of(text("first turn"), image(url)));
        String firstId = sentMessages().get(0).get("attachments").get(0).asText();
        ask(List.of(text("second turn"), image(url)));

        assertThat(uploads()).hasSize(1);
        assertThat(sentMessages().get(0).get("attachments").get(0).asText()).isEqualTo(firstId);
    }

    @Test
    void twoImagesInOneMessageBothArriveInConsecutiveUserMessages() {
        ask(List.of(text("Compare these"), image(TestImages.dataUrl("image/png", TestImages.png(0x010101))),
                image(imageServerUrl("/cat.png"))));

        JsonNode messages = sentMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Compare these");
        assertThat(messages.get(0).get("attachments")).hasSize(1);
        assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).get("attachments")).hasSize(1);
        assertThat(messages.get(0).get("attachments").get(0).asText())
                .isNotEqualTo(messages.get(1).get("attachments").get(0).asText());
    }

    @Test
    void webpAndGifAreConvertedToPng() {
        ask(List.of(text("webp"), image(TestImages.dataUrl("image/webp", TestImages.webp()))));
        ask(List.of(text("gif"), image(TestImages.dataUrl("image/gif", TestImages.gif(0x00FF00)))));

        assertThat(uploads()).hasSize(2).allSatisfy(upload -> {
            byte[] body = upload.body();
            String text = new String(body, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("Content-Type: image/png").contains("\u0089PNG").doesNotContain("WEBP")
                    .doesNotContain("GIF8");
        });
    }

    @Test
    void aDocumentByUrlIsDownloadedThroughTheGuardAndUploaded() throws Exception {
        // the Responses API's input_file.file_url and Gemini's fileData reach the chat pipeline as this part
        String body = "{\"model\":\"GigaChat-2-Max\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"Summarise\"},{\"type\":\"file\",\"file\":{\"file_url\":\""
                + imageServerUrl("/docs/served.pdf") + "\"}}]}]}";
        assertThat(post("/v1/chat/completions", body).statusCode()).isEqualTo(200);
        RecordedRequest upload = uploads().get(uploads().size() - 1);
        assertThat(new String(upload.body(), StandardCharsets.ISO_8859_1)).contains("filename=\"served.pdf\"")
                .contains("Content-Type: application/pdf").contains("% served by URL");
        assertThat(sentMessages().get(0).get("attachments")).hasSize(1);

        String refused = "{\"model\":\"GigaChat-2-Max\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"file\",\"file\":{\"file_url\":\"http://169.254.169.254/latest/a.pdf\"}}]}]}";
        JsonNode error = OpenAiErrorAssert.assertOpenAiError(post("/v1/chat/completions", refused), 400,
                "invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("messages[0].content[0].file.file_url");
    }

    @Test
    void documentAsFilePartReachesGigaChatAsAttachment() {
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
        ChatCompletionContentPart file = ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder()
                .file(ChatCompletionContentPart.File.FileObject.builder()
                        .fileData("data:application/pdf;base64," + Base64.getEncoder().encodeToString(pdf))
                        .filename("report.pdf").build())
                .build());
        ChatCompletionContentPart txt = ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder()
                .file(ChatCompletionContentPart.File.FileObject.builder()
                        .fileData(Base64.getEncoder().encodeToString("plain notes".getBytes(StandardCharsets.UTF_8)))
                        .filename("notes.txt").build())
                .build());
        ask(List.of(text("Summarise"), file));
        ask(List.of(text("And this"), txt));

        List<String> bodies = new ArrayList<>();
        uploads().forEach(u -> bodies.add(new String(u.body(), StandardCharsets.ISO_8859_1)));
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).contains("filename=\"report.pdf\"").contains("Content-Type: application/pdf");
        assertThat(bodies.get(1)).contains("filename=\"notes.txt\"").contains("Content-Type: text/plain");
        assertThat(sentMessages().get(0).get("attachments")).hasSize(1);
    }

    @Test
    void aRedirectIsFollowedWhenItStaysOnAnAllowedAddress() {
        int downloads = imageDownloads.get();
        ask(List.of(text("redirected"), image(imageServerUrl("/redirect"))));

        assertThat(imageDownloads.get()).isEqualTo(downloads + 1);
        assertThat(sentMessages().get(0).get("attachments")).hasSize(1);
    }

    @Test
    void aRedirectToLoopbackIsRefusedBeforeConnecting() throws Exception {
        for (String path : List.of("/to-loopback", "/to-ipv6-loopback")) {
            int downloads = imageDownloads.get();
            HttpResponse<String> response = post("/v1/chat/completions", imageRequest(imageServerUrl(path)));

            JsonNode error = OpenAiErrorAssert.assertOpenAiError(response, 400, "invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("url_not_allowed");
            assertThat(error.get("param").asText()).isEqualTo("messages[0].content[0].image_url.url");
            assertThat(imageDownloads.get()).as("the redirect target was never fetched").isEqualTo(downloads);
        }
        assertThat(uploads()).isEmpty();
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void aDocumentOverGigaChatsSizeForItsKindIs413NamingTheLimit() throws Exception {
        String big = Base64.getEncoder().encodeToString(new byte[100 * 1024]);
        String body = JSON.writeValueAsString(java.util.Map.of("model", "GigaChat-2-Max", "messages", List.of(
                java.util.Map.of("role", "user", "content", List.of(java.util.Map.of("type", "file", "file",
                        java.util.Map.of("file_data", "data:text/plain;base64," + big, "filename", "big.txt")))))));
        HttpResponse<String> response = post("/v1/chat/completions", body);

        JsonNode error = OpenAiErrorAssert.assertOpenAiError(response, 413, "invalid_request_error");
        assertThat(error.get("message").asText()).contains("at most 64 KB");
        assertThat(error.get("param").asText()).isEqualTo("messages[0].content[0].file.file_data");
        assertThat(uploads()).isEmpty();
    }

    static String imageRequest(String url) throws Exception {
        return JSON.writeValueAsString(java.util.Map.of("model", "GigaChat-2-Max", "messages", List.of(
                java.util.Map.of("role", "user", "content", List.of(java.util.Map.of("type", "image_url",
                        "image_url", java.util.Map.of("url", url)))))));
    }

    @Test
    void audioReachesGigaChatAsUploadAndAttachment() {
        byte[] wav = "RIFF\u0024\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);
        ChatCompletionContentPart audio = ChatCompletionContentPart.ofInputAudio(ChatCompletionContentPartInputAudio.builder()
                .inputAudio(ChatCompletionContentPartInputAudio.InputAudio.builder()
                        .data(Base64.getEncoder().encodeToString(wav))
                        .format(ChatCompletionContentPartInputAudio.InputAudio.Format.WAV).build())
                .build());
        ask(List.of(text("Transcribe"), audio));

        assertThat(uploads()).hasSize(1);
        assertThat(new String(uploads().get(0).body(), StandardCharsets.ISO_8859_1))
                .contains("Content-Type: audio/wav").contains("filename=\"audio.wav\"");
        assertThat(sentMessages().get(0).get("attachments")).hasSize(1);
    }

    @Test
    void aDownloadOverTheSizeLimitIs413AndASlowOneA400() throws Exception {
        JsonNode tooBig = OpenAiErrorAssert.assertOpenAiError(post("/v1/chat/completions",
                imageRequest(imageServerUrl("/huge.png"))), 413, "invalid_request_error");
        assertThat(tooBig.get("message").asText()).contains("64 KB");

        long started = System.nanoTime();
        JsonNode slow = OpenAiErrorAssert.assertOpenAiError(post("/v1/chat/completions",
                imageRequest(imageServerUrl("/slow.png"))), 400, "invalid_request_error");
        assertThat(slow.get("code").asText()).isEqualTo("invalid_url");
        assertThat(System.nanoTime() - started).as("the download timeout cut it short").isLessThan(3_900_000_000L);
        assertThat(uploads()).isEmpty();
    }
}
