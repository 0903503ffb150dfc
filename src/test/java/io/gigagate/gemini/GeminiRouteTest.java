package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Gemini front's endpoints over plain HTTP against the GigaChat emulator. */
class GeminiRouteTest extends GatewayTestSupport {

    @Test
    void generateContentAnswersInGeminisShape() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "contents": [{"role": "user", "parts": [{"text": "hello gemini"}]}],
                 "generationConfig": {"maxOutputTokens": 100, "topK": 40}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.at("/candidates/0/content/role").asText()).isEqualTo("model");
        assertThat(answer.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Echo: hello gemini");
        assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.at("/candidates/0/index").asInt()).isZero();
        assertThat(answer.at("/usageMetadata/promptTokenCount").asInt()).isPositive();
        assertThat(answer.at("/usageMetadata/totalTokenCount").asInt())
                .isEqualTo(answer.at("/usageMetadata/promptTokenCount").asInt()
                        + answer.at("/usageMetadata/candidatesTokenCount").asInt());
        assertThat(answer.at("/modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(answer.at("/responseId").asText()).isNotEmpty();
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.get("model").asText()).isEqualTo("GigaChat-2-Pro"); // gemini-*flash* → Pro
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("hello gemini");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(100);
    }

    private static final boolean V2 = "v2".equals(System.getProperty(API_MODE_PROPERTY));

    @Test
    void builtInToolsAreGigaChatsOwnOnV2AndNamedInAHeaderOtherwise() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"contents": [{"parts": [{"text": "search the web"}]}],
                 "tools": [{"googleSearch": {}}, {"code_execution": {}}, {"googleMaps": {}},
                           {"functionDeclarations": [{"name": "lookup", "parameters": {"type": "OBJECT",
                             "properties": {"q": {"type": "STRING", "nullable": true}}}}]}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode raw = EMULATOR.lastRequest("/chat/completions").json();
        if (V2) {
            // GigaChat serves search and code execution itself; Maps has no GigaChat counterpart
            assertThat(raw.get("tools").toString()).contains("{\"web_search\":{}}").contains("{\"code_interpreter\":{}}");
            assertThat(response.headers().firstValue("x-gigagate-ignored-tools")).hasValue("googleMaps");
            // the emulator's web search cites pages: links in the text, the pages as grounding
            JsonNode candidate = json(response).at("/candidates/0");
            // the code interpreter ran too: its code and output come first, as Gemini's own parts
            assertThat(candidate.at("/content/parts/0/executableCode/language").asText()).isEqualTo("PYTHON");
            assertThat(candidate.at("/content/parts/1/codeExecutionResult/outcome").asText()).isEqualTo("OUTCOME_OK");
            assertThat(candidate.at("/content/parts/2/text").asText()).contains("](https://search.invalid/");
            assertThat(candidate.at("/groundingMetadata/groundingChunks/0/web/uri").asText())
                    .startsWith("https://search.invalid/");
            assertThat(candidate.at("/groundingMetadata/groundingSupports/0/groundingChunkIndices/0").asInt()).isZero();
        } else {
            assertThat(raw.toString()).doesNotContain("web_search").doesNotContain("code_interpreter");
            assertThat(response.headers().firstValue("x-gigagate-ignored-tools"))
                    .hasValue("googleMaps, googleSearch, codeExecution");
        }
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.get("functions")).hasSize(1);
        assertThat(sent.at("/functions/0/name").asText()).isEqualTo("lookup");
        assertThat(sent.at("/functions/0/parameters/properties/q/type").asText()).isEqualTo("string");
    }

    @Test
    void theIgnoredToolsHeaderComesWithStreamsToo() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", """
                {"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"fileSearch": {}}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-gigagate-ignored-tools")).hasValue("fileSearch");
        assertThat(response.body()).contains("\"finishReason\":\"STOP\"");
    }

    @Test
    void candidateCountMakesOneCallPerCandidate() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/GigaChat-2:generateContent", """
                {"contents": [{"parts": [{"text": "twice"}]}], "generationConfig": {"candidateCount": 2}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("candidates")).hasSize(2);
        assertThat(answer.at("/candidates/1/index").asInt()).isEqualTo(1);
        assertThat(answer.at("/candidates/1/content/parts/0/text").asText()).isEqualTo("Echo: twice");
        assertThat(EMULATOR.requests("/chat/completions")).hasSize(2);
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2");
    }

    @Test
    void aResponseSchemaIsStructuredOutput() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-pro:generateContent", """
                {"contents": [{"parts": [{"text": "a person"}]}],
                 "generationConfig": {"responseMimeType": "application/json", "responseSchema": {
                   "type": "OBJECT", "properties": {"name": {"type": "STRING"}, "age": {"type": "INTEGER"}},
                   "propertyOrdering": ["age", "name"], "required": ["name"]}}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        // the default structured-output mode: a forced function whose parameters are the schema
        assertThat(sent.at("/function_call/name").asText()).isEqualTo("response");
        JsonNode schema = sent.at("/functions/0/parameters");
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("properties").fieldNames()).toIterable().containsExactly("age", "name");
        assertThat(schema.at("/properties/age/type").asText()).isEqualTo("integer");
        String text = json(response).at("/candidates/0/content/parts/0/text").asText();
        assertThat(JSON.readTree(text).isObject()).isTrue();
        assertThat(json(response).at("/candidates/0/content/parts/0/functionCall").isMissingNode()).isTrue();
    }

    @Test
    void anInlineImageIsUploadedAndAttached() throws Exception {
        String png = java.util.Base64.getEncoder().encodeToString(io.gigagate.files.TestImages.png(0x3366cc));
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"contents": [{"parts": [{"text": "what colour?"}, {"inlineData": {"mimeType": "image/png", "data": "%s"}}]}]}"""
                .formatted(png));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(EMULATOR.requests("/files")).hasSize(1);
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("what colour?");
        assertThat(sent.at("/messages/0/attachments")).hasSize(1);
    }

    @Test
    void thoughtPartsInHistoryAreDroppedAndModelTurnsAreAssistantMessages() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"contents": [
                  {"role": "user", "parts": [{"text": "first"}]},
                  {"role": "model", "parts": [{"text": "secret thinking", "thought": true}, {"text": "answer one"}]},
                  {"role": "user", "parts": [{"text": "second"}]}],
                 "safetySettings": [{"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_NONE"}],
                 "cachedContent": "cachedContents/abc"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
        assertThat(sent.get("messages")).hasSize(3);
        assertThat(sent.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("answer one");
        assertThat(sent.toString()).doesNotContain("secret thinking").doesNotContain("HARM_CATEGORY");
    }

    @Test
    void gigaChatsBlacklistIsSafety() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.builder().content("Не могу ответить").finishReason("blacklist").build());

        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:generateContent", """
                {"contents": [{"parts": [{"text": "something bad"}]}]}""");

        assertThat(json(response).at("/candidates/0/finishReason").asText()).isEqualTo("SAFETY");
    }

    @Test
    void errorsAreInGooglesShapeOnEveryGeminiPath() throws Exception {
        HttpResponse<String> notJson = post("/v1beta/models/gemini-2.5-flash:generateContent", "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).at("/error/code").asInt()).isEqualTo(400);
        assertThat(json(notJson).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");

        HttpResponse<String> wrongType = post("/v1beta/models/gemini-2.5-flash:generateContent",
                "{\"contents\": [{\"parts\": [{\"text\": 5}]}]}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).at("/error/message").asText()).contains("contents[0].parts[0].text");

        HttpResponse<String> noContents = post("/v1beta/models/gemini-2.5-flash:generateContent", "{}");
        assertThat(noContents.statusCode()).isEqualTo(400);
        assertThat(json(noContents).at("/error/message").asText()).contains("contents");

        HttpResponse<String> verb = post("/v1beta/models/gemini-2.5-flash:sing", "{}");
        assertThat(verb.statusCode()).isEqualTo(404);
        assertThat(json(verb).at("/error/status").asText()).isEqualTo("NOT_FOUND");

        HttpResponse<String> unknownPath = post("/v1beta/tunedModels/x:generateContent", "{}");
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(json(unknownPath).at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(unknownPath).has("error")).isTrue();
        assertThat(json(unknownPath).at("/error/type").isMissingNode()).isTrue();

        EMULATOR.faults().failNext("/chat/completions", 500, "{\"status\":500,\"message\":\"boom\"}", Map.of());
        HttpResponse<String> upstream = post("/v1beta/models/gemini-2.5-flash:generateContent",
                "{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}]}");
        assertThat(upstream.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(json(upstream).at("/error/status").asText()).isIn("INTERNAL", "UNAVAILABLE");

        // OpenAI's paths keep OpenAI's shape
        HttpResponse<String> openAi = post("/v1/nothing", "{}");
        assertThat(json(openAi).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void modelsArePagedInGeminisShape() throws Exception {
        JsonNode first = json(get("/v1beta/models?pageSize=3"));
        assertThat(first.get("models")).hasSize(3);
        assertThat(first.at("/models/0/name").asText()).startsWith("models/");
        assertThat(first.at("/models/0/supportedGenerationMethods").toString()).contains("generateContent");
        String token = first.get("nextPageToken").asText();

        JsonNode second = json(get("/v1beta/models?pageSize=3&pageToken=" + token));
        assertThat(second.at("/models/0/name").asText()).isNotEqualTo(first.at("/models/0/name").asText());

        JsonNode all = json(get("/v1beta/models?pageSize=1000"));
        assertThat(all.has("nextPageToken")).isFalse();
        JsonNode embedder = null;
        for (JsonNode m : all.get("models")) {
            if (m.get("name").asText().equals("models/EmbeddingsGigaR")) {
                embedder = m;
            }
        }
        assertThat(embedder).isNotNull();
        assertThat(all.findValuesAsText("name")).contains("models/gemini-2.5-pro", "models/gemini-2.5-flash",
                "models/gemini-2.5-flash-lite");
        assertThat(embedder.get("supportedGenerationMethods").toString()).contains("embedContent");

        HttpResponse<String> bad = get("/v1beta/models?pageToken=garbage");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");

        JsonNode one = json(get("/v1beta/models/GigaChat-2-Pro"));
        assertThat(one.get("name").asText()).isEqualTo("models/GigaChat-2-Pro");
        assertThat(one.get("inputTokenLimit").asInt()).isEqualTo(131072);
    }

    @Test
    void countTokensOfAWholeGenerateContentRequest() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:countTokens", """
                {"generateContentRequest": {"model": "models/gemini-2.5-flash",
                  "systemInstruction": {"parts": [{"text": "system words"}]},
                  "contents": [{"parts": [{"text": "user words"}]}],
                  "tools": [{"functionDeclarations": [{"name": "f", "description": "a function"}]}]}}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode counted = EMULATOR.lastRequest("/tokens/count").json();
        assertThat(counted.get("input").toString()).contains("system words").contains("user words").contains("a function");
        assertThat(json(response).get("totalTokens").asInt()).isPositive();
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    @Test
    void batchEmbedContentsKeepsTheRequestsOrder() throws Exception {
        HttpResponse<String> response = post("/v1beta/models/text-embedding-004:batchEmbedContents", """
                {"requests": [
                  {"model": "models/text-embedding-004", "content": {"parts": [{"text": "one"}]}, "taskType": "RETRIEVAL_DOCUMENT"},
                  {"model": "models/text-embedding-004", "content": {"parts": [{"text": "two"}]}},
                  {"content": {"parts": [{"text": "three"}]}}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode embeddings = json(response).get("embeddings");
        assertThat(embeddings).hasSize(3);
        HttpResponse<String> single = post("/v1beta/models/text-embedding-004:embedContent",
                "{\"content\": {\"parts\": [{\"text\": \"two\"}]}}");
        assertThat(json(single).at("/embedding/values")).isEqualTo(embeddings.get(1).get("values"));
        assertThat(EMULATOR.lastRequest("/embeddings").json().get("model").asText()).isEqualTo("EmbeddingsGigaR");

        HttpResponse<String> otherModel = post("/v1beta/models/text-embedding-004:batchEmbedContents", """
                {"requests": [{"model": "models/other", "content": {"parts": [{"text": "x"}]}}]}""");
        assertThat(otherModel.statusCode()).isEqualTo(400);
        assertThat(json(otherModel).at("/error/message").asText()).contains("requests[0].model");
    }

    @Test
    void countTokensOfContentsWithAnImageCountsTheirText() throws Exception {
        // what Gemini CLI sends when a prompt carries a file: countTokens with inlineData parts
        HttpResponse<String> response = post("/v1beta/models/gemini-2.5-flash:countTokens", """
                {"contents": [{"role": "user", "parts": [{"text": "describe this picture"},
                  {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}]}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("totalTokens").asInt()).isEqualTo(6); // 21 characters
        assertThat(EMULATOR.requests("/files")).isEmpty();
    }
}
