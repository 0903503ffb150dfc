package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.gigachat.CompletionsMapper;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** POST /v1/completions through the gateway and the emulator. */
class CompletionsRouteTest extends GatewayTestSupport {

    @Nested
    class Plain {

        @Test
        void aPromptIsAUserMessageAndTheReplyIsTheText() throws Exception {
            HttpResponse<String> response = post("/v1/completions",
                    "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\",\"max_tokens\":7}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("object").asText()).isEqualTo("text_completion");
            assertThat(body.get("id").asText()).startsWith("cmpl-");
            assertThat(body.get("model").asText()).isEqualTo("gpt-3.5-turbo-instruct");
            assertThat(body.at("/choices/0/text").asText()).isEqualTo("Echo: Say this is a test");
            assertThat(body.at("/choices/0/logprobs").isNull()).isTrue();
            assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(body.at("/usage/total_tokens").asInt()).isPositive();
            JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
            assertThat(sent.get("messages")).hasSize(1);
            assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Say this is a test");
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(7);
        }

        @Test
        void severalPromptsGiveOneChoiceEachInOrder() throws Exception {
            JsonNode body = json(post("/completions", "{\"prompt\":[\"one\",\"two\",\"three\"]}"));

            assertThat(body.get("choices")).hasSize(3);
            assertThat(body.at("/choices/2/text").asText()).isEqualTo("Echo: three");
            assertThat(body.at("/choices/2/index").asInt()).isEqualTo(2);
        }

        @Test
        void stopSequencesCutTheText() throws Exception {
            JsonNode body = json(post("/v1/completions", "{\"prompt\":\"abc. def\",\"stop\":[\".\"]}"));
            assertThat(body.at("/choices/0/text").asText()).isEqualTo("Echo: abc");
        }

        @Test
        void echoReturnsThePromptBeforeTheText() throws Exception {
            JsonNode body = json(post("/v1/completions", "{\"prompt\":\"Hi\",\"echo\":true}"));
            assertThat(body.at("/choices/0/text").asText()).isEqualTo("HiEcho: Hi");
        }
    }

    @Nested
    class FillInTheMiddle {

        @Test
        void aSuffixSendsTheDocumentedPromptForm() throws Exception {
            HttpResponse<String> response = post("/v1/completions",
                    "{\"prompt\":\"def add(a, b):\\n    return \",\"suffix\":\"\\n\\nprint(add(1, 2))\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
            assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(sent.at("/messages/0/content").asText()).isEqualTo(CompletionsMapper.FIM_INSTRUCTION);
            assertThat(sent.at("/messages/1/content").asText())
                    .isEqualTo("<prefix>def add(a, b):\n    return </prefix>\n<suffix>\n\nprint(add(1, 2))</suffix>");
        }
    }

    @Nested
    class Streaming {

        @Test
        void textCompletionChunksThenDone() throws Exception {
            HttpResponse<String> response = post("/v1/completions",
                    "{\"prompt\":\"stream me\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("text/event-stream"));
            List<JsonNode> chunks = new ArrayList<>();
            String[] events = response.body().split("\n\n");
            assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
            for (int i = 0; i < events.length - 1; i++) {
                chunks.add(JSON.readTree(events[i].substring("data: ".length())));
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode chunk : chunks) {
                assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
                assertThat(chunk.get("id").asText()).isEqualTo(chunks.get(0).get("id").asText());
                chunk.get("choices").forEach(c -> text.append(c.get("text").asText()));
            }
            assertThat(text.toString()).isEqualTo("Echo: stream me");
            JsonNode last = chunks.get(chunks.size() - 1);
            assertThat(last.get("choices")).isEmpty();
            assertThat(last.at("/usage/total_tokens").asInt()).isPositive();
            assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        }

        @Test
        void severalPromptsWithStreamAreA400() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/completions",
                    "{\"prompt\":[\"a\",\"b\"],\"stream\":true}"), 400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("prompt");
        }
    }

    @Nested
    class Refusals {

        @Test
        void aMissingPromptIsA400NamingPrompt() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/completions", "{\"model\":\"x\"}"), 400, "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("prompt");
            assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
        }

        @Test
        void aWronglyTypedPromptIsA400() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/completions", "{\"prompt\":{\"a\":1}}"), 400,
                    "invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("invalid_type");
        }

        @Test
        void aWronglyTypedSuffixIsA400NamingSuffix() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/completions", "{\"prompt\":\"a\",\"suffix\":3}"), 400,
                    "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("suffix");
        }

        @Test
        void tooManyPromptsTimesNIsA400() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/completions", "{\"prompt\":[\"a\",\"b\"],\"n\":9}"), 400,
                    "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("prompt");
        }

        @Test
        void aTemperatureOutOfRangeIsA400() throws Exception {
            JsonNode error = assertOpenAiError(post("/v1/completions", "{\"prompt\":\"a\",\"temperature\":3}"), 400,
                    "invalid_request_error");
            assertThat(error.get("param").asText()).isEqualTo("temperature");
        }
    }
}
