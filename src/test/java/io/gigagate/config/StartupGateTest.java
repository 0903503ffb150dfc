package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.support.GatewayTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Tomcat listens before Camel has built its routes. A request in that window waits for them instead of
 * getting a 404; the readiness probe is answered at once. The window is made wide and observable by a
 * route builder that, while Camel collects the routes, sends both requests and looks at them.
 */
class StartupGateTest extends GatewayTestSupport {

    static CompletableFuture<HttpResponse<String>> earlyPing;
    static volatile boolean pingAnsweredBeforeRoutes;
    static volatile int readinessDuringStartup;

    @TestConfiguration
    static class EarlyClient {

        @Bean
        RoutesBuilder earlyClientRoutes(Environment environment) {
            return new RouteBuilder() {
                @Override
                public void configure() throws Exception {
                    String base = "http://127.0.0.1:" + environment.getProperty("local.server.port");
                    earlyPing = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/ping"))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                    readinessDuringStartup = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                    Thread.sleep(300); // the ping has had time to reach the gateway and be answered, were it not held
                    pingAnsweredBeforeRoutes = earlyPing.isDone();
                }
            };
        }
    }

    @Test
    void aRequestDuringStartWaitsForTheRoutesAndProbesDoNot() throws Exception {
        assertThat(readinessDuringStartup).as("readiness while starting").isEqualTo(503);
        assertThat(pingAnsweredBeforeRoutes).as("ping answered before the routes existed").isFalse();
        HttpResponse<String> ping = earlyPing.get(30, TimeUnit.SECONDS);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).contains("\"status\":\"ok\"");
    }
}
