package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The chat route end to end: OpenAI request in, GigaChat request out (as recorded), OpenAI answer back. */
class ChatCompletionsRouteTest extends GatewayTestSupport {

    @Nested
    class Answers {

        @Test
        void plainChatReturnsAnOpenAiChatCompletion() throws Exception {
            HttpResponse<String> response = post("/v1/chat/completions", chatBody("hello"));

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json(response);
            String upstreamId = response.headers().firstValue("x-request-id").orElseThrow();
            assertThat(body.get("id").asText()).isEqualTo("chatcmpl-" + upstreamId);
            assertThat(body.get("object").asText()).isEqualTo("chat.completion");
            assertThat(body.get("created").asLong()).isPositive();
            assertThat(body.get("model").asText()).isEqualTo("GigaChat-2");
            JsonNode choice = body.get("choices").get(0);
            assertThat(choice.get("index").asInt()).isZero();
            assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
            assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
            assertThat(choice.get("message").get("content").asText()).isEqualTo("Echo: hello");
            assertThat(choice.get("message").has("refusal")).isTrue();
            assertThat(choice.get("message").get("refusal").isNull()).isTrue();
            JsonNode usage = body.get("usage");
            assertThat(usage.get("prompt_tokens").isInt()).isTrue();
            assertThat(usage.get("total_tokens").asInt())
                    .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
            assertThat(usage.get("prompt_tokens_details").get("cached_tokens").isInt()).isTrue();
        }

        @Test
        void theUnversionedPathServesTheSameEndpoint() throws Exception {
            HttpResponse<String> response = post("/chat/completions", chatBody("hi"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("choices").get(0).get("message").get("content").asText()).isEqualTo("Echo: hi");
        }

        @Test
        void cachedPromptTokensAppearAsCachedTokens() throws Exception {
            post("/v1/chat/completions", chatBody("first turn"), "X-Session-ID", "session-cache-test");
            HttpResponse<String> second = post("/v1/chat/completions", chatBody("first turn"),
                    "X-Session-ID", "session-cache-test");

            assertThat(json(second).get("usage").get("prompt_tokens_details").get("cached_tokens").asInt()).isPositive();
        }

        @Test
        void blacklistFinishBecomesContentFilter() throws Exception {
            EMULATOR.faults().enqueueChat(ChatReply.builder().content("I can't talk about that.").finishReason("blacklist").build());

            JsonNode body = json(post("/v1/chat/completions", chatBody("forbidden topic")));

            assertThat(body.get("choices").get(0).get("finish_reason").asText()).isEqualTo("content_filter");
        }

        @Test
        void lengthFinishStaysLength() throws Exception {
            EMULATOR.faults().enqueueChat(ChatReply.builder().content("cut short").finishReason("length").build());

            JsonNode body = json(post("/v1/chat/completions", chatBody("tell me everything")));

            assertThat(body.get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        }

        @Test
        void stopSequenceIsCutByTheGateway() throws Exception {
            EMULATOR.faults().enqueueChat(ChatReply.text("one two STOP three"));

            JsonNode body = json(post("/v1/chat/completions", """
                    {"model":"GigaChat","messages":[{"role":"user","content":"count"}],"stop":["STOP"]}"""));

            assertThat(body.get("choices").get(0).get("message").get("content").asText()).isEqualTo("one two ");
            assertThat(body.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
            assertThat(EMULATOR.lastRequest("/chat/completions").chat().has("stop")).isFalse();
        }
    }

    @Nested
    class UpstreamRequest {

        @Test
        void systemMessagesAreMovedFirstAndLaterOnesBecomeUser() throws Exception {
            post("/v1/chat/completions", """
                    {"model":"GigaChat","messages":[
                      {"role":"user","content":"hi"},
                      {"role":"developer","content":"be brief"},
                      {"role":"system","content":"and polite"}]}""");

            JsonNode messages = EMULATOR.lastRequest("/chat/completions").chat().get("messages");
            assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
            assertThat(messages.get(0).get("content").asText()).isEqualTo("be brief");
            assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
            assertThat(messages.get(1).get("content").asText()).isEqualTo("hi");
            assertThat(messages.get(2).get("role").asText()).isEqualTo("user");
            assertThat(messages.get(2).get("content").asText()).isEqualTo("and polite");
        }

        @Test
        void temperatureZeroBecomesGreedyTopP() throws Exception {
            HttpResponse<String> response = post("/v1/chat/completions", """
                    {"model":"GigaChat","messages":[{"role":"user","content":"hi"}],"temperature":0,
                     "max_completion_tokens":50,"top_p":0.5}""");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
            assertThat(sent.has("temperature")).isFalse();
            assertThat(sent.get("top_p").asDouble()).isZero();
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(50);
        }

        @Test
        void gigaChatFieldsPassTopLevelAndFromExtraBody() throws Exception {
            post("/v1/chat/completions", """
                    {"model":"GigaChat","messages":[{"role":"user","content":"hi"}],"repetition_penalty":1.1,
                     "extra_body":{"profanity_check":false,"flags":["no_cache"]},"seed":7,"user":"u-1"}""");

            JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat();
            assertThat(sent.get("repetition_penalty").asDouble()).isEqualTo(1.1);
            assertThat(sent.get("profanity_check").asBoolean()).isFalse();
            assertThat(sent.get("flags").get(0).asText()).isEqualTo("no_cache");
            assertThat(sent.has("seed")).isFalse();
            assertThat(sent.has("user")).isFalse();
            assertThat(sent.has("extra_body")).isFalse();
        }

        @Test
        void onlyAllowListedClientHeadersReachGigaChat() throws Exception {
            post("/v1/chat/completions", chatBody("hi"),
                    "Authorization", "Bearer client-secret-key",
                    "X-Session-ID", "sess-1", "X-Request-ID", "req-1", "X-Client-ID", "client-1",
                    "X-Custom-Secret", "do-not-forward", "Cookie", "a=b");

            RecordedRequest sent = EMULATOR.lastRequest("/chat/completions");
            assertThat(sent.header("Authorization")).startsWith("Bearer ").doesNotContain("client-secret-key");
            assertThat(sent.header("X-Session-ID")).isEqualTo("sess-1");
            assertThat(sent.header("X-Request-ID")).isEqualTo("req-1");
            assertThat(sent.header("X-Client-ID")).isEqualTo("client-1");
            assertThat(sent.header("X-Custom-Secret")).isNull();
            assertThat(sent.header("Cookie")).isNull();
        }

        @Test
        void noRequestHeaderIsEchoedIntoTheResponse() throws Exception {
            HttpResponse<String> response = post("/v1/chat/completions", chatBody("hi"),
                    "Authorization", "Bearer client-secret-key", "X-Custom-Secret", "do-not-echo");

            assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("authorization")
                    || name.equalsIgnoreCase("x-custom-secret"));
            assertThat(response.headers().map().values().toString()).doesNotContain("client-secret-key", "do-not-echo");
        }
    }

    @Nested
    class Models {

        @Test
        void anOpenAiNameIsAliasedAndEchoed() throws Exception {
            JsonNode body = json(post("/v1/chat/completions", """
                    {"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"""));

            assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat-2-Max");
            assertThat(body.get("model").asText()).isEqualTo("gpt-4o");
        }

        @Test
        void aMissingModelUsesTheConfiguredDefault() throws Exception {
            HttpResponse<String> response = post("/v1/chat/completions", """
                    {"messages":[{"role":"user","content":"hi"}]}""");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("GigaChat");
        }

        @Test
        void anUnknownModelComesBackAsModelNotFound() throws Exception {
            HttpResponse<String> response = post("/v1/chat/completions", """
                    {"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""");

            JsonNode error = assertOpenAiError(response, 404, "invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("model_not_found");
            assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("model").asText()).isEqualTo("no-such-model");
        }
    }
}
