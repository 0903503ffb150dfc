package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmulatorStreamingAndFilesTest extends EmulatorTestSupport {

    private GigaChatEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private GigaChatEmulator start(GigaChatEmulator.Builder b) {
        emu = b.staticToken(TOKEN).build().start();
        return emu;
    }

    /** One SSE line with its arrival time. */
    record Line(String text, long nanos) {
    }

    record Stream(int status, String contentType, List<Line> lines, boolean endedWithError) {
        List<String> data() {
            return lines.stream().map(Line::text).filter(t -> t.startsWith("data: "))
                    .map(t -> t.substring(6)).toList();
        }

        List<JsonNode> chunks() {
            return data().stream().filter(d -> !d.equals("[DONE]")).map(EmulatorTestSupport::json).toList();
        }
    }

    private Stream stream(String body) throws Exception {
        HttpRequest req = req(emu, "/chat/completions").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        List<Line> lines = new ArrayList<>();
        boolean error = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(new Line(line, System.nanoTime()));
            }
        } catch (IOException e) {
            error = true;
        }
        return new Stream(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), lines, error);
    }

    private static String streamBody(String model, String userText) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + quote(userText) + "}]}";
    }

    // ------------------------------------------------------------------ SSE

    @Test
    void sseWireFormat() throws Exception {
        start(GigaChatEmulator.builder().streamChunks(3));
        Stream s = stream(streamBody("GigaChat", "Hello there"));
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.contentType()).isEqualTo("text/event-stream");
        // strict framing: data line, blank line, ... data: [DONE], blank line
        List<String> raw = s.lines().stream().map(Line::text).toList();
        for (int i = 0; i < raw.size(); i++) {
            assertThat(raw.get(i)).as("line %d", i).satisfiesAnyOf(
                    l -> assertThat(l).startsWith("data: ").doesNotContain("\n"),
                    l -> assertThat(l).isEmpty());
            assertThat(raw.get(i).isEmpty()).isEqualTo(i % 2 == 1);
        }
        List<String> data = s.data();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = s.chunks();
        assertThat(chunks).hasSize(4); // 3 content pieces + final
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            assertThat(c.fieldNames()).toIterable().startsWith("choices", "created", "model", "object");
            assertThat(c.has("id")).isFalse();
            assertThat(c.get("object").asText()).isEqualTo("chat.completion");
            assertThat(c.get("model").asText()).isEqualTo("GigaChat:2.0.28.2");
            JsonNode choice = c.at("/choices/0");
            assertThat(choice.get("index").asInt()).isZero();
            JsonNode delta = choice.get("delta");
            assertThat(delta.has("role")).isEqualTo(i == 0);
            text.append(delta.get("content").asText());
            boolean last = i == chunks.size() - 1;
            assertThat(choice.has("finish_reason")).isEqualTo(last);
            assertThat(c.has("usage")).isEqualTo(last);
        }
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        JsonNode last = chunks.get(3);
        assertThat(last.at("/choices/0/delta")).isEqualTo(json("{\"content\":\"\"}"));
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.get("usage").fieldNames()).toIterable()
                .containsExactly("prompt_tokens", "completion_tokens", "total_tokens", "precached_prompt_tokens");
        assertThat(text.toString()).isEqualTo("Echo: Hello there");
        assertThat(emu.activeStreams()).isZero();
        assertThat(emu.streamsAbortedByClient()).isZero();
    }

    @Test
    void sseEventsAreSpreadInTime() throws Exception {
        start(GigaChatEmulator.builder().chunkDelay(Duration.ofMillis(100)).streamChunks(5));
        Stream s = stream(streamBody("GigaChat", "spread these words over time please"));
        List<Line> events = s.lines().stream().filter(l -> l.text().startsWith("data: {")).toList();
        assertThat(events).hasSize(6);
        long spreadMs = (events.get(events.size() - 1).nanos() - events.get(0).nanos()) / 1_000_000;
        assertThat(spreadMs).isGreaterThanOrEqualTo(300);
    }

    @Test
    void sseUpdateIntervalSpacesEvents() throws Exception {
        start(GigaChatEmulator.builder().streamChunks(3));
        Stream s = stream("{\"model\":\"GigaChat\",\"stream\":true,\"update_interval\":0.1,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"abcdef\"}]}");
        List<Line> events = s.lines().stream().filter(l -> l.text().startsWith("data: {")).toList();
        assertThat(events).hasSize(4);
        assertThat((events.get(3).nanos() - events.get(0).nanos()) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void stampedChunksCarryTheirSendTimeOnTheClientsClock() throws Exception {
        start(GigaChatEmulator.builder().streamChunks(3).stampChunks(true));
        long before = System.nanoTime();
        Stream s = stream("{\"model\":\"GigaChat\",\"stream\":true,\"update_interval\":0.02,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"abcdef\"}]}");
        List<Line> events = s.lines().stream().filter(l -> l.text().startsWith("data: {")).toList();
        assertThat(events).hasSize(4);
        long previous = before;
        StringBuilder text = new StringBuilder();
        for (Line event : events) {
            String content = json(event.text().substring(6)).at("/choices/0/delta/content").asText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^@(\\d+) (.*)$").matcher(content);
            assertThat(m.matches()).as(content).isTrue();
            long sent = Long.parseLong(m.group(1));
            assertThat(sent).isGreaterThan(previous).isLessThanOrEqualTo(event.nanos()); // System.nanoTime, one clock
            previous = sent;
            text.append(m.group(2));
        }
        assertThat(text.toString()).isEqualTo("Echo: abcdef");
    }

    @Test
    void recorderKeepsOnlyTheLatestRequests() throws Exception {
        start(GigaChatEmulator.builder().recordLimit(2));
        for (String path : List.of("/models", "/balance", "/files")) {
            assertThat(get(emu, path).status()).isEqualTo(200);
        }
        assertThat(emu.requests()).extracting(RecordedRequest::path)
                .containsExactly("/api/v1/balance", "/api/v1/files");
    }

    @Test
    void sseFunctionCallArrivesWhole() throws Exception {
        start(GigaChatEmulator.builder());
        Stream s = stream("{\"model\":\"GigaChat\",\"stream\":true,\"functions\":[{\"name\":\"f\",\"parameters\":"
                + "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"call it\"}]}");
        assertThat(s.data()).hasSize(2).endsWith("[DONE]");
        JsonNode c = s.chunks().get(0);
        JsonNode delta = c.at("/choices/0/delta");
        assertThat(delta.get("role").asText()).isEqualTo("assistant");
        assertThat(delta.get("content").asText()).isEmpty();
        assertThat(delta.get("function_call")).isEqualTo(json("{\"name\":\"f\",\"arguments\":{\"q\":\"sample\"}}"));
        assertThat(delta.get("functions_state_id").asText()).isNotBlank();
        assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("function_call");
        assertThat(c.has("usage")).isTrue();
    }

    @Test
    void sseText2ImageKeepsTheTagWhole() throws Exception {
        start(GigaChatEmulator.builder());
        Stream s = stream("{\"model\":\"GigaChat-2-Max\",\"stream\":true,\"function_call\":\"auto\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Draw a house\"}]}");
        JsonNode first = s.chunks().get(0).at("/choices/0/delta");
        assertThat(first.get("content").asText()).matches("<img src=\"[0-9a-f-]{36}\" fuse=\"true\"/>");
        assertThat(first.get("functions_state_id").asText()).isNotBlank();
        JsonNode last = s.chunks().get(s.chunks().size() - 1);
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(s.data()).endsWith("[DONE]");
    }

    @Test
    void scriptedStreamPieces() throws Exception {
        start(GigaChatEmulator.builder());
        emu.faults().enqueueChat(ChatReply.streamed("Hel", "lo", "!"));
        Stream s = stream(streamBody("GigaChat", "x"));
        assertThat(s.chunks()).extracting(c -> c.at("/choices/0/delta/content").asText())
                .containsExactly("Hel", "lo", "!", "");
    }

    @Test
    void streamErrorsBeforeStartAreJson() throws Exception {
        start(GigaChatEmulator.builder());
        Res r = post(emu, "/chat/completions", "{\"model\":\"Nope\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void dropStreamAfterCutsTheConnection() throws Exception {
        start(GigaChatEmulator.builder().streamChunks(5));
        emu.faults().dropStreamAfter(2);
        Stream s = stream(streamBody("GigaChat", "this reply will be cut"));
        assertThat(s.data()).hasSize(2).doesNotContain("[DONE]");
        assertThat(s.endedWithError()).isTrue();
        assertThat(emu.streamsAbortedByClient()).isZero();
        // one-shot: the next stream is complete
        Stream next = stream(streamBody("GigaChat", "fine"));
        assertThat(next.data()).endsWith("[DONE]");
        assertThat(next.endedWithError()).isFalse();
    }

    @Test
    void stallStreamPausesMidStream() throws Exception {
        start(GigaChatEmulator.builder().streamChunks(4));
        emu.faults().stallStreamAfter(2, Duration.ofMillis(400));
        Stream s = stream(streamBody("GigaChat", "stall in the middle"));
        List<Line> events = s.lines().stream().filter(l -> l.text().startsWith("data: ")).toList();
        assertThat(events).hasSize(6);
        assertThat((events.get(2).nanos() - events.get(1).nanos()) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void clientThatGoesAwayIsNoticed() throws Exception {
        start(GigaChatEmulator.builder().chunkDelay(Duration.ofMillis(150)).streamChunks(10));
        HttpRequest req = req(emu, "/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("GigaChat", "a long answer that takes a while")))
                .build();
        HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).startsWith("data: ");
        assertThat(emu.activeStreams()).isEqualTo(1);
        in.close(); // cancels the exchange; HTTP/1.1 connection is closed
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (emu.streamsAbortedByClient() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(emu.streamsAbortedByClient()).isEqualTo(1);
        assertThat(emu.activeStreams()).isZero();
    }

    @Test
    void closeDuringAStreamIsPrompt() throws Exception {
        start(GigaChatEmulator.builder().chunkDelay(Duration.ofMillis(300)).streamChunks(20));
        int port = emu.port();
        HttpRequest req = req(emu, "/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("GigaChat", "a long answer that takes a while")))
                .build();
        HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).startsWith("data: ");
            long t0 = System.nanoTime();
            emu.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            assertThat(emu.activeStreams()).isZero();
            assertThat(emu.streamsAbortedByClient()).isZero();
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("gigachat-emulator-" + port + "-") && t.isAlive()))
                    .isEmpty();
        } catch (IOException expected) {
            // the client may see the connection cut while closing the reader
        }
    }

    @Test
    void concurrencyLimitRejectsSecondChat() throws Exception {
        start(GigaChatEmulator.builder().chunkDelay(Duration.ofMillis(100)).streamChunks(5));
        emu.faults().concurrencyLimit(1);
        HttpRequest req = req(emu, "/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("GigaChat", "first"))).build();
        HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            Res second = post(emu, "/chat/completions", chat("GigaChat", "user", "second"));
            assertThat(second.status()).isEqualTo(429);
            assertThat(second.json().get("message").asText()).isEqualTo("Too many requests");
            body.readAllBytes();
        }
        assertThat(post(emu, "/chat/completions", chat("GigaChat", "user", "third")).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ files and images

    private static byte[] multipart(String boundary, String filename, String contentType, byte[] data,
                                    String purpose) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String crlf = "\r\n";
        if (data != null) {
            out.writeBytes(("--" + boundary + crlf
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"" + crlf
                    + "Content-Type: " + contentType + crlf + crlf).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(data);
            out.writeBytes(crlf.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + crlf + "Content-Disposition: form-data; name=\"purpose\"" + crlf + crlf
                + purpose + crlf + "--" + boundary + "--" + crlf).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private Res upload(String filename, String contentType, byte[] data) {
        String boundary = "----emu" + uuid();
        return send(req(emu, "/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, filename, contentType, data,
                        "general"))).build());
    }

    @Test
    void filesRoundTrip() throws Exception {
        start(GigaChatEmulator.builder());
        byte[] data = "line one\r\n--not a boundary\r\nline three".getBytes(StandardCharsets.UTF_8);
        Res up = upload("notes.txt", "text/plain", data);
        assertThat(up.status()).isEqualTo(200);
        JsonNode f = up.json();
        assertThat(f.fieldNames()).toIterable()
                .containsExactly("id", "object", "bytes", "created_at", "filename", "purpose", "access_policy");
        assertThat(f.get("object").asText()).isEqualTo("file");
        assertThat(f.get("bytes").asInt()).isEqualTo(data.length);
        assertThat(f.get("filename").asText()).isEqualTo("notes.txt");
        assertThat(f.get("purpose").asText()).isEqualTo("general");
        assertThat(f.get("access_policy").asText()).isEqualTo("private");
        String id = f.get("id").asText();

        Res list = get(emu, "/files");
        assertThat(list.json().fieldNames()).toIterable().containsExactly("data");
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(get(emu, "/files/" + id).json()).isEqualTo(f);

        HttpResponse<byte[]> content = HTTP.send(req(emu, "/files/" + id + "/content").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.body()).isEqualTo(data);
        assertThat(content.headers().firstValue("Content-Type")).hasValue("text/plain");

        Res del = post(emu, "/files/" + id + "/delete", "");
        assertThat(del.json()).isEqualTo(json("{\"id\":\"" + id + "\",\"deleted\":true}"));
        Res gone = get(emu, "/files/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json()).isEqualTo(json("{\"status\":404,\"message\":\"No such file\"}"));

        String boundary = "b0undary";
        Res missing = send(req(emu, "/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, null, null, null, "general")))
                .build());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(post(emu, "/files", "{}").status()).isEqualTo(400);
    }

    @Test
    void chatAttachmentsAreChecked() {
        start(GigaChatEmulator.builder());
        String img1 = upload("a.jpg", "image/jpeg", new byte[] {1, 2, 3}).json().get("id").asText();
        String img2 = upload("b.png", "image/png", new byte[] {4, 5}).json().get("id").asText();
        String doc = upload("c.txt", "text/plain", new byte[] {6}).json().get("id").asText();

        String ok = "{\"model\":\"GigaChat-2-Max\",\"messages\":[{\"role\":\"user\",\"content\":\"look\",\"attachments\":[\""
                + img1 + "\",\"" + doc + "\"]}]}";
        assertThat(post(emu, "/chat/completions", ok).status()).isEqualTo(200);
        String unknown = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"attachments\":[\""
                + uuid() + "\"]}]}";
        Res r = post(emu, "/chat/completions", unknown);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("message").asText()).isEqualTo("No such file");
        String two = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"attachments\":[\""
                + img1 + "\",\"" + img2 + "\"]}]}";
        assertThat(post(emu, "/chat/completions", two).status()).isEqualTo(422);
    }

    @Test
    void text2imageReturnsARealJpeg() throws Exception {
        start(GigaChatEmulator.builder());
        Res r = post(emu, "/chat/completions", "{\"model\":\"GigaChat-2-Max\",\"function_call\":\"auto\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Нарисуй кота\"}]}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode msg = r.json().at("/choices/0/message");
        assertThat(r.json().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(msg.get("functions_state_id").asText()).isNotBlank();
        String content = msg.get("content").asText();
        assertThat(content).matches("<img src=\"[0-9a-f-]{36}\" fuse=\"true\"/> Here is your picture");
        String fileId = content.substring(10, 46);

        HttpResponse<byte[]> img = HTTP.send(req(emu, "/files/" + fileId + "/content").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(img.statusCode()).isEqualTo(200);
        assertThat(img.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(img.body()));
        assertThat(decoded).isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(64);

        // with custom functions, text2image must be named to be available
        Res custom = post(emu, "/chat/completions", "{\"model\":\"GigaChat\",\"function_call\":\"auto\","
                + "\"functions\":[{\"name\":\"f\",\"parameters\":{}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Draw a cat\"}]}");
        assertThat(custom.json().at("/choices/0/message/function_call/name").asText()).isEqualTo("f");
        Res named = post(emu, "/chat/completions", "{\"model\":\"GigaChat\",\"function_call\":\"auto\","
                + "\"functions\":[{\"name\":\"text2image\"},{\"name\":\"f\",\"parameters\":{}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"draw a dog\"}]}");
        assertThat(named.json().at("/choices/0/message/content").asText()).startsWith("<img src=\"");
    }
}
