package io.gigagate.stream;

import io.gigagate.openai.OpenAiErrors;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.JsonAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SseBodyTest {

    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final StreamContext CTX = new StreamContext(StreamFixture.ID, "gpt-4o", StreamFixture.CREATED,
            null, false, false);
    private static final String HELLO = chunk("{\"content\":\"Hello\",\"role\":\"assistant\"}", null);
    private static final String WORLD = chunk("{\"content\":\" world\"}", null);
    private static final String FINISH = chunk("{\"content\":\"\"}", "stop");

    @ParameterizedTest
    @EnumSource(StreamFixture.class)
    void writesTheWholeStream(StreamFixture fixture) throws IOException {
        try (SseBody body = open(new ByteArrayInputStream(fixture.gigaChat()), fixture.context,
                StreamLimits.none())) {
            String sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            StreamAssertions.assertSameEvents(StreamFixture.dataOf(sse), fixture.openAiData());
            assertThat(sse).endsWith("\n\ndata: [DONE]\n\n");
            assertThat(body.eventsSent()).isEqualTo(fixture.openAiData().size());
        }
    }

    @Test
    void eachReadReturnsCompleteEventsAsSoonAsTheyAreTranslated() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO);
        SseBody body = open(upstream, CTX, StreamLimits.none());
        byte[] buf = new byte[65536];

        // nothing more is queued upstream: a read that waited for more would block until the guard fires
        String first = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(StreamFixture.dataOf(first)).hasSize(1);
        assertThat(first).contains("\"content\":\"Hello\"");

        upstream.send(WORLD);
        String second = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(StreamFixture.dataOf(second)).hasSize(1);
        assertThat(second).contains("\"content\":\" world\"");

        upstream.send(FINISH);
        String finish = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(finish).contains("\"finish_reason\":\"stop\"");

        // the choice is finished and usage is not wanted: [DONE] at once, in the same write, without
        // waiting for GigaChat's
        assertThat(finish).endsWith("}\n\ndata: [DONE]\n\n");
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
        assertThat(body.upstreamEvents()).isEqualTo(3);
        assertThat(body.eventsSent()).isEqualTo(4);
        // GigaChat's own [DONE] and the end of its body are read when the exchange closes the body, so the
        // connection can be reused
        assertThat(upstream.isClosed()).isFalse();
        upstream.send("data: [DONE]\n\n").end();
        body.close();
        assertThat(upstream.wasReadToEnd()).isTrue();
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void anUpstreamThatEndedIsReadToItsEndBeforeItIsClosed() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO).send("data: [DONE]\n\n")
                .send(": a trailing comment\n\n").end();
        SseBody body = open(upstream, CTX, StreamLimits.none());
        String sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sse).contains("Hello").endsWith("data: [DONE]\n\n");
        body.close();
        assertThat(upstream.wasReadToEnd()).isTrue();
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void anUpstreamGoingOnPastItsEndIsCutOffAfterTheTailLimit() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO).send(FINISH)
                .send(": " + "x".repeat(64 * 1024) + "\n\n");
        SseBody body = open(upstream, CTX, StreamLimits.none());
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).endsWith("data: [DONE]\n\n");
        // 64 KB more after the finish and no end: the close reads at most its limit, never waits for the end
        assertTimeoutPreemptively(GUARD, body::close);
        assertThat(upstream.wasReadToEnd()).isFalse();
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void aStreamCutShortByAStopSequenceClosesItsUpstreamAtOnceWithoutReadingOn() throws IOException {
        StreamContext stopAtStop = new StreamContext(StreamFixture.ID, "gpt-4o", StreamFixture.CREATED,
                List.of("STOP"), false, false);
        TestStreams.Controlled upstream = new TestStreams.Controlled()
                .send(chunk("{\"content\":\"Hello STOP and more\",\"role\":\"assistant\"}", null));
        SseBody body = open(upstream, stopAtStop, StreamLimits.none());
        String sse = assertTimeoutPreemptively(GUARD, () -> new String(body.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(sse).contains("Hello ").doesNotContain("more").endsWith("data: [DONE]\n\n");
        // GigaChat may still be generating: its connection is dropped at once, nothing more is read
        assertThat(upstream.isClosed()).isTrue();
        assertThat(upstream.wasReadToEnd()).isFalse();
    }

    @Test
    void eventsThatArriveTogetherLeaveInOneReadAndAPartialOneIsNotWaitedFor() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO);
        SseBody body = open(upstream, CTX, StreamLimits.none());
        byte[] buf = new byte[65536];
        assertThat(StreamFixture.dataOf(assertTimeoutPreemptively(GUARD, () -> read(body, buf)))).hasSize(1);

        // two whole events and the start of a third in one upstream read: one write for both, no wait
        String partial = FINISH.substring(0, 20);
        upstream.send(WORLD + WORLD + partial);
        String together = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(StreamFixture.dataOf(together)).hasSize(2);
        assertThat(together).doesNotContain("finish_reason\":\"stop");

        // the rest of the third, and the end of the stream behind it: the last chunk and [DONE] together
        upstream.send(FINISH.substring(20)).end();
        String last = assertTimeoutPreemptively(GUARD, () -> read(body, buf));
        assertThat(last).contains("\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
        assertThat(body.eventsSent()).isEqualTo(5);
    }

    @Test
    void aSmallBufferGetsTheRestOfAnEventWithoutWaitingForUpstream() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO);
        SseBody body = open(upstream, CTX, StreamLimits.none());
        StringBuilder event = new StringBuilder();
        byte[] small = new byte[7];
        assertTimeoutPreemptively(GUARD, () -> {
            while (!event.toString().endsWith("\n\n")) {
                int n = body.read(small, 0, small.length);
                assertThat(n).isPositive();
                event.append(new String(small, 0, n, StandardCharsets.ISO_8859_1));
            }
        });
        String utf8 = new String(event.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        assertThat(StreamFixture.dataOf(utf8)).hasSize(1);
        assertThat(body.available()).isZero();
        body.close();
    }

    @Test
    void anUpstreamFailureMidStreamBecomesAnErrorEventWithoutDone() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO)
                .fail(new IOException("Connection reset; Authorization: Bearer c2VjcmV0LXRva2VuLXRoYXQtaXMtbG9uZw=="));
        List<String> events = readAll(open(upstream, CTX, StreamLimits.none()));
        assertThat(events).hasSize(2);
        JsonNode error = assertErrorEvent(events.get(1), "server_error", "upstream_stream_error");
        assertThat(error.path("message").asText()).doesNotContain("Bearer", "Authorization", "reset", "Exception");
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void anIdleUpstreamIsReportedAsAnIdleTimeout() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO)
                .fail(new SocketTimeoutException("Read timed out"));
        List<String> events = readAll(open(upstream, CTX, StreamLimits.none()));
        assertThat(events).hasSize(2);
        assertErrorEvent(events.get(1), "server_error", "upstream_idle_timeout");
    }

    @Test
    void malformedJsonMidStreamBecomesAnErrorEvent() throws IOException {
        InputStream upstream = TestStreams.of(HELLO + "data: {\"choices\":[{\"delta\":\n\n" + FINISH);
        List<String> events = readAll(open(upstream, CTX, StreamLimits.none()));
        assertThat(events).hasSize(2);
        assertErrorEvent(events.get(1), "server_error", "upstream_stream_error");
    }

    @Test
    void aGigaChatErrorObjectMidStreamBecomesItsOpenAiError() throws IOException {
        InputStream upstream = TestStreams.of(HELLO + "data: {\"status\":429,\"message\":\"Too many requests\"}\n\n");
        List<String> events = readAll(open(upstream, CTX, StreamLimits.none()));
        assertThat(events).hasSize(2);
        JsonNode error = assertErrorEvent(events.get(1), "rate_limit_error", "rate_limit_exceeded");
        assertThat(error.path("message").asText()).isEqualTo("GigaChat: Too many requests");
    }

    @Test
    void exceedingTheTotalTimeoutBecomesAnErrorEvent() throws IOException {
        AtomicLong now = new AtomicLong(1_000);
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO).send(WORLD);
        SseBody body = open(upstream, CTX, new StreamLimits(Duration.ofSeconds(30)), now::get);
        byte[] buf = new byte[65536];
        assertThat(read(body, buf)).contains("Hello");
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        String error = read(body, buf);
        assertErrorEvent(StreamFixture.dataOf(error).get(0), "server_error", "upstream_timeout");
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
        assertThat(upstream.isClosed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ": only a comment\n\n", "data:\n\n", "data: [DONE]\n\n", "event: ping\n\n"})
    void anUpstreamEndingBeforeTheFirstEventFailsOpen(String raw) {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(raw).end();
        assertThatThrownBy(() -> open(upstream, CTX, StreamLimits.none()))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(OpenAiErrors.type(e.category())).isEqualTo("server_error");
                    assertThat(e.code()).isEqualTo("upstream_stream_error");
                });
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void anUpstreamFailingBeforeTheFirstEventFailsOpen() {
        TestStreams.Controlled upstream = new TestStreams.Controlled().fail(new IOException("Connection reset"));
        assertThatThrownBy(() -> open(upstream, CTX, StreamLimits.none()))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo("upstream_stream_error");
                    assertThat(e.getMessage()).doesNotContain("reset");
                });
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void malformedFirstEventFailsOpen() {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send("data: not json\n\n");
        assertThatThrownBy(() -> open(upstream, CTX, StreamLimits.none()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void aGigaChatErrorAsTheFirstEventIsMappedLikeAnHttpError() {
        TestStreams.Controlled upstream = new TestStreams.Controlled()
                .send("data: {\"status\":404,\"message\":\"No such model\"}\n\n");
        assertThatThrownBy(() -> open(upstream, CTX, StreamLimits.none()))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("model_not_found");
                    assertThat(e.getMessage()).isEqualTo("GigaChat: No such model");
                });
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void closeFromAnotherThreadEndsABlockedRead() throws Exception {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send(HELLO);
        SseBody body = open(upstream, CTX, StreamLimits.none());
        byte[] buf = new byte[65536];
        assertThat(read(body, buf)).contains("Hello");
        CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return body.read(buf, 0, buf.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        body.close();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(upstream.isClosed()).isTrue();
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
    }

    @Test
    void closeIsIdempotent() throws IOException {
        AtomicInteger closes = new AtomicInteger();
        InputStream upstream = new ByteArrayInputStream(HELLO.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        SseBody body = open(upstream, CTX, StreamLimits.none());
        body.close();
        body.close();
        assertThat(closes).hasValue(1);
    }

    @Test
    void readOneByteAtATimeGivesTheSameStream() throws IOException {
        StreamFixture fixture = StreamFixture.TEXT;
        SseBody body = open(TestStreams.oneByteAtATime(fixture.gigaChat()), fixture.context,
                StreamLimits.none());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int b = body.read(); b >= 0; b = body.read()) {
            out.write(b);
        }
        StreamAssertions.assertSameEvents(StreamFixture.dataOf(out.toString(StandardCharsets.UTF_8)), fixture.openAiData());
    }

    /** The OpenAI chat stream's body, as the chat completions front opens it. */
    private static SseBody open(InputStream upstream, StreamContext ctx, StreamLimits limits) {
        return SseBody.open(upstream, ctx, new ChatChunkEncoder(ctx), limits);
    }

    private static SseBody open(InputStream upstream, StreamContext ctx, StreamLimits limits,
                                java.util.function.LongSupplier nanoClock) {
        return SseBody.open(upstream, ctx, new ChatChunkEncoder(ctx), limits, nanoClock);
    }

    private static JsonNode assertErrorEvent(String data, String type, String code) {
        JsonNode tree = JsonAssertions.tree(data);
        assertThat(tree.size()).isEqualTo(1);
        JsonNode error = tree.path("error");
        assertThat(error.path("type").asText()).isEqualTo(type);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("\tat ", "java.");
        return error;
    }

    private static String read(SseBody body, byte[] buf) throws IOException {
        int n = body.read(buf, 0, buf.length);
        assertThat(n).isPositive();
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static List<String> readAll(SseBody body) throws IOException {
        try (body) {
            String sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sse).doesNotContain("[DONE]");
            return StreamFixture.dataOf(sse);
        }
    }

    /** A GigaChat chunk as one SSE event. */
    private static String chunk(String delta, String finishReason) {
        return "data: {\"choices\":[{\"delta\":" + delta + ",\"index\":0"
                + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"")
                + "}],\"created\":1768996176,\"model\":\"GigaChat:2.0.28.2\",\"object\":\"chat.completion\"}\n\n";
    }
}
