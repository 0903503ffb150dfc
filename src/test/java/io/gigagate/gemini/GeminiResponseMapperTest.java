package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.wire.WireJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure answer side: the internal chat completion → Gemini's GenerateContentResponse; Google's errors. */
class GeminiResponseMapperTest {

    private static ChatCompletion completion(ChatCompletion.Message message, String finish, ChatCompletion.Usage usage) {
        return new ChatCompletion("chatcmpl-1", ChatCompletion.OBJECT, 1L, "gemini-2.5-pro",
                List.of(new ChatCompletion.Choice(0, message, null, finish)), usage, null);
    }

    private static JsonNode json(Object value) {
        return WireJson.mapper().valueToTree(value);
    }

    @Test
    void textThoughtsAndUsage() {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", "42", null, null, null, "let me think");
        ChatCompletion.Usage usage = new ChatCompletion.Usage(10, 8, 18, new ChatCompletion.PromptTokensDetails(4),
                new ChatCompletion.CompletionTokensDetails(3));

        JsonNode withThoughts = json(GeminiResponseMapper.toGemini(completion(message, "stop", usage), true));
        assertThat(withThoughts.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("let me think");
        assertThat(withThoughts.at("/candidates/0/content/parts/0/thought").asBoolean()).isTrue();
        assertThat(withThoughts.at("/candidates/0/content/parts/1/text").asText()).isEqualTo("42");
        assertThat(withThoughts.at("/candidates/0/content/parts/1/thought").isMissingNode()).isTrue();
        assertThat(withThoughts.at("/usageMetadata").toString()).isEqualTo("{\"promptTokenCount\":10,"
                + "\"candidatesTokenCount\":5,\"totalTokenCount\":18,\"cachedContentTokenCount\":4,\"thoughtsTokenCount\":3}");
        assertThat(withThoughts.get("modelVersion").asText()).isEqualTo("gemini-2.5-pro");
        assertThat(withThoughts.get("responseId").asText()).isEqualTo("chatcmpl-1");

        JsonNode without = json(GeminiResponseMapper.toGemini(completion(message, "stop", usage), false));
        assertThat(without.at("/candidates/0/content/parts")).hasSize(1);
        assertThat(without.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("42");
    }

    @Test
    void functionCallsAndFinishReasons() {
        ChatCompletion.Message call = new ChatCompletion.Message("assistant", null, null, List.of(
                new ChatCompletion.ToolCall("call_abc", "function", new ChatCompletion.FunctionCall("f", "{\"a\":[1]}"))),
                null, null);
        JsonNode answer = json(GeminiResponseMapper.toGemini(completion(call, "tool_calls", null), false));

        assertThat(answer.at("/candidates/0/content/parts/0/functionCall").toString())
                .isEqualTo("{\"id\":\"call_abc\",\"name\":\"f\",\"args\":{\"a\":[1]}}");
        assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.has("usageMetadata")).isFalse();
        assertThat(GeminiResponseMapper.finishReason("length")).isEqualTo("MAX_TOKENS");
        assertThat(GeminiResponseMapper.finishReason("content_filter")).isEqualTo("SAFETY");
        assertThat(GeminiResponseMapper.functionCall("c1", "f", "not json").args().get("value").asText()).isEqualTo("not json");
    }

    @Test
    void severalCompletionsAreIndexedCandidatesWithUsageSummed() {
        ChatCompletion.Message m = new ChatCompletion.Message("assistant", "x", null, null, null, null);
        ChatCompletion.Usage u = new ChatCompletion.Usage(2, 3, 5, null, null);
        JsonNode answer = json(GeminiResponseMapper.toGemini(List.of(completion(m, "stop", u), completion(m, "length", u)),
                false));

        assertThat(answer.get("candidates")).hasSize(2);
        assertThat(answer.at("/candidates/1/index").asInt()).isEqualTo(1);
        assertThat(answer.at("/candidates/1/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(answer.at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(10);
    }

    @Test
    void googlesErrorShape() {
        JsonNode body = json(GeminiErrors.INSTANCE.body(new GatewayException(429, ErrorCategory.RATE_LIMIT, "x", null,
                "slow down")));
        assertThat(body.toString()).isEqualTo("{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
        assertThat(GeminiErrors.status(400, ErrorCategory.INVALID_REQUEST)).isEqualTo("INVALID_ARGUMENT");
        assertThat(GeminiErrors.status(401, ErrorCategory.AUTHENTICATION)).isEqualTo("UNAUTHENTICATED");
        assertThat(GeminiErrors.status(403, ErrorCategory.PERMISSION)).isEqualTo("PERMISSION_DENIED");
        assertThat(GeminiErrors.status(404, ErrorCategory.INVALID_REQUEST)).isEqualTo("NOT_FOUND");
        assertThat(GeminiErrors.status(413, ErrorCategory.INVALID_REQUEST)).isEqualTo("INVALID_ARGUMENT");
        assertThat(GeminiErrors.status(500, ErrorCategory.SERVER)).isEqualTo("INTERNAL");
        assertThat(GeminiErrors.status(503, ErrorCategory.SERVER)).isEqualTo("UNAVAILABLE");
        assertThat(GeminiErrors.status(504, ErrorCategory.SERVER)).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(GeminiErrors.status(402, ErrorCategory.QUOTA)).isEqualTo("RESOURCE_EXHAUSTED");
    }

    @Test
    void modelPagesAndTokens() {
        io.gigagate.openai.ModelList list = new io.gigagate.openai.ModelList("list", List.of(
                new io.gigagate.openai.Model("GigaChat-2", "model", 1, "salutedevices"),
                new io.gigagate.openai.Model("GigaChat-Pro", "model", 1, "salutedevices"),
                new io.gigagate.openai.Model("Embeddings", "model", 1, "salutedevices")));
        GeminiModel.Page first = GeminiModels.page(list, "2", null);
        assertThat(first.models()).extracting(GeminiModel::name).containsExactly("models/GigaChat-2", "models/GigaChat-Pro");
        assertThat(first.models().get(1).inputTokenLimit()).isEqualTo(32768);
        GeminiModel.Page second = GeminiModels.page(list, "2", first.nextPageToken());
        assertThat(second.models()).extracting(GeminiModel::name).containsExactly("models/Embeddings");
        assertThat(second.models().get(0).supportedGenerationMethods()).containsExactly("embedContent", "batchEmbedContents");
        assertThat(second.nextPageToken()).isNull();
        assertThat(GeminiModels.get(list, "gemini-2.5-flash-lite", "GigaChat-2").name()).isEqualTo("models/gemini-2.5-flash-lite");
        GeminiModel.Page withNames = GeminiModels.page(list, java.util.Map.of("gemini-2.5-flash-lite", "GigaChat-2",
                "gemini-2.5-pro", "GigaChat-2-Max"), null, null);
        assertThat(withNames.models()).extracting(GeminiModel::name).containsExactly("models/GigaChat-2",
                "models/GigaChat-Pro", "models/Embeddings", "models/gemini-2.5-flash-lite"); // no GigaChat-2-Max here
    }

    @Test
    void webSearchCitationsAreGroundingMetadataWithUtf8Offsets() {
        String text = "Новости [1](https://a.example/x) и [2](https://b.example/y), снова [1](https://a.example/x)";
        int first = text.indexOf("[1]");
        int second = text.indexOf("[2]");
        int third = text.lastIndexOf("[1]");
        String link1 = "[1](https://a.example/x)";
        String link2 = "[2](https://b.example/y)";
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", text, null, null, null, null, List.of(
                ChatCompletion.Annotation.urlCitation(first, first + link1.length(), "https://a.example/x", "A"),
                ChatCompletion.Annotation.urlCitation(second, second + link2.length(), "https://b.example/y", "B"),
                ChatCompletion.Annotation.urlCitation(third, third + link1.length(), "https://a.example/x", "A")));

        JsonNode grounding = json(GeminiResponseMapper.toGemini(completion(message, "stop", null), false))
                .at("/candidates/0/groundingMetadata");

        assertThat(grounding.get("groundingChunks")).hasSize(2);
        assertThat(grounding.at("/groundingChunks/1/web/uri").asText()).isEqualTo("https://b.example/y");
        assertThat(grounding.at("/groundingChunks/1/web/title").asText()).isEqualTo("B");
        JsonNode supports = grounding.get("groundingSupports");
        assertThat(supports).hasSize(3);
        assertThat(supports.at("/2/groundingChunkIndices/0").asInt()).isZero();
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (JsonNode support : supports) {
            JsonNode segment = support.get("segment");
            String cut = new String(utf8, segment.get("startIndex").asInt(),
                    segment.get("endIndex").asInt() - segment.get("startIndex").asInt(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(cut).isEqualTo(segment.get("text").asText()).startsWith("[");
        }
        ChatCompletion.Message plain = new ChatCompletion.Message("assistant", "no sources", null, null, null, null);
        assertThat(json(GeminiResponseMapper.toGemini(completion(plain, "stop", null), false))
                .at("/candidates/0/groundingMetadata").isMissingNode()).isTrue();
    }

    @Test
    void aWebSearchGivesItsQueryAndPagesEvenWithoutCitations() {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", "Nothing cited", null, null, null,
                null, null, List.of(new ChatCompletion.WebSearchCall("python news", List.of(
                        new ChatCompletion.WebPage("https://a.invalid/x", "A")))));

        JsonNode grounding = json(GeminiResponseMapper.toGemini(completion(message, "stop", null), false))
                .at("/candidates/0/groundingMetadata");

        assertThat(grounding.at("/webSearchQueries/0").asText()).isEqualTo("python news");
        assertThat(grounding.at("/groundingChunks/0/web/uri").asText()).isEqualTo("https://a.invalid/x");
        assertThat(grounding.has("groundingSupports")).isFalse();
    }
}
