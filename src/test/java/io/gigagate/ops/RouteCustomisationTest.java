package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.support.GatewayTestSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The worked examples of docs/customising-routes.md, each loaded from a customised copy of routes/
 * (the directory chosen by gigagate.routes-dir): a header that forces the model, a step that redacts
 * e-mail addresses before GigaChat sees them, and extra endpoints.
 */
@TestPropertySource(properties = "gigagate.routes-dir=target/custom-routes/examples")
class RouteCustomisationTest extends GatewayTestSupport {

    /** Where the examples go in openai-chat.camel.yaml: first steps of the chat handler. */
    static final String CHAT_HANDLER_FIRST_STEP = "        - process:\n            ref: openAiChatRequestParser";

    // docs/customising-routes.md, example 1
    static final String FORCE_MODEL = """
                    - setProperty:
                        name: gigagate.modelOverride
                        simple: "${header.X-GigaGate-Model}"
            """;

    // docs/customising-routes.md, example 2
    static final String REDACT_EMAILS = """
                    - transform:
                        simple: '${bodyAs(String).replaceAll("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]+", "[email hidden]")}'
            """;

    // docs/customising-routes.md, example 3
    static final String EXTRA_ENDPOINTS = """
            - route:
                id: custom-gigachat-balance
                routeConfigurationId: openai-errors
                from:
                  uri: platform-http:/v1/gigachat/balance
                  parameters:
                    httpMethodRestrict: GET
                  steps:
                    - to: direct:gigachat-balance      # through the one door: auth, retry on 401, errors
                    - removeHeaders:
                        pattern: "*"
                    - setHeader:
                        name: Content-Type
                        constant: application/json
            - templatedRoute:
                routeTemplateRef: front-endpoint
                routeId: custom-prefixed-chat-completions
                parameters:
                  - {name: path, value: "/openai/v1/chat/completions"}
                  - {name: to, value: "direct:openai-chat-completions"}
            """;

    static {
        Path dir = CustomRoutesDirectory.freshCopy("examples");
        CustomRoutesDirectory.insertBefore(dir, "openai-chat.camel.yaml", CHAT_HANDLER_FIRST_STEP, FORCE_MODEL + REDACT_EMAILS);
        CustomRoutesDirectory.write(dir, "custom-endpoints.camel.yaml", EXTRA_ENDPOINTS);
    }

    @Test
    void aHeaderForcesTheModelSentToGigaChat() throws Exception {
        var response = post("/v1/chat/completions", chatBody("hi"), "X-GigaGate-Model", "GigaChat-2-Max");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2-Max");
    }

    @Test
    void withoutTheHeaderTheClientsModelIsUsed() throws Exception {
        assertThat(post("/v1/chat/completions", chatBody("hi")).statusCode()).isEqualTo(200);

        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2");
    }

    @Test
    void emailAddressesAreRedactedBeforeTheyReachGigaChat() throws Exception {
        var response = post("/v1/chat/completions", chatBody("Write to ivan.petrov+news@mail.example.ru or anna@sber.ru, please"));

        assertThat(response.statusCode()).isEqualTo(200);
        String sent = EMULATOR.lastRequest("/chat/completions").chat().at("/messages/0/content").asText();
        assertThat(sent).isEqualTo("Write to [email hidden] or [email hidden], please");
    }

    @Test
    void anExtraEndpointAnswersGigaChatsBalance() throws Exception {
        var response = get("/v1/gigachat/balance");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/balance/0/usage").asText()).isEqualTo("GigaChat");
        assertThat(response.headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void anExtraPathServesChatCompletions() throws Exception {
        var response = post("/openai/v1/chat/completions", chatBody("hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("object").asText()).isEqualTo("chat.completion");
    }
}
