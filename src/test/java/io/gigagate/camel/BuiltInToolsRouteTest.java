package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Chat's {@code web_search_options} is GigaChat's built-in web search: on the v2 contract (the v2 run of this
 * test) it is sent as {@code tools: [{web_search: {}}]} and the answer's citations come back as links and
 * {@code url_citation} annotations; on v1 it cannot be served and is named in {@code x-gigagate-ignored-tools}.
 */
class BuiltInToolsRouteTest extends GatewayTestSupport {

    private static final boolean V2 = "v2".equals(System.getProperty(API_MODE_PROPERTY));

    private static final String ASK = """
            {"model": "GigaChat-2-Max", "web_search_options": {}%s,
             "messages": [{"role": "user", "content": "Python news"}]}""";

    @Test
    void webSearchIsServedOnV2AndNamedAsLeftOutOnV1() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", ASK.formatted(""));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").json();
        JsonNode message = json(response).at("/choices/0/message");
        if (V2) {
            assertThat(sent.get("tools").toString()).contains("{\"web_search\":{}}");
            assertThat(response.headers().firstValue("x-gigagate-ignored-tools")).isEmpty();
            String content = message.get("content").asText();
            assertThat(content).contains("[1](https://search.invalid/python-news)")
                    .contains("[2](https://search.invalid/more/python-news)").doesNotContain("[sources=");
            JsonNode citation = message.at("/annotations/0");
            assertThat(citation.get("type").asText()).isEqualTo("url_citation");
            JsonNode url = citation.get("url_citation");
            assertThat(url.get("url").asText()).isEqualTo("https://search.invalid/python-news");
            assertThat(url.get("title").asText()).isEqualTo("About python-news");
            assertThat(content.substring(url.get("start_index").asInt(), url.get("end_index").asInt()))
                    .isEqualTo("[1](https://search.invalid/python-news)");
        } else {
            assertThat(sent.has("builtin_tools")).isFalse();
            assertThat(sent.toString()).doesNotContain("web_search");
            assertThat(response.headers().firstValue("x-gigagate-ignored-tools")).hasValue("web_search_options");
            assertThat(message.has("annotations")).isFalse();
        }
    }

    @Test
    void aStreamCarriesTheSameLinks() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", ASK.formatted(", \"stream\": true"));

        StringBuilder content = new StringBuilder();
        java.util.List<JsonNode> annotations = new java.util.ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode delta = JSON.readTree(line.substring(6)).at("/choices/0/delta");
                content.append(delta.path("content").asText(""));
                delta.path("annotations").forEach(annotations::add);
            }
        }
        if (V2) {
            assertThat(content.toString()).contains("[1](https://search.invalid/python-news)").doesNotContain("[sources=");
            // each citation streamed after the text it cites, its indices into the whole content
            assertThat(annotations).hasSize(2);
            for (int i = 0; i < 2; i++) {
                JsonNode url = annotations.get(i).get("url_citation");
                assertThat(annotations.get(i).get("type").asText()).isEqualTo("url_citation");
                assertThat(content.substring(url.get("start_index").asInt(), url.get("end_index").asInt()))
                        .isEqualTo("[" + (i + 1) + "](" + url.get("url").asText() + ")");
            }
            assertThat(annotations.get(0).at("/url_citation/title").asText()).isEqualTo("About python-news");
            assertThat(response.body().indexOf("\"annotations\"")).as("a citation follows the text it cites")
                    .isGreaterThan(response.body().indexOf("python-news)"));
        } else {
            assertThat(annotations).isEmpty();
            assertThat(response.headers().firstValue("x-gigagate-ignored-tools")).hasValue("web_search_options");
            assertThat(content.toString()).doesNotContain("](https://");
        }
    }
}
