package io.gigagate.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.camel.AccessPolicyStep;
import io.gigagate.camel.ChatAnswers;
import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.FrontEndpointTemplate;
import io.gigagate.camel.FrontRequestParser;
import io.gigagate.camel.FrontRouteConfiguration;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.TrafficLog;
import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.FrontErrors;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.KeySource;
import io.gigagate.support.GatewayTestSupport;
import io.gigagate.wire.WireJson;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A front that is not OpenAI's, in test scope, built only from what a new front writes: its parser (its
 * JSON → the chat request), its answer (the chat completion → its JSON), its error renderer, and its
 * routes (endpoints from the {@code front-endpoint} template, its route configuration, and a flow of the
 * shared chat steps). Nothing of the chat pipeline is copied: model aliases, the GigaChat mapping, the
 * upstream door and GigaChat's error mapping are the ones OpenAI's chat uses, and failures come out in the
 * toy's shape, inside the routes and before them.
 *
 * <p>Its path has a Gemini-style {@code model:verb} segment, matched as one path variable and split by the
 * front: a template such as {@code {model}:generate} works on Spring MVC but not on platform-http's Vert.x
 * engine (Camel Main, Camel K), which reads {@code :generate} as a second variable.
 */
class ToyFrontTest extends GatewayTestSupport {

    /** The toy's request: {@code {"say": "..."}}; the model comes from the path. */
    record ToyRequest(String say) {
    }

    /** The toy's pure parser: its JSON → the internal chat request. */
    static ChatCompletionRequest parse(byte[] body) {
        ToyRequest toy;
        try {
            toy = WireJson.mapper().readValue(body, ToyRequest.class);
        } catch (java.io.IOException e) {
            throw GatewayException.invalidRequest("Not toy JSON.", null, "toy_unparsable");
        }
        if (toy.say() == null || toy.say().isBlank()) {
            throw GatewayException.invalidRequest("Say something.", "say", "toy_missing_say");
        }
        return WireJson.mapper().convertValue(Map.of("messages", List.of(Map.of("role", "user", "content", toy.say()))),
                ChatCompletionRequest.class);
    }

    /** The toy's errors: {@code {"toyError": {"kind", "why"}}}. */
    static final ErrorRenderer TOY_ERRORS = error -> Map.of("toyError",
            Map.of("kind", error.category().name().toLowerCase(java.util.Locale.ROOT), "why", error.getMessage()));

    @TestConfiguration
    static class ToyFront {

        @Bean
        FrontRouteConfiguration toyRouteConfiguration(AccessPolicy accessPolicy, ClientContextCapture clientContextCapture,
                                                      TrafficLog trafficLog, FrontErrors frontErrors) {
            // the gateway's one access policy, with the toy's own places for the key
            AccessPolicyStep access = new AccessPolicyStep(accessPolicy,
                    List.of(new KeySource.Header("x-toy-key"), new KeySource.Query("key")), List.of());
            return new FrontRouteConfiguration("toy-errors", TOY_ERRORS, List.of("/toy/"), access, clientContextCapture,
                    trafficLog).addTo(frontErrors);
        }

        @Bean
        FrontRequestParser<ChatCompletionRequest> toyParser() {
            return new FrontRequestParser<>(ToyFrontTest::parse);
        }

        @Bean
        RoutesBuilder toyRoutes() {
            ChatAnswers answers = GatewayBeans.chatAnswers();
            return new RouteBuilder() {
                @Override
                public void configure() {
                    templatedRoute(FrontEndpointTemplate.ID).routeId("toy-generate")
                            .parameter("front", "toy-errors")
                            .parameter("path", "/toy/v1beta/models/{target}")
                            .parameter("to", "direct:toy-generate");
                    from("direct:toy-generate").routeId("toy-generate-handler").routeConfigurationId("toy-errors")
                            .process(ToyFront::target)
                            .process("toyParser")
                            .process("contentAttachmentsProcessor")
                            .process("chatRequestProcessor")
                            .to("direct:gigachat-chat")
                            .process(exchange -> answer(exchange, answers.read(exchange)));
                }
            };
        }

        /** {@code <model>:generate}: the model for the chat steps; any other verb is not the toy's. */
        private static void target(Exchange exchange) {
            String target = exchange.getMessage().getHeader("target", String.class);
            int colon = target.lastIndexOf(':');
            if (colon <= 0 || !target.substring(colon + 1).equals("generate")) {
                throw GatewayException.notFound("No such toy method: " + target, "toy_unknown_method", null);
            }
            exchange.setProperty("gigagate.modelOverride", target.substring(0, colon));
        }

        /** The toy's answer: {@code {"said": text, "by": GigaChat's model}}. */
        private static void answer(Exchange exchange, ChatCompletion completion) throws Exception {
            exchange.getMessage().removeHeaders("*");
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(WireJson.mapper().writeValueAsBytes(Map.of(
                    "said", completion.choices().get(0).message().content(),
                    "by", exchange.getProperty("gigagate.gigachatModel", String.class))));
        }
    }

    @Test
    void theToyIsAnsweredThroughTheSharedChatSteps() throws Exception {
        HttpResponse<String> response = post("/toy/v1beta/models/gpt-4o:generate", "{\"say\": \"hello toy\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("said").asText()).isEqualTo("Echo: hello toy");
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        // the model from a Gemini-style path segment, through the same aliases as OpenAI's chat
        assertThat(sent.get("model").asText()).isNotEqualTo("gpt-4o").startsWith("GigaChat");
        assertThat(answer.get("by").asText()).isEqualTo(sent.get("model").asText());
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("hello toy");
    }

    @Test
    void theToysParserFailsInTheToysShape() throws Exception {
        HttpResponse<String> response = post("/toy/v1beta/models/GigaChat:generate", "{\"say\": \"\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/toyError/kind").asText()).isEqualTo("invalid_request");
        assertThat(json(response).at("/toyError/why").asText()).isEqualTo("Say something.");
        assertThat(EMULATOR.requests()).noneMatch(r -> r.path().endsWith("/chat/completions"));
    }

    @Test
    void gigaChatsErrorsReachTheToyInItsShape() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 429, "{\"status\":429,\"message\":\"Too many requests\"}",
                Map.of("Retry-After", "7"));

        HttpResponse<String> response = post("/toy/v1beta/models/GigaChat:generate", "{\"say\": \"hi\"}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(json(response).at("/toyError/kind").asText()).isEqualTo("rate_limit");
        assertThat(json(response).at("/toyError/why").asText()).contains("Too many requests");
        assertThat(json(response).has("error")).isFalse();
    }

    @Test
    void refusalsBeforeAnyRouteUseTheToysShapeUnderItsPrefixAndOpenAisElsewhere() throws Exception {
        HttpResponse<String> toy = post("/toy/v1beta/nothing", "{}");
        assertThat(toy.statusCode()).isEqualTo(404);
        assertThat(json(toy).at("/toyError/kind").asText()).isEqualTo("invalid_request");
        HttpResponse<String> verb = post("/toy/v1beta/models/GigaChat:sing", "{\"say\": \"hi\"}");
        assertThat(verb.statusCode()).isEqualTo(404);
        assertThat(json(verb).at("/toyError/why").asText()).isEqualTo("No such toy method: GigaChat:sing");

        HttpResponse<String> openAi = post("/v1/nothing", "{}");
        assertThat(openAi.statusCode()).isEqualTo(404);
        assertThat(json(openAi).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
