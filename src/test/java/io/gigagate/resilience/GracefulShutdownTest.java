package io.gigagate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.Application;
import io.gigagate.emulator.GigaChatEmulator;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping the gateway lets a stream in flight finish before the process goes away. */
class GracefulShutdownTest {

    @Test
    void aStreamInFlightFinishesWhenTheGatewayStops() throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().staticToken("t").build().start();
                ServerSocket probe = new ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();
            ConfigurableApplicationContext app = SpringApplication.run(Application.class,
                    "--server.port=" + port, "--gigachat.base-url=" + emulator.baseUrl(), "--gigachat.access-token=t",
                    "--gigachat.credentials=", "--gigagate.drain-timeout=20s");
            try {
                CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient().sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"GigaChat\",\"stream\":true,"
                                        + "\"update_interval\":0.4,\"messages\":[{\"role\":\"user\",\"content\":\"finish me\"}]}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (emulator.activeStreams() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(emulator.activeStreams()).as("the stream has started").isEqualTo(1);

                app.close();

                HttpResponse<String> response = stream.get();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).endsWith("data: [DONE]\n\n");
            } finally {
                app.close();
            }
        }
    }
}
