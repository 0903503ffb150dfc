package io.gigagate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.support.GatewayTestSupport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 2,000 mixed requests on loopback (JSON chat, streams, streams the client abandons, upstream faults)
 * through 16 clients at once: every request gets a well-formed answer, and afterwards no upstream
 * connection is leased, no stream is open at GigaChat, and the thread count is back where it was.
 */
class SoakTest extends GatewayTestSupport {

    @Autowired
    PoolingHttpClientConnectionManager upstreamPool;

    enum Kind { JSON, STREAM, ABANDONED_STREAM, FAULT }

    private Kind kind(int i) {
        int slot = i % 20;
        return slot < 11 ? Kind.JSON : slot < 16 ? Kind.STREAM : slot < 18 ? Kind.ABANDONED_STREAM : Kind.FAULT;
    }

    private String run(Kind kind) throws Exception {
        boolean stream = kind == Kind.STREAM || kind == Kind.ABANDONED_STREAM;
        String body = "{\"model\":\"GigaChat\",\"stream\":" + stream
                + (kind == Kind.ABANDONED_STREAM ? ",\"update_interval\":0.05" : "")
                + (kind == Kind.FAULT ? ",\"temperature\":-1" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"soak\"}]}";
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/chat/completions")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (kind == Kind.ABANDONED_STREAM) {
                String first = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                return response.statusCode() == 200 && first != null && first.startsWith("data: ") ? "ok" : "bad " + first;
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return switch (kind) {
                case JSON -> response.statusCode() == 200 && text.contains("\"chat.completion\"") ? "ok" : "bad " + text;
                case STREAM -> response.statusCode() == 200 && text.endsWith("data: [DONE]\n\n") ? "ok" : "bad " + text;
                default -> response.statusCode() == 400 && text.startsWith("{\"error\"") ? "ok" : "bad " + text;
            };
        }
    }

    private void load(int requests, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        String outcome;
                        try {
                            outcome = run(kind(i));
                        } catch (Exception e) {
                            outcome = "bad " + e;
                        }
                        outcomes.merge(outcome.startsWith("bad") ? outcome.substring(0, Math.min(80, outcome.length()))
                                : outcome, 1, Integer::sum);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).as("outcomes").containsOnlyKeys("ok").containsEntry("ok", requests);
    }

    @Test
    void twoThousandMixedRequestsLeaveNoConnectionStreamOrThreadBehind() throws Exception {
        // warm up past the size of every pool (the platform-thread executor adds a thread per exchange
        // up to its size on Java 17), so their steady size is the baseline
        load(300, 16);
        int baselineThreads = settledThreadCount();

        load(2_000, 16);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while ((upstreamPool.getTotalStats().getLeased() > 0 || EMULATOR.activeStreams() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(upstreamPool.getTotalStats().getLeased()).as("leased upstream connections").isZero();
        assertThat(EMULATOR.activeStreams()).as("streams still open at GigaChat").isZero();
        assertThat(settledThreadCount()).as("threads after the soak").isLessThanOrEqualTo(baselineThreads + 16);
    }

    private static int settledThreadCount() throws InterruptedException {
        Thread.sleep(1_000);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
