package io.gigagate.config;

import io.gigagate.error.FrontErrors;
import io.gigagate.openai.OpenAiErrors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class StartupGateFilterTest {

    private static final ApplicationReadyEvent READY =
            new ApplicationReadyEvent(new SpringApplication(), new String[0], null, Duration.ZERO);

    private static boolean passes(StartupGateFilter gate, String path, MockHttpServletResponse response) throws Exception {
        AtomicBoolean reached = new AtomicBoolean();
        gate.doFilter(new MockHttpServletRequest("POST", path), response,
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() { }, (req, res, chain) -> reached.set(true)));
        return reached.get();
    }

    @Test
    void aRequestBeforeReadyWaitsAndThenGoesOn() throws Exception {
        StartupGateFilter gate = new StartupGateFilter(Duration.ofSeconds(30), new ServletErrors(new FrontErrors(OpenAiErrors.INSTANCE)));
        CompletableFuture<Boolean> request = CompletableFuture.supplyAsync(() -> {
            try {
                return passes(gate, "/v1/chat/completions", new MockHttpServletResponse());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(request).as("held until ready").isNotDone();

        gate.onApplicationEvent(READY);

        assertThat(request.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void tooLongAStartIsAnOpenAiShaped503WithRetryAfter() throws Exception {
        StartupGateFilter gate = new StartupGateFilter(Duration.ofMillis(50), new ServletErrors(new FrontErrors(OpenAiErrors.INSTANCE)));
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(passes(gate, "/v1/models", response)).isFalse();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/json");
        JsonNode error = new ObjectMapper().readTree(response.getContentAsByteArray()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("gateway_starting");
        assertThat(error.get("type").asText()).isEqualTo("server_error");
    }

    @Test
    void probesAndRequestsAfterReadyNeverWait() throws Exception {
        StartupGateFilter gate = new StartupGateFilter(Duration.ofSeconds(30), new ServletErrors(new FrontErrors(OpenAiErrors.INSTANCE)));
        long start = System.nanoTime();
        assertThat(passes(gate, "/actuator/health/readiness", new MockHttpServletResponse())).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        gate.onApplicationEvent(READY);
        assertThat(passes(gate, "/v1/chat/completions", new MockHttpServletResponse())).isTrue();
    }
}
