package io.gigagate.stream;

import io.gigagate.error.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The seam: a front that is not OpenAI's writes only an encoder (named events, no {@code [DONE]}), and
 * gets GigaChat's reading, stop sequences, error objects, batching and client aborts from the same
 * {@link UpstreamEvents} and {@link SseBody} the OpenAI fronts use.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ToyFrontEncoderTest {

    private static final Duration GUARD = Duration.ofSeconds(10);
    private static final StreamContext CTX = new StreamContext(StreamFixture.ID, "toy-model", StreamFixture.CREATED,
            List.of("STOP"), false, false);

    /** A made-up front: {@code event: begin}, {@code event: delta}, {@code event: stop}, {@code event: oops}. */
    static final class ToyEncoder implements StreamEncoder {
        static final EventStream.EventName BEGIN = EventStream.EventName.of("begin");
        static final EventStream.EventName DELTA = EventStream.EventName.of("delta");
        static final EventStream.EventName CALL = EventStream.EventName.of("call");
        static final EventStream.EventName STOP = EventStream.EventName.of("stop");
        static final EventStream.EventName USAGE = EventStream.EventName.of("usage");
        static final EventStream.EventName OOPS = EventStream.EventName.of("oops");

        record Begin(String model) {
        }

        record Delta(String text) {
        }

        record Call(String id, String name, String input) {
        }

        record Stop(String why) {
        }

        record Tokens(int in, int out) {
        }

        record Oops(String code, String message) {
        }

        private final String model;

        ToyEncoder(StreamContext ctx) {
            this.model = ctx.requestedModel();
        }

        @Override
        public boolean wantsUsage() {
            return true;
        }

        @Override
        public void start(EventStream.Writer out) {
            out.event(BEGIN, new Begin(model));
        }

        @Override
        public void encode(StreamEvent event, EventStream.Writer out) {
            if (event instanceof StreamEvent.Text text) {
                out.event(DELTA, new Delta(text.text()));
            } else if (event instanceof StreamEvent.ToolCall call) {
                out.event(CALL, new Call(call.id(), call.name(), call.arguments()));
            } else if (event instanceof StreamEvent.Finish finish) {
                out.event(STOP, new Stop(finish.reason().name().toLowerCase()));
            } else if (event instanceof StreamEvent.Usage usage) {
                out.event(USAGE, new Tokens(usage.promptTokens(), usage.completionTokens()));
            }
        }

        @Override
        public void end(EventStream.Writer out) {
            // this front's stream just ends
        }

        @Override
        public void error(GatewayException error, EventStream.Writer out) {
            out.event(OOPS, new Oops(error.code(), error.getMessage()));
        }
    }

    @Test
    void aWholeAnswerInTheToyFormat() throws IOException {
        String upstream = chunk("{\"content\":\"Hel\",\"role\":\"assistant\"}", null)
                + chunk("{\"content\":\"lo\"}", null)
                + chunk("{\"content\":\"\"}", "length").replace("}\n\n",
                        ",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}\n\n")
                + "data: [DONE]\n\n";
        try (SseBody body = SseBody.open(TestStreams.of(upstream), CTX, new ToyEncoder(CTX), StreamLimits.none())) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("""
                    event: begin
                    data: {"model":"toy-model"}

                    event: delta
                    data: {"text":"Hel"}

                    event: delta
                    data: {"text":"lo"}

                    event: stop
                    data: {"why":"length"}

                    event: usage
                    data: {"in":7,"out":2}

                    """);
            assertThat(body.eventsSent()).isEqualTo(5);
            assertThat(body.finished()).isTrue();
        }
    }

    @Test
    void stopSequencesAndToolCallsComeFromTheSharedDecoder() throws IOException {
        String upstream = chunk("{\"content\":\"Hi ST\",\"role\":\"assistant\"}", null)
                + chunk("{\"content\":\"OP more\"}", null)
                + chunk("{\"content\":\"\"}", "stop").replace("}\n\n", ",\"usage\":{\"prompt_tokens\":1}}\n\n");
        try (SseBody body = SseBody.open(TestStreams.of(upstream), CTX, new ToyEncoder(CTX), StreamLimits.none())) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("""
                    event: begin
                    data: {"model":"toy-model"}

                    event: delta
                    data: {"text":"Hi "}

                    event: stop
                    data: {"why":"stop"}

                    event: usage
                    data: {"in":1,"out":0}

                    """);
        }
        String call = chunk("{\"content\":\"\",\"functions_state_id\":\"st-1\","
                + "\"function_call\":{\"name\":\"f\",\"arguments\":{\"x\":1}}}", "function_call");
        try (SseBody body = SseBody.open(TestStreams.of(call), CTX, new ToyEncoder(CTX), StreamLimits.none())) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("""
                    event: begin
                    data: {"model":"toy-model"}

                    event: call
                    data: {"id":"call_st-1","name":"f","input":"{\\"x\\":1}"}

                    event: stop
                    data: {"why":"tool_calls"}

                    event: usage
                    data: {"in":0,"out":0}

                    """);
        }
    }

    @Test
    void eventsLeaveAsTheyComeAndAMidStreamGigaChatErrorIsTheToyErrorEvent() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled()
                .send(chunk("{\"content\":\"Hello\",\"role\":\"assistant\"}", null));
        SseBody body = SseBody.open(upstream, CTX, new ToyEncoder(CTX), StreamLimits.none());
        byte[] buf = new byte[65536];

        // the opening leaves with the first event, and nothing waits for more upstream
        assertThat(assertTimeoutPreemptively(GUARD, () -> read(body, buf))).isEqualTo("""
                event: begin
                data: {"model":"toy-model"}

                event: delta
                data: {"text":"Hello"}

                """);
        upstream.send(chunk("{\"content\":\" world\"}", null));
        assertThat(assertTimeoutPreemptively(GUARD, () -> read(body, buf))).isEqualTo("""
                event: delta
                data: {"text":" world"}

                """);
        upstream.send("data: {\"status\":429,\"message\":\"Too many requests\"}\n\n");
        assertThat(assertTimeoutPreemptively(GUARD, () -> read(body, buf))).isEqualTo("""
                event: oops
                data: {"code":"rate_limit_exceeded","message":"GigaChat: Too many requests"}

                """);
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
        assertThat(body.finished()).isTrue();
        assertThat(upstream.isClosed()).isTrue();
    }

    @Test
    void closeFromAnotherThreadEndsABlockedRead() throws Exception {
        TestStreams.Controlled upstream = new TestStreams.Controlled()
                .send(chunk("{\"content\":\"Hello\",\"role\":\"assistant\"}", null));
        SseBody body = SseBody.open(upstream, CTX, new ToyEncoder(CTX), StreamLimits.none());
        byte[] buf = new byte[65536];
        assertThat(read(body, buf)).contains("event: delta");
        CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return body.read(buf, 0, buf.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100); // let the read block on the upstream
        assertThat(blocked).isNotDone();
        body.close();
        assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(upstream.isClosed()).isTrue();
        assertThat(body.finished()).isFalse();
        assertThat(body.read(buf, 0, buf.length)).isEqualTo(-1);
    }

    private static String read(SseBody body, byte[] buf) throws IOException {
        int n = body.read(buf, 0, buf.length);
        assertThat(n).isPositive();
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** A GigaChat chunk as one SSE event. */
    private static String chunk(String delta, String finishReason) {
        return "data: {\"choices\":[{\"delta\":" + delta + ",\"index\":0"
                + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"")
                + "}],\"created\":1768996176,\"model\":\"GigaChat:2.0.28.2\",\"object\":\"chat.completion\"}\n\n";
    }
}
