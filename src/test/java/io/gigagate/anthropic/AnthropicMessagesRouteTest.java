package io.gigagate.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.files.TestImages;
import io.gigagate.support.GatewayTestSupport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic front through the running app over plain HTTP: what reaches GigaChat, Anthropic's error shape
 * and statuses on its paths, stop sequences, attachments, built-in tools left out and named, headers never
 * forwarded, stream failures before and after the first event, and the models' two shapes.
 */
class AnthropicMessagesRouteTest extends GatewayTestSupport {

    private static final String[] ANTHROPIC = {"anthropic-version", "2023-06-01", "anthropic-beta",
            "interleaved-thinking-2025-05-14", "x-api-key", "sk-ant-unused"};

    private static String body(String extra) {
        return "{\"model\":\"claude-3-5-haiku-20241022\",\"max_tokens\":64," + extra + "}";
    }

    private static String userSays(String text) {
        return body("\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]");
    }

    private static void assertAnthropicError(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/type").asText()).isEqualTo(type);
        assertThat(error.at("/error/message").asText()).isNotBlank();
        assertThat(error.has("choices")).isFalse();
    }

    @Test
    void aMessageGoesToGigaChatWithItsAliasAndNoAnthropicHeader() throws Exception {
        HttpResponse<String> response = post("/v1/messages?beta=true", userSays("hi"), ANTHROPIC);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode message = json(response);
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("model").asText()).isEqualTo("claude-3-5-haiku-20241022");
        assertThat(message.at("/content/0/text").asText()).isEqualTo("Echo: hi");
        RecordedRequest sent = EMULATOR.lastRequest("/chat/completions");
        assertThat(sent.chat().get("model").asText()).isEqualTo("GigaChat-2");
        assertThat(sent.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("anthropic")
                || h.equalsIgnoreCase("x-api-key"));
    }

    @Test
    void claudeCodesSessionBecomesGigaChatsSession() throws Exception {
        post("/v1/messages", userSays("hi"), "x-claude-code-session-id", "2acbe86a-716d-4657-a7d6-a88ad3697800");
        assertThat(EMULATOR.lastRequest("/chat/completions").header("X-Session-ID"))
                .isEqualTo("2acbe86a-716d-4657-a7d6-a88ad3697800");

        post("/v1/messages", userSays("hi"), "x-claude-code-session-id", "cc-1", "X-Session-ID", "own-session");
        assertThat(EMULATOR.lastRequest("/chat/completions").header("X-Session-ID")).isEqualTo("own-session");
    }

    @Test
    void badRequestsAre400InAnthropicsShapeAndNeverReachGigaChat() throws Exception {
        assertAnthropicError(post("/v1/messages", "{\"model\":\"claude-sonnet-4\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}"), 400, "invalid_request_error");
        assertThat(json(post("/v1/messages", "not json")).at("/error/message").asText())
                .isEqualTo("The request body is not valid JSON.");
        HttpResponse<String> role = post("/v1/messages", body("\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]"));
        assertAnthropicError(role, 400, "invalid_request_error");
        assertThat(json(role).at("/error/message").asText()).contains("messages[0].role");
        HttpResponse<String> block = post("/v1/messages", body("\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"video\",\"url\":\"x\"}]}]"));
        assertThat(json(block).at("/error/message").asText()).contains("messages[0].content[0].type", "video");
        assertAnthropicError(post("/v1/messages", body("\"temperature\":1.5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]")), 400, "invalid_request_error");
        assertThat(EMULATOR.requests()).noneMatch(r -> r.path().endsWith("/chat/completions"));
        // a path under the front's prefix that does not exist is the front's 404
        assertAnthropicError(post("/v1/messages/batches", "{}"), 404, "not_found_error");
    }

    @Test
    void gigaChatFailuresHaveAnthropicsStatuses() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 503, "{\"status\":503,\"message\":\"Service unavailable\"}",
                Map.of());
        assertAnthropicError(post("/v1/messages", userSays("hi")), 529, "overloaded_error");
        EMULATOR.faults().failNext("/chat/completions", 429, "{\"status\":429,\"message\":\"Too many requests\"}",
                Map.of("Retry-After", "7"));
        HttpResponse<String> limited = post("/v1/messages", userSays("hi"));
        assertAnthropicError(limited, 429, "rate_limit_error");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        EMULATOR.faults().failNext("/chat/completions", 422, "{\"status\":422,\"message\":\"Invalid params\"}", Map.of());
        assertAnthropicError(post("/v1/messages", userSays("hi")), 400, "invalid_request_error");
    }

    @Test
    void thinkingAsksGigaChatForReasoningAndItComesBackAsAThinkingBlock() throws Exception {
        JsonNode message = json(post("/v1/messages", body("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"why is the sky blue\"}]")));

        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("reasoning_effort").asText()).isEqualTo("medium");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(message.at("/content/0/thinking").asText()).startsWith("Reasoning (medium)");
        assertThat(message.at("/content/0/signature").asText()).isNotEmpty();
        assertThat(message.at("/content/1/text").asText()).isEqualTo("Echo: why is the sky blue");

        String events = post("/v1/messages", body("\"stream\":true,\"thinking\":{\"type\":\"enabled\","
                + "\"budget_tokens\":10000},\"messages\":[{\"role\":\"user\",\"content\":\"why\"}]")).body();
        assertThat(events.indexOf("\"thinking_delta\"")).isPositive().isLessThan(events.indexOf("\"text_delta\""));
        assertThat(events).contains("\"signature_delta\"");

        JsonNode off = json(post("/v1/messages", body("\"thinking\":{\"type\":\"disabled\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"why\"}]")));
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().has("reasoning_effort")).isFalse();
        assertThat(off.get("content")).hasSize(1);
        assertThat(off.at("/content/0/type").asText()).isEqualTo("text");
    }

    @Test
    void aStopSequenceIsCutAndNamed() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.text("one two THREE four"));
        JsonNode message = json(post("/v1/messages", body("\"stop_sequences\":[\"FOUR\",\"THREE\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]")));

        assertThat(message.at("/content/0/text").asText()).isEqualTo("one two ");
        assertThat(message.get("stop_reason").asText()).isEqualTo("stop_sequence");
        assertThat(message.get("stop_sequence").asText()).isEqualTo("THREE");
    }

    @Test
    void theTokenLimitAndTheBlacklistHaveTheirStopReasons() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.builder().content("I cannot discuss that.").finishReason("blacklist")
                .build());
        JsonNode refusal = json(post("/v1/messages", userSays("something forbidden")));
        assertThat(refusal.get("stop_reason").asText()).isEqualTo("refusal");
        assertThat(refusal.get("stop_sequence").isNull()).isTrue();

        EMULATOR.faults().enqueueChat(ChatReply.builder().content("cut sh").finishReason("length").build());
        assertThat(json(post("/v1/messages", userSays("long"))).get("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void imagesAndDocumentsBecomeGigaChatFiles() throws Exception {
        String png = Base64.getEncoder().encodeToString(TestImages.png(0x123456));
        HttpResponse<String> response = post("/v1/messages", body("\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + png + "\"}},"
                + "{\"type\":\"document\",\"title\":\"notes\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\","
                + "\"data\":\"Meeting at noon.\"}},"
                + "{\"type\":\"text\",\"text\":\"What is in these?\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(EMULATOR.requests("/files")).hasSize(2);
        JsonNode user = EMULATOR.lastRequest("/chat/completions").chat().at("/messages/0");
        assertThat(user.get("content").asText()).isEqualTo("What is in these?");
        assertThat(user.get("attachments")).hasSize(2);

        HttpResponse<String> url = post("/v1/messages", body("\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\"}}]}]"));
        assertAnthropicError(url, 400, "invalid_request_error");
        assertThat(json(url).at("/error/message").asText()).contains("messages[0].content[0].source.type");
    }

    @Test
    void serverToolsAreGigaChatsOwnOnV2AndOtherwiseLeftOutAndNamedInAHeader() throws Exception {
        boolean v2 = "v2".equals(System.getProperty(API_MODE_PROPERTY));
        HttpResponse<String> response = post("/v1/messages", body("\"tools\":["
                + "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3},"
                + "{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"},"
                + "{\"type\":\"bash_20250124\",\"name\":\"bash\"},"
                + "{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}],"
                + "\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"search\"}]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        RecordedRequest sent = EMULATOR.lastRequest("/chat/completions");
        // bash has no GigaChat counterpart; web search and code execution are GigaChat's own on its v2 contract
        assertThat(response.headers().firstValue("x-gigagate-ignored-tools"))
                .hasValue(v2 ? "bash" : "bash, web_search, code_execution");
        if (v2) {
            assertThat(sent.json().toString()).contains("web_search", "code_interpreter");
        } else {
            assertThat(sent.json().toString()).doesNotContain("web_search", "code_interpreter");
        }
        assertThat(sent.chat().get("functions")).hasSize(1);
        assertThat(sent.chat().at("/functions/0/name").asText()).isEqualTo("lookup");

        HttpResponse<String> streamed = post("/v1/messages", body("\"stream\":true,\"tools\":["
                + "{\"type\":\"text_editor_20250728\",\"name\":\"str_replace_based_edit_tool\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"edit\"}]"));
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("x-gigagate-ignored-tools")).hasValue("str_replace_based_edit_tool");
        assertThat(streamed.body()).contains("event: message_stop");
    }

    @Test
    void toolChoiceToolForcesThatFunction() throws Exception {
        post("/v1/messages", body("\"tools\":["
                + "{\"name\":\"a\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}},"
                + "{\"name\":\"b\",\"input_schema\":{\"type\":\"object\",\"properties\":{}}}],"
                + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"b\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]"));
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().at("/function_call/name").asText()).isEqualTo("b");

        post("/v1/messages", body("\"tools\":[{\"name\":\"a\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"tool_choice\":{\"type\":\"none\"},\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]"));
        JsonNode none = EMULATOR.lastRequest("/chat/completions").chat();
        if ("v2".equals(System.getProperty(API_MODE_PROPERTY))) {
            assertThat(none.has("functions")).as("v2 sends no functions for none").isFalse();
        } else {
            assertThat(none.get("function_call").asText()).isEqualTo("none");
        }
    }

    @Test
    void historyThinkingIsDroppedAndToolErrorsAreMarked() throws Exception {
        HttpResponse<String> response = post("/v1/messages", body("\"tools\":[{\"name\":\"run\",\"input_schema\":"
                + "{\"type\":\"object\",\"properties\":{\"cmd\":{\"type\":\"string\"}}}}],\"messages\":["
                + "{\"role\":\"user\",\"content\":\"run ls\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"abc\"},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"xyz\"},"
                + "{\"type\":\"text\",\"text\":\"Running.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"run\",\"input\":{\"cmd\":\"ls\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A\",\"is_error\":true,"
                + "\"content\":[{\"type\":\"text\",\"text\":\"permission denied\"}]}]}]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode messages = EMULATOR.lastRequest("/chat/completions").chat().get("messages");
        assertThat(messages.toString()).doesNotContain("hmm", "xyz");
        assertThat(messages.get(1).get("content").asText()).isEqualTo("Running.");
        assertThat(messages.get(1).at("/function_call/name").asText()).isEqualTo("run");
        assertThat(messages.get(2).get("role").asText()).isEqualTo("function");
        assertThat(JSON.readTree(messages.get(2).get("content").asText()))
                .isEqualTo(JSON.readTree("{\"is_error\":true,\"content\":\"permission denied\"}"));
    }

    @Test
    void aStreamThatFailsBeforeItsFirstEventIsAPlainAnthropicError() throws Exception {
        EMULATOR.faults().failNext("/chat/completions", 503, "{\"status\":503,\"message\":\"Service unavailable\"}",
                Map.of());
        HttpResponse<String> response = post("/v1/messages", body("\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]"));
        assertAnthropicError(response, 529, "overloaded_error");
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void aStreamThatFailsAfterItsFirstEventEndsWithAnErrorEvent() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("one ", "two ", "three ", "four"));
        EMULATOR.faults().dropStreamAfter(2);
        HttpResponse<String> response = post("/v1/messages", body("\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        String events = response.body();
        assertThat(events).startsWith("event: message_start\n");
        assertThat(events).contains("event: content_block_delta\n").doesNotContain("message_stop");
        assertThat(events).endsWith("}\n\n").contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":");
    }

    @Test
    void modelsAnswerInAnthropicsShapeOnlyWithAnthropicVersion() throws Exception {
        HttpResponse<String> openAi = get("/v1/models");
        assertThat(openAi.statusCode()).isEqualTo(200);
        assertThat(json(openAi).get("object").asText()).isEqualTo("list");
        assertThat(openAi.body()).isEqualTo(get("/models").body()); // the unbranched route: byte-identical
        assertThat(get("/v1/models/GigaChat-2").body()).isEqualTo(get("/models/GigaChat-2").body());

        JsonNode anthropic = json(get("/v1/models", "anthropic-version", "2023-06-01"));
        assertThat(anthropic.get("has_more").asBoolean()).isFalse();
        assertThat(anthropic.at("/data/0/type").asText()).isEqualTo("model");
        assertThat(anthropic.get("first_id").asText()).isEqualTo(anthropic.at("/data/0/id").asText());
        assertThat(anthropic.get("last_id").asText())
                .isEqualTo(anthropic.at("/data/" + (anthropic.get("data").size() - 1) + "/id").asText());
        assertThat(anthropic.at("/data/0/created_at").asText()).isEqualTo("2025-01-01T00:00:00Z");

        HttpResponse<String> missing = get("/v1/models/nope", "anthropic-version", "2023-06-01");
        assertAnthropicError(missing, 404, "not_found_error");
    }

    @Test
    void countTokensNeedsNoMaxTokensAndCallsNoChat() throws Exception {
        HttpResponse<String> response = post("/v1/messages/count_tokens", "{\"model\":\"claude-opus-4-1\","
                + "\"system\":[{\"type\":\"text\",\"text\":\"Be terse.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"12345678\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("input_tokens").asInt()).isPositive();
        assertThat(EMULATOR.lastRequest("/tokens/count").json().get("model").asText()).isEqualTo("GigaChat-2-Max");
        assertThat(EMULATOR.requests()).noneMatch(r -> r.path().endsWith("/chat/completions"));
        assertAnthropicError(post("/v1/messages/count_tokens", "{\"model\":\"claude-opus-4-1\"}"), 400,
                "invalid_request_error");
    }

    @Test
    void countTokensCountsTheTextOfARequestWithAnImageAndADocument() throws Exception {
        String png = Base64.getEncoder().encodeToString(TestImages.png(0x654321));
        HttpResponse<String> response = post("/v1/messages/count_tokens", "{\"model\":\"claude-haiku-4-5\","
                + "\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + png + "\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"The notes.\"}},"
                + "{\"type\":\"text\",\"text\":\"Describe.\"}]}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(EMULATOR.lastRequest("/tokens/count").json().get("input").toString()).contains("The notes.", "Describe.");
        assertThat(EMULATOR.requests("/files")).isEmpty();
    }

    @Test
    void eachEventReachesTheClientAsItIsTranslatedWhileGigaChatIsStillSending() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("one ", "two ", "three ", "four"));
        EMULATOR.faults().stallStreamAfter(2, Duration.ofMillis(800));
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(url("/v1/messages"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body("\"stream\":true,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"hi\"}]"))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<Long> deltaArrivals = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("data: ") && line.contains("\"text_delta\"")) {
                    deltaArrivals.add(System.nanoTime());
                    texts.add(JSON.readTree(line.substring(6)).at("/delta/text").asText());
                }
            }
        }
        List<Long> sent = EMULATOR.lastStreamSentNanos();

        assertThat(texts).containsExactly("one ", "two ", "three ", "four");
        assertThat(sent).hasSizeGreaterThanOrEqualTo(4);
        // the first two deltas were at the client while GigaChat was still holding the third back
        assertThat(deltaArrivals.get(1)).isLessThan(sent.get(2));
        for (int i = 0; i < texts.size(); i++) {
            assertThat(deltaArrivals.get(i)).isGreaterThan(sent.get(i));
        }
    }

    @Test
    void theStreamedAnswerIsTheSameAsTheJsonOne() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.streamed("Hello", ", ", "world"));
        String events = post("/v1/messages", body("\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"))
                .body();
        List<String> types = events.lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
        assertThat(types).containsExactly("message_start", "content_block_start", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events).contains("\"stop_reason\":\"end_turn\"").contains("\"output_tokens\":");
    }
}
