package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.camel.AccessPolicyStep;
import io.gigagate.camel.ChatAnswers;
import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.FrontEndpointTemplate;
import io.gigagate.camel.FrontRouteConfiguration;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.TrafficLog;
import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.FrontErrors;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.KeySource;
import io.gigagate.support.GatewayTestSupport;
import io.gigagate.wire.WireJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/**
 * A front the usage accounting has never heard of (its own route configuration {@code mini-errors}, its own
 * error shape and key header, the shared chat steps), as the Responses, Anthropic and Gemini fronts will be:
 * its requests are recorded as front {@code mini} with GigaChat's tokens, and a spent budget is refused in
 * the mini front's own error shape.
 */
@TestPropertySource(properties = {
        "gigagate.security.api-keys.mini-team=" + UsageNewFrontTest.KEY,
        "gigagate.security.api-keys.mini-small=" + UsageNewFrontTest.KEY_SMALL,
        "gigagate.security.require-api-key=true",
        "gigagate.usage.flush-interval=20ms",
        "gigagate.usage.budgets.mini-small.tokens-per-day=1"})
class UsageNewFrontTest extends GatewayTestSupport {

    static final String KEY = "sk-mini-team-0123456789";
    static final String KEY_SMALL = "sk-mini-small-0123456789";
    static final ErrorRenderer MINI_ERRORS = error -> Map.of("miniError",
            Map.of("code", error.code(), "why", error.getMessage()));

    @Autowired
    UsageRecorder recorder;

    @TestConfiguration
    static class MiniFront {

        @Bean
        FrontRouteConfiguration miniRouteConfiguration(AccessPolicy accessPolicy, ClientContextCapture clientContextCapture,
                                                       TrafficLog trafficLog, FrontErrors frontErrors) {
            AccessPolicyStep access = new AccessPolicyStep(accessPolicy, List.of(new KeySource.Header("x-mini-key")), List.of());
            return new FrontRouteConfiguration("mini-errors", MINI_ERRORS, List.of("/mini/"), access, clientContextCapture,
                    trafficLog).addTo(frontErrors);
        }

        @Bean
        RoutesBuilder miniRoutes() {
            ChatAnswers answers = GatewayBeans.chatAnswers();
            return new RouteBuilder() {
                @Override
                public void configure() {
                    templatedRoute(FrontEndpointTemplate.ID).routeId("mini-generate")
                            .parameter("front", "mini-errors")
                            .parameter("path", "/mini/v1/generate")
                            .parameter("to", "direct:mini-generate");
                    from("direct:mini-generate").routeId("mini-generate-handler").routeConfigurationId("mini-errors")
                            .process("openAiChatRequestParser")
                            .process("chatRequestProcessor")
                            .to("direct:gigachat-chat")
                            .process(exchange -> answer(exchange, answers.read(exchange)));
                }
            };
        }

        private static void answer(Exchange exchange, ChatCompletion completion) throws Exception {
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(WireJson.mapper().writeValueAsBytes(Map.of(
                    "text", completion.choices().get(0).message().content(),
                    "tokens", completion.usage().promptTokens() + completion.usage().completionTokens())));
        }
    }

    private UsageRecord awaitRecord(String key, java.util.function.Predicate<UsageRecord> matching) {
        UsageRecord[] found = new UsageRecord[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (UsageRecord r : recorder.aggregates().recent(
                    new UsageQuery(null, null, key, null, null, null, false), 1000)) {
                if (matching.test(r)) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void aNewFrontsRequestsAreRecordedUnderItsName() throws Exception {
        HttpResponse<String> ok = post("/mini/v1/generate", chatBody("hello from mini"), "x-mini-key", KEY);
        assertThat(ok.statusCode()).isEqualTo(200);
        long tokens = json(ok).get("tokens").asLong();

        UsageRecord record = awaitRecord("mini-team", r -> r.status() == 200);
        assertThat(record.front()).isEqualTo("mini");
        assertThat(record.endpoint()).isEqualTo("/mini/v1/generate");
        assertThat(record.totalTokens()).isEqualTo(tokens).isPositive();
        assertThat(record.modelRequested()).isEqualTo("GigaChat-2");

        assertThat(post("/mini/v1/generate", "{\"messages\": 1}", "x-mini-key", KEY).statusCode()).isEqualTo(400);
        UsageRecord bad = awaitRecord("mini-team", r -> r.status() == 400);
        assertThat(bad.front()).isEqualTo("mini");
        assertThat(bad.errorType()).isNotBlank();
    }

    @Test
    void aSpentBudgetIsRefusedInTheNewFrontsOwnShape() throws Exception {
        assertThat(post("/mini/v1/generate", chatBody("spend"), "x-mini-key", KEY_SMALL).statusCode()).isEqualTo(200);
        HttpResponse<String>[] refused = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            refused[0] = post("/mini/v1/generate", chatBody("over"), "x-mini-key", KEY_SMALL);
            return refused[0].statusCode() == 429;
        });
        JsonNode error = json(refused[0]).get("miniError");
        assertThat(error.get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(refused[0].headers().firstValue(Budgets.RESET_HEADER)).isPresent();
        assertThat(refused[0].headers().firstValue("Retry-After")).isPresent();
        assertThat(awaitRecord("mini-small", r -> r.status() == 429).front()).isEqualTo("mini");
    }
}
