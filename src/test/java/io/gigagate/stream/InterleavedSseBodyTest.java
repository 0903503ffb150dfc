package io.gigagate.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.JsonAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterleavedSseBodyTest {

    private static final StreamContext CTX = new StreamContext(StreamFixture.ID, null, StreamFixture.CREATED, List.of(),
            true, false);

    @Test
    void eachChoiceIsWrittenWithItsIndexAndTheUsageIsSummed() throws IOException {
        ExecutorService readers = Executors.newCachedThreadPool();
        try {
            List<UpstreamEvents> choices = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                choices.add(UpstreamEvents.open(TestStreams.of(answer("choice " + i, 3, 2 + i)), CTX, true,
                        StreamLimits.none()));
            }
            String sse;
            try (InterleavedSseBody body = new InterleavedSseBody(choices, CTX, readers)) {
                sse = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> data = StreamFixture.dataOf(sse);
            assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
            JsonNode usage = JsonAssertions.tree(data.get(data.size() - 2));
            assertThat(usage.path("model").asText()).isEqualTo("GigaChat");
            assertThat(usage.path("choices")).isEmpty();
            assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(6);
            assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
            assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(11);
            for (int i = 0; i < 2; i++) {
                StringBuilder text = new StringBuilder();
                List<String> finishes = new ArrayList<>();
                for (String d : data.subList(0, data.size() - 2)) {
                    JsonNode choice = JsonAssertions.tree(d).path("choices").path(0);
                    if (choice.path("index").asInt() == i) {
                        text.append(choice.path("delta").path("content").asText(""));
                        if (choice.path("finish_reason").isTextual()) {
                            finishes.add(choice.path("finish_reason").asText());
                        }
                    }
                }
                assertThat(text.toString()).isEqualTo("choice " + i);
                assertThat(finishes).containsExactly("stop");
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aReaderPoolThatRefusesEndsTheRequestWith503AndClosesEveryChoice() {
        List<TestStreams.Tracked> upstreams = new ArrayList<>();
        List<UpstreamEvents> choices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestStreams.Tracked upstream = TestStreams.tracked(answer("choice " + i, 1, 1));
            upstreams.add(upstream);
            choices.add(UpstreamEvents.open(upstream, CTX, true, StreamLimits.none()));
        }
        ThreadPoolExecutor oneReader = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
        CountDownLatch hold = new CountDownLatch(1);
        oneReader.execute(() -> awaitQuietly(hold)); // the pool's only thread is busy
        try {
            assertThatThrownBy(() -> new InterleavedSseBody(choices, CTX, oneReader))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("stream_readers_exhausted");
                        assertThat(e.headers()).containsEntry("Retry-After", "1");
                    });
            assertThat(upstreams).allSatisfy(upstream -> assertThat(upstream.closed()).isTrue());
        } finally {
            hold.countDown();
            oneReader.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String answer(String text, int prompt, int completion) {
        return "data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\",\"role\":\"assistant\"},\"index\":0}],"
                + "\"model\":\"GigaChat:2\"}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"\"},\"index\":0,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + "}}\n\n"
                + "data: [DONE]\n\n";
    }
}
