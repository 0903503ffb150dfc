package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gigagate.emulator.GigaChatEmulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tracing on: the answer names its trace in x-trace-id, the same id is in the log lines of the
 * request, and spans are exported over OTLP to the configured endpoint (a local collector here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // Spring Boot tests turn span export off unless asked
@ExtendWith(OutputCaptureExtension.class)
class TracingTest {

    static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("t").build().start();
    static final List<byte[]> EXPORTED = new CopyOnWriteArrayList<>();
    static final HttpServer COLLECTOR = collector();

    @LocalServerPort
    int port;


    static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/v1/traces", exchange -> {
                EXPORTED.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        registry.add("gigachat.base-url", EMULATOR::baseUrl);
        registry.add("gigachat.access-token", () -> "t");
        registry.add("gigachat.credentials", () -> "");
        registry.add("gigagate.tracing.enabled", () -> "true");
        registry.add("gigagate.tracing.otlp-endpoint",
                () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
        registry.add("gpt2giga.verbose", () -> "true");
    }

    @AfterAll
    static void stop() {
        EMULATOR.close();
        COLLECTOR.stop(0);
    }

    @Test
    void theTraceIdIsInTheHeaderTheLogsAndTheExportedSpans(CapturedOutput output) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"trace me\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        String traceId = response.headers().firstValue("x-trace-id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(output.getAll()).contains(traceId);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (EXPORTED.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(EXPORTED).as("spans exported over OTLP").isNotEmpty();
        assertThat(EXPORTED.stream().anyMatch(body -> body.length > 0)).isTrue();
    }
}
