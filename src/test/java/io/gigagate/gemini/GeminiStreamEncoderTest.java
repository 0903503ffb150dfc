package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.stream.GeminiJsonArrayStream;
import io.gigagate.stream.GeminiStreamEncoder;
import io.gigagate.stream.SseBody;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemini's stream encoder on the shared stream seam, and the JSON-array form of the same stream. */
class GeminiStreamEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamContext CTX = new StreamContext("chatcmpl-s", "gemini-2.5-flash", 1L, List.of(), false,
            false);

    private static String chunk(String delta, String finish, String usage) {
        return "data: {\"choices\":[{\"delta\":" + delta + ",\"index\":0"
                + (finish == null ? "" : ",\"finish_reason\":\"" + finish + "\"") + "}]"
                + (usage == null ? "" : ",\"usage\":" + usage)
                + ",\"created\":1,\"model\":\"GigaChat-2-Pro:2.0\",\"object\":\"chat.completion\"}\n\n";
    }

    private static final String UPSTREAM = chunk("{\"content\":\"\",\"role\":\"assistant\",\"reasoning_content\":\"hmm\"}", null, null)
            + chunk("{\"content\":\"Hi\"}", null, null)
            + chunk("{\"content\":\" there\"}", "stop",
                    "{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9,\"precached_prompt_tokens\":3}")
            + "data: [DONE]\n\n";

    private static SseBody body(boolean thoughts) {
        return SseBody.open(new ByteArrayInputStream(UPSTREAM.getBytes(StandardCharsets.UTF_8)), CTX,
                new GeminiStreamEncoder(CTX, thoughts), StreamLimits.none());
    }

    private static List<JsonNode> events(String sse) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(JSON.readTree(line.substring(6)));
            }
        }
        return out;
    }

    @Test
    void textThenOneFinalChunkWithFinishAndUsage() throws IOException {
        String sse;
        try (SseBody body = body(false)) {
            sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(sse).doesNotContain("event:").doesNotContain("[DONE]").doesNotContain("hmm");
        List<JsonNode> events = events(sse);
        assertThat(events).hasSize(3);
        assertThat(events.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hi");
        assertThat(events.get(1).at("/candidates/0/content/parts/0/text").asText()).isEqualTo(" there");
        JsonNode last = events.get(2);
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(7);
        assertThat(last.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(9);
        assertThat(last.at("/usageMetadata/cachedContentTokenCount").asInt()).isEqualTo(3);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
            assertThat(e.get("responseId").asText()).isEqualTo("chatcmpl-s");
        });
    }

    @Test
    void reasoningIsAThoughtPartWhenAskedFor() throws IOException {
        String sse;
        try (SseBody body = body(true)) {
            sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode first = events(sse).get(0);
        assertThat(first.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("hmm");
        assertThat(first.at("/candidates/0/content/parts/0/thought").asBoolean()).isTrue();
    }

    @Test
    void theJsonArrayFormCarriesTheSameObjects() throws IOException {
        String sse;
        try (SseBody body = body(false)) {
            sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        String array;
        try (InputStream in = new GeminiJsonArrayStream(body(false))) {
            array = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode parsed = JSON.readTree(array);
        assertThat(parsed.isArray()).isTrue();
        assertThat(parsed).hasSize(3);
        assertThat(List.copyOf(iterable(parsed))).isEqualTo(events(sse));
    }

    @Test
    void theJsonArrayFormReadsEventsSplitAcrossReads() throws IOException {
        byte[] sse = ("data: {\"a\":1}\n\nevent: x\ndata: {\"b\":\"2\\n\"}\n\n").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() { // one byte per read, as a slow client buffer might see it
            private int pos;

            @Override
            public int read() {
                return pos < sse.length ? sse[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= sse.length) {
                    return -1;
                }
                b[off] = sse[pos++];
                return 1;
            }
        };
        try (InputStream in = new GeminiJsonArrayStream(trickle)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[{\"a\":1},{\"b\":\"2\\n\"}]");
        }
        try (InputStream empty = new GeminiJsonArrayStream(new ByteArrayInputStream(new byte[0]))) {
            assertThat(new String(empty.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("[]");
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void codeRunsAreTheirOwnChunksAndTheLastChunkCarriesGroundingAndUrlContext() throws IOException {
        String upstream = chunk("{\"content\":\"Seen [sources=[1]]\",\"role\":\"assistant\","
                + "\"sources\":[{\"id\":\"1\",\"url\":\"https://a.invalid/é\",\"title\":\"A\"}],"
                + "\"code_runs\":[{\"code\":\"print(1)\",\"output\":\"1\\n\"}],"
                + "\"fetched_urls\":[{\"url\":\"https://b.invalid/p\"}]}", null, null)
                + chunk("{\"content\":\".\"}", "stop", "{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}");
        StreamContext asked = new StreamContext("chatcmpl-s", "gemini-2.5-flash", 1L, List.of(), false, false, null,
                "what is seen");
        String sse;
        try (SseBody body = SseBody.open(new ByteArrayInputStream(upstream.getBytes(StandardCharsets.UTF_8)), asked,
                new GeminiStreamEncoder(asked, false), StreamLimits.none())) {
            sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> events = events(sse);

        assertThat(events.get(0).at("/candidates/0/content/parts/0/executableCode/code").asText()).isEqualTo("print(1)");
        assertThat(events.get(1).at("/candidates/0/content/parts/0/codeExecutionResult/output").asText()).isEqualTo("1\n");
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.at("/candidates/0/content/parts/0/text").asText("")));
        JsonNode last = events.get(events.size() - 1).at("/candidates/0");
        for (JsonNode e : events.subList(0, events.size() - 1)) {
            assertThat(e.at("/candidates/0").has("groundingMetadata")).isFalse();
        }
        assertThat(last.at("/groundingMetadata/webSearchQueries/0").asText()).isEqualTo("what is seen");
        JsonNode segment = last.at("/groundingMetadata/groundingSupports/0/segment");
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(new String(utf8, segment.get("startIndex").asInt(),
                segment.get("endIndex").asInt() - segment.get("startIndex").asInt(), StandardCharsets.UTF_8))
                .isEqualTo("[1](https://a.invalid/é)");
        assertThat(last.at("/urlContextMetadata/urlMetadata/0/retrievedUrl").asText()).isEqualTo("https://b.invalid/p");
        assertThat(last.get("finishReason").asText()).isEqualTo("STOP");
    }
}
