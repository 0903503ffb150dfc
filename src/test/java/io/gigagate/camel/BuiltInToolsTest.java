package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.gigachat.BuiltInTool;
import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.GigaChatChatRequest;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.wire.WireJson;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The chat step's decision on the built-in tools a request asked for. */
class BuiltInToolsTest {

    private static final GigaChatApiModes ULTRA_ON_V2 = GigaChatApiModes.parse("v1", "GigaChat-3-Ultra=v2");

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    private final GigaChatChatRequest upstream = WireJson.mapper().convertValue(
            Map.of("model", "m", "messages", List.of()), GigaChatChatRequest.class);

    private static ChatCompletionRequest chat(boolean webSearch) {
        Map<String, Object> body = webSearch
                ? Map.of("messages", List.of(Map.of("role", "user", "content", "hi")), "web_search_options", Map.of())
                : Map.of("messages", List.of(Map.of("role", "user", "content", "hi")));
        return WireJson.mapper().convertValue(body, ChatCompletionRequest.class);
    }

    private static String ignored(Exchange exchange) {
        Map<?, ?> headers = exchange.getProperty(ExchangeKeys.RESPONSE_HEADERS, Map.class);
        return headers == null ? null : (String) headers.get(BuiltInToolPolicy.HEADER);
    }

    @Test
    void aModelOnV2GetsEachAskedToolOnce() {
        exchange.setProperty(ExchangeKeys.BUILT_IN_TOOLS, List.of(
                new BuiltInTool.Requested(BuiltInTool.WEB_SEARCH, "web_search"),
                new BuiltInTool.Requested(BuiltInTool.CODE_INTERPRETER, "code_execution")));
        GigaChatChatRequest sent = new BuiltInTools(ULTRA_ON_V2, true, new BuiltInToolPolicy(false))
                .apply(exchange, chat(true), "GigaChat-3-Ultra", upstream);

        assertThat(sent.builtInTools()).containsExactly("web_search", "code_interpreter");
        assertThat(ignored(exchange)).isNull();
    }

    @Test
    void aModelOnV1LeavesThemOutAndNamesThem() {
        GigaChatChatRequest sent = new BuiltInTools(ULTRA_ON_V2, true, new BuiltInToolPolicy(false))
                .apply(exchange, chat(true), "GigaChat-2-Max", upstream);

        assertThat(sent.builtInTools()).isNull();
        assertThat(ignored(exchange)).isEqualTo("web_search_options");
    }

    @Test
    void withTheMappingOffEvenV2LeavesThemOutAndStrictSaysWhy() {
        GigaChatChatRequest sent = new BuiltInTools(ULTRA_ON_V2, false, new BuiltInToolPolicy(false))
                .apply(exchange, chat(true), "GigaChat-3-Ultra", upstream);
        assertThat(sent.builtInTools()).isNull();
        assertThat(ignored(exchange)).isEqualTo("web_search_options");

        assertThatThrownBy(() -> new BuiltInTools(ULTRA_ON_V2, true, new BuiltInToolPolicy(true))
                .apply(new DefaultExchange(new DefaultCamelContext()), chat(true), "GigaChat-2-Max", upstream))
                .hasMessageContaining("web_search_options").hasMessageContaining("v2 contract only")
                .hasMessageContaining("GigaChat-2-Max");
    }

    @Test
    void aRequestWithoutBuiltInToolsIsLeftAsItIs() {
        assertThat(new BuiltInTools(ULTRA_ON_V2, true, new BuiltInToolPolicy(true))
                .apply(exchange, chat(false), "GigaChat-2-Max", upstream)).isSameAs(upstream);
        assertThat(ignored(exchange)).isNull();
    }

    @Test
    void onV1ImageGenerationIsText2ImageNamedBesideCustomFunctions() {
        exchange.setProperty(ExchangeKeys.BUILT_IN_TOOLS, List.of(
                new BuiltInTool.Requested(BuiltInTool.IMAGE_GENERATE, "image_generation")));
        GigaChatChatRequest withFunction = WireJson.mapper().convertValue(Map.of("model", "m", "messages", List.of(),
                "functions", List.of(Map.of("name", "get_weather"))), GigaChatChatRequest.class);

        GigaChatChatRequest sent = new BuiltInTools(ULTRA_ON_V2, true, new BuiltInToolPolicy(false))
                .apply(exchange, chat(false), "GigaChat-2-Max", withFunction);

        assertThat(sent.functionCall().asText()).isEqualTo("auto");
        assertThat(sent.functions()).extracting(GigaChatChatRequest.Function::name)
                .containsExactly("get_weather", "text2image");
        assertThat(sent.builtInTools()).isNull();
        assertThat(ignored(exchange)).isNull();
        // with no custom functions text2image needs no naming
        GigaChatChatRequest alone = new BuiltInTools(ULTRA_ON_V2, true, new BuiltInToolPolicy(false))
                .apply(exchange, chat(false), "GigaChat-2-Max", upstream);
        assertThat(alone.functions()).isNull();
        assertThat(alone.functionCall().asText()).isEqualTo("auto");
    }

    @Test
    void aFunctionNamedAsTheBuiltInItsToolGoesToIsRefused() {
        exchange.setProperty(ExchangeKeys.BUILT_IN_TOOLS, List.of(
                new BuiltInTool.Requested(BuiltInTool.CODE_INTERPRETER, "code_execution")));
        GigaChatChatRequest named = WireJson.mapper().convertValue(Map.of("model", "m", "messages", List.of(),
                "functions", List.of(Map.of("name", "code_interpreter"))), GigaChatChatRequest.class);
        BuiltInTools tools = new BuiltInTools(ULTRA_ON_V2, true, new BuiltInToolPolicy(false));

        assertThatThrownBy(() -> tools.apply(exchange, chat(false), "GigaChat-3-Ultra", named))
                .isInstanceOfSatisfying(io.gigagate.error.GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("tool_name_collision");
                    assertThat(e.getMessage()).contains("'code_interpreter'", "'code_execution'");
                });
        // on v1 the tool is not served, so the name is free
        assertThat(tools.apply(exchange, chat(false), "GigaChat-2-Max", named).functions()).hasSize(1);
    }
}
