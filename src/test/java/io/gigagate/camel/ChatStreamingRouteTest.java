package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** stream=true end to end: events pass through as they arrive, failures are clean, nothing leaks. */
class ChatStreamingRouteTest extends GatewayTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ChatStreamingRouteTest.class);

    @Autowired
    PoolingHttpClientConnectionManager upstreamPool;

    /** One SSE data line as the client saw it, with when it arrived. */
    record Received(String data, long nanos) {
    }

    record Streamed(int status, String contentType, List<Received> events, String errorBody) {
        List<String> data() {
            return events.stream().map(Received::data).toList();
        }
    }

    private static String streamBody(String text, String extra) {
        return "{\"model\":\"GigaChat-2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private InputStream open(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private Streamed stream(String body) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200) {
            return new Streamed(response.statusCode(), contentType, List.of(),
                    new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Received> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    events.add(new Received(line.substring(6), System.nanoTime()));
                }
            }
        }
        return new Streamed(200, contentType, events, null);
    }

    @Test
    void chunksFollowOpenAiRulesAndEndWithDone() throws Exception {
        Streamed s = stream(streamBody("tell me a story", ""));

        assertThat(s.status()).isEqualTo(200);
        assertThat(s.contentType()).startsWith("text/event-stream");
        List<String> data = s.data();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data.subList(0, data.size() - 1)) {
            chunks.add(JSON.readTree(d));
        }
        StringBuilder text = new StringBuilder();
        int withRole = 0;
        int withFinish = 0;
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("id").asText()).isEqualTo(chunks.get(0).get("id").asText()).startsWith("chatcmpl-");
            assertThat(chunk.get("model").asText()).isEqualTo("GigaChat-2");
            assertThat(chunk.has("usage")).isFalse();
            JsonNode delta = chunk.get("choices").get(0).get("delta");
            withRole += delta.has("role") ? 1 : 0;
            withFinish += chunk.get("choices").get(0).get("finish_reason").isNull() ? 0 : 1;
            text.append(delta.path("content").asText(""));
        }
        assertThat(withRole).isEqualTo(1);
        assertThat(chunks.get(0).get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        assertThat(withFinish).isEqualTo(1);
        assertThat(chunks.get(chunks.size() - 1).get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(text.toString()).isEqualTo("Echo: tell me a story");
    }

    @Test
    void usageComesOnlyInAnExtraFinalChunkWhenAskedFor() throws Exception {
        List<String> data = stream(streamBody("count tokens", "\"stream_options\":{\"include_usage\":true}")).data();

        JsonNode usageChunk = JSON.readTree(data.get(data.size() - 2));
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.get("usage").get("total_tokens").asInt()).isPositive();
        for (String d : data.subList(0, data.size() - 2)) {
            assertThat(JSON.readTree(d).has("usage")).isFalse();
        }
    }

    @Test
    void eventsReachTheClientWhileGigaChatIsStillSending() throws Exception {
        // update_interval passes through to GigaChat, which then spaces its events 200 ms apart
        Streamed s = stream(streamBody("five slow pieces", "\"update_interval\":0.2"));
        List<Long> sent = EMULATOR.lastStreamSentNanos();

        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("update_interval").asDouble()).isEqualTo(0.2);
        List<Received> content = s.events().subList(0, s.events().size() - 1);
        assertThat(sent).hasSize(content.size());
        assertThat(content.get(0).nanos()).as("first event received before the last was sent")
                .isLessThan(sent.get(sent.size() - 1));
        assertThat(content.get(content.size() - 1).nanos() - content.get(0).nanos())
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(3 * 200));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            delays.add(content.get(i).nanos() - sent.get(i));
            assertThat(content.get(i).nanos()).isGreaterThan(sent.get(i));
        }
        Collections.sort(delays);
        LOG.info("upstream event -> client event: median {} us, max {} us", delays.get(delays.size() / 2) / 1000,
                delays.get(delays.size() - 1) / 1000);
    }

    @Test
    void fiftyConcurrentSlowStreamsAllMakeProgressAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Streamed>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // 2.5 s streams: long enough that a busy machine still opens all 50 before the first ends,
                // short enough to show queueing behind a small pool as whole-stream delays
                calls.add(() -> stream(streamBody("concurrent", "\"update_interval\":0.5")));
            }
            List<Streamed> results = new ArrayList<>();
            for (Future<Streamed> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                results.add(f.get());
            }
            long latestFirstEvent = results.stream().mapToLong(r -> r.events().get(0).nanos()).max().orElseThrow();
            long earliestEnd = results.stream().mapToLong(r -> r.events().get(r.events().size() - 1).nanos()).min()
                    .orElseThrow();
            assertThat(results).allSatisfy(r -> assertThat(r.data()).last().isEqualTo("[DONE]"));
            assertThat(latestFirstEvent).as("every stream started before any finished").isLessThan(earliestEnd);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredTokenIsRenewedBeforeTheStreamStarts() throws Exception {
        EMULATOR.faults().expireAllTokens();

        Streamed s = stream(streamBody("after expiry", ""));

        assertThat(s.status()).isEqualTo(200);
        assertThat(s.data()).last().isEqualTo("[DONE]");
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(2);
    }

    @Test
    void anUpstreamErrorBeforeTheFirstEventIsAnHttpError() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 500);

        HttpResponse<String> response = post("/v1/chat/completions", streamBody("fail", ""));

        assertOpenAiError(response, 500, "server_error");
    }

    @Test
    void aConnectionDroppedMidStreamEndsWithAnErrorEvent() throws Exception {
        EMULATOR.faults().dropStreamAfter(2);

        List<String> data = stream(streamBody("this will break", "")).data();

        assertThat(data).doesNotContain("[DONE]");
        JsonNode error = JSON.readTree(data.get(data.size() - 1)).get("error");
        assertThat(error).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isEqualTo("server_error");
    }

    @Test
    void abortedClientsReleaseTheirUpstreamConnections() throws Exception {
        int abortedBefore = EMULATOR.streamsAbortedByClient();
        for (int i = 0; i < 20; i++) {
            // long enough (5 events 0.5 s apart) that GigaChat is still sending when the client leaves
            InputStream body = open(streamBody("abandon me", "\"update_interval\":0.5"));
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("data: ");
            body.close();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((EMULATOR.streamsAbortedByClient() < abortedBefore + 20 || upstreamPool.getTotalStats().getLeased() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(EMULATOR.streamsAbortedByClient()).isEqualTo(abortedBefore + 20);
        assertThat(upstreamPool.getTotalStats().getLeased()).isZero();
        assertThat(EMULATOR.activeStreams()).isZero();
    }

    @Test
    void finishedStreamsLeaveTheirUpstreamConnectionForTheNextOne() throws Exception {
        EMULATOR.clearRequests();
        for (int i = 0; i < 5; i++) {
            Streamed s = stream(streamBody("reuse " + i, i % 2 == 0 ? "" : "\"stream_options\":{\"include_usage\":true}"));
            assertThat(s.data().get(s.data().size() - 1)).isEqualTo("[DONE]");
        }
        // one after another, each stream found the previous one's connection back in the pool (before, every
        // stream's connection was dropped at its end: a new connection, and a TLS handshake, per stream)
        List<Integer> ports = EMULATOR.requests("/chat/completions").stream()
                .map(io.gigagate.emulator.RecordedRequest::clientPort).toList();
        assertThat(ports).hasSize(5);
        assertThat(new java.util.HashSet<>(ports)).hasSize(1);
        // the last stream's connection goes back when its exchange completes, which may be just after the client
        // has read [DONE]
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (upstreamPool.getTotalStats().getLeased() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(upstreamPool.getTotalStats().getLeased()).isZero();
    }

    @Test
    void aStopSequenceSplitAcrossUpstreamChunksIsCut() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("Hello ST", "OP world"));

        List<String> data = stream(streamBody("say it", "\"stop\":[\"STOP\"]")).data();

        StringBuilder text = new StringBuilder();
        String finish = null;
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode choice = JSON.readTree(d).get("choices").get(0);
            text.append(choice.get("delta").path("content").asText(""));
            if (!choice.get("finish_reason").isNull()) {
                finish = choice.get("finish_reason").asText();
            }
        }
        assertThat(text.toString()).isEqualTo("Hello ");
        assertThat(finish).isEqualTo("stop");
    }
}
