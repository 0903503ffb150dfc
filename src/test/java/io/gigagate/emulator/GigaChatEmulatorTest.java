package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GigaChatEmulatorTest extends EmulatorTestSupport {

    private GigaChatEmulator emu;

    @BeforeEach
    void start() {
        emu = GigaChatEmulator.builder().staticToken(TOKEN).build().start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    // ------------------------------------------------------------------ auth

    @Test
    void oauthIssuesTokenUsableOnApi() {
        long before = System.currentTimeMillis();
        Res r = oauth(emu, "Basic a2V5OnNlY3JldA==", uuid(), "scope=GIGACHAT_API_PERS");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().fieldNames()).toIterable().containsExactly("access_token", "expires_at");
        long expiresAt = r.json().get("expires_at").asLong();
        assertThat(expiresAt).isBetween(before + Duration.ofMinutes(29).toMillis(),
                System.currentTimeMillis() + Duration.ofMinutes(31).toMillis());
        String token = r.json().get("access_token").asText();

        Res models = send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(models.status()).isEqualTo(200);
        assertThat(emu.oauthCalls()).isEqualTo(1);
        assertThat(emu.lastRequest("/oauth").header("rquid")).isNotNull();
    }

    @Test
    void oauthErrors() {
        GigaChatEmulator strict = GigaChatEmulator.builder()
                .credentials("a2V5OnNlY3JldA==", "GIGACHAT_API_CORP").build().start();
        try {
            String good = "Basic a2V5OnNlY3JldA==";
            assertThat(oauth(strict, good, null, "scope=GIGACHAT_API_CORP").status()).isEqualTo(400);
            assertThat(oauth(strict, good, "not-a-uuid", "scope=GIGACHAT_API_CORP").status()).isEqualTo(400);

            Res empty = oauth(strict, good, uuid(), "scope=");
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.json()).isEqualTo(json("{\"code\":5,\"message\":\"scope is empty\"}"));

            Res wrongScope = oauth(strict, good, uuid(), "scope=GIGACHAT_API_PERS");
            assertThat(wrongScope.status()).isEqualTo(400);
            assertThat(wrongScope.json().get("code").asInt()).isEqualTo(7);
            assertThat(wrongScope.json().get("message").asText())
                    .isEqualTo("scope from db not fully includes consumed scope");

            Res wrongKey = oauth(strict, "Basic b3RoZXI6a2V5", uuid(), "scope=GIGACHAT_API_CORP");
            assertThat(wrongKey.status()).isEqualTo(401);
            assertThat(wrongKey.json()).isEqualTo(json("{\"code\":6,\"message\":\"credentials doesn't match db data\"}"));

            Res noAuth = oauth(strict, null, uuid(), "scope=GIGACHAT_API_CORP");
            assertThat(noAuth.status()).isEqualTo(401);
            assertThat(noAuth.json()).isEqualTo(json("{\"code\":4,\"message\":\"Can't decode 'Authorization' header\"}"));
            assertThat(oauth(strict, "Basic !!!", uuid(), "scope=GIGACHAT_API_CORP").json().get("code").asInt())
                    .isEqualTo(4);

            assertThat(oauth(strict, good, uuid(), "scope=GIGACHAT_API_CORP").status()).isEqualTo(200);

            strict.faults().oauthFailNext(503, 99, "maintenance");
            Res injected = oauth(strict, good, uuid(), "scope=GIGACHAT_API_CORP");
            assertThat(injected.status()).isEqualTo(503);
            assertThat(injected.json().get("code").asInt()).isEqualTo(99);
            assertThat(strict.oauthCalls()).isEqualTo(9);
        } finally {
            strict.close();
        }
        // default mode: any key, but only the three known scopes
        assertThat(oauth(emu, "Basic anything", uuid(), "scope=GIGACHAT_API_B2B").status()).isEqualTo(200);
        assertThat(oauth(emu, "Basic anything", uuid(), "scope=OTHER").json().get("code").asInt()).isEqualTo(7);
    }

    @Test
    void userPasswordToken() {
        GigaChatEmulator up = GigaChatEmulator.builder().userPassword("alice", "s3cret").build().start();
        try {
            String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            Res ok = send(HttpRequest.newBuilder(URI.create(up.baseUrl() + "/token"))
                    .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("tok").asText()).isNotBlank();
            assertThat(ok.json().get("exp").asLong()).isGreaterThan(System.currentTimeMillis());

            String wrong = "Basic " + Base64.getEncoder().encodeToString("alice:nope".getBytes(StandardCharsets.UTF_8));
            Res bad = send(HttpRequest.newBuilder(URI.create(up.baseUrl() + "/token"))
                    .header("Authorization", wrong).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(bad.status()).isEqualTo(401);
            assertThat(bad.json()).isEqualTo(json("{\"status\":401,\"message\":\"Unauthorized\"}"));

            Res models = send(HttpRequest.newBuilder(URI.create(up.baseUrl() + "/models"))
                    .header("Authorization", "Bearer " + ok.json().get("tok").asText()).GET().build());
            assertThat(models.status()).isEqualTo(200);
            assertThat(up.tokenCalls()).isEqualTo(2);
        } finally {
            up.close();
        }
    }

    @Test
    void bearerChecksAndExpiry() {
        Res none = send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/models")).GET().build());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json()).isEqualTo(json("{\"status\":401,\"message\":\"Unauthorized\"}"));

        Res unknown = send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/models"))
                .header("Authorization", "Bearer nope").GET().build());
        assertThat(unknown.json().get("message").asText()).isEqualTo("Unauthorized");

        String token = oauth(emu, "Basic a2V5", uuid(), "scope=GIGACHAT_API_PERS").json().get("access_token").asText();
        HttpRequest withToken = HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + token).GET().build();
        assertThat(send(withToken).status()).isEqualTo(200);
        emu.faults().expireAllTokens();
        Res expired = send(withToken);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json()).isEqualTo(json("{\"status\":401,\"message\":\"Token has expired\"}"));
        // a fresh token works again
        String fresh = oauth(emu, "Basic a2V5", uuid(), "scope=GIGACHAT_API_PERS").json().get("access_token").asText();
        assertThat(send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + fresh).GET().build()).status()).isEqualTo(200);
    }

    @Test
    void shortTtlExpires() throws Exception {
        GigaChatEmulator shortTtl = GigaChatEmulator.builder().tokenTtl(Duration.ofMillis(50)).build().start();
        try {
            Res r = oauth(shortTtl, "Basic a2V5", uuid(), "scope=GIGACHAT_API_PERS");
            Thread.sleep(120);
            Res expired = send(HttpRequest.newBuilder(URI.create(shortTtl.baseUrl() + "/models"))
                    .header("Authorization", "Bearer " + r.json().get("access_token").asText()).GET().build());
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().get("message").asText()).isEqualTo("Token has expired");
        } finally {
            shortTtl.close();
        }
    }

    @Test
    void mtlsModeAcceptsRequestsWithoutAuthorization() {
        GigaChatEmulator open = GigaChatEmulator.builder().requireBearer(false).build().start();
        try {
            Res r = send(HttpRequest.newBuilder(URI.create(open.baseUrl() + "/models")).GET().build());
            assertThat(r.status()).isEqualTo(200);
        } finally {
            open.close();
        }
    }

    // ------------------------------------------------------------------ models, misc endpoints

    @Test
    void modelsListAndSingle() {
        Res r = get(emu, "/models");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.json().get("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        r.json().get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).startsWith("GigaChat", "GigaChat-2", "GigaChat-2-Max")
                .contains("GigaFilter", "GigaCheckDetection", "Embeddings", "EmbeddingsGigaR",
                        "GigaEmbeddings-3B-2025-09")
                .hasSize(20);
        assertThat(r.json().get("data").get(0))
                .isEqualTo(json("{\"id\":\"GigaChat\",\"object\":\"model\",\"owned_by\":\"salutedevices\",\"type\":\"chat\"}"));

        Res one = get(emu, "/models/EmbeddingsGigaR");
        assertThat(one.json().get("type").asText()).isEqualTo("embedder");
        Res missing = get(emu, "/models/GPT-5");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).isEqualTo(json("{\"status\":404,\"message\":\"No such model\"}"));
    }

    @Test
    void balanceUnknownPathsAndMethods() {
        Res bal = get(emu, "/balance");
        assertThat(bal.json()).isEqualTo(json(
                "{\"balance\":[{\"usage\":\"GigaChat\",\"value\":100000},{\"usage\":\"embeddings\",\"value\":500000}]}"));
        Res nf = get(emu, "/nothing/here");
        assertThat(nf.status()).isEqualTo(404);
        assertThat(nf.json()).isEqualTo(json("{\"status\":404,\"message\":\"Not found\"}"));
        assertThat(get(emu, "/chat/completions").status()).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.port() + "/other")).GET().build())
                .status()).isEqualTo(404);

        GigaChatEmulator payg = GigaChatEmulator.builder().staticToken(TOKEN).balanceForbidden(true).build().start();
        try {
            Res forbidden = get(payg, "/balance");
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.json()).isEqualTo(json("{\"status\":403,\"message\":\"Permission denied\"}"));
        } finally {
            payg.close();
        }
    }

    @Test
    void tokensCount() {
        Res r = post(emu, "/tokens/count", "{\"model\":\"GigaChat\",\"input\":[\"First text\",\"Привет\"]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json().get(0)).isEqualTo(json("{\"object\":\"tokens\",\"tokens\":3,\"characters\":10}"));
        assertThat(r.json().get(1).get("characters").asInt()).isEqualTo(6);
    }

    // ------------------------------------------------------------------ chat (JSON)

    @Test
    void chatJsonShapeAndHeaders() {
        Res r = post(emu, "/chat/completions", chat("GigaChat-2-Max", "system", "Be brief", "user", "Say hello"),
                "X-Request-ID", "req-1", "X-Client-ID", "client-7");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.header("X-Request-Id")).isEqualTo("req-1");
        assertThat(r.header("X-Session-Id")).matches("[0-9a-f-]{36}");
        assertThat(r.header("X-Client-Id")).isEqualTo("client-7");
        JsonNode j = r.json();
        assertThat(j.fieldNames()).toIterable().containsExactly("choices", "created", "model", "object", "usage");
        assertThat(j.has("id")).isFalse();
        assertThat(j.get("model").asText()).isEqualTo("GigaChat-2-Max:2.0.28.2");
        assertThat(j.get("object").asText()).isEqualTo("chat.completion");
        assertThat(j.get("created").asLong()).isBetween(System.currentTimeMillis() / 1000 - 5,
                System.currentTimeMillis() / 1000 + 5);
        assertThat(j.get("choices").get(0)).isEqualTo(json(
                "{\"message\":{\"content\":\"Echo: Say hello\",\"role\":\"assistant\"},\"index\":0,\"finish_reason\":\"stop\"}"));
        JsonNode u = j.get("usage");
        // "Be brief" + "Say hello" = 17 chars -> 5 tokens; "Echo: Say hello" = 15 chars -> 4 tokens
        assertThat(u).isEqualTo(json(
                "{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9,\"precached_prompt_tokens\":0}"));

        Res noIds = post(emu, "/chat/completions", chat("GigaChat", "user", "x"));
        assertThat(noIds.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(noIds.header("X-Client-Id")).isNull();
    }

    @Test
    void precachedTokensFlowWithinSession() {
        String body = chat("GigaChat", "user", "a fairly long first question here");
        Res first = post(emu, "/chat/completions", body, "X-Session-ID", "s-1");
        assertThat(first.json().at("/usage/precached_prompt_tokens").asInt()).isZero();
        Res second = post(emu, "/chat/completions", body, "X-Session-ID", "s-1");
        assertThat(second.json().at("/usage/precached_prompt_tokens").asInt())
                .isEqualTo(first.json().at("/usage/prompt_tokens").asInt()).isPositive();
        assertThat(second.header("X-Session-Id")).isEqualTo("s-1");
    }

    @Test
    void maxTokensTruncates() {
        Res r = post(emu, "/chat/completions",
                "{\"model\":\"GigaChat\",\"max_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"one two three four\"}]}");
        assertThat(r.json().at("/choices/0/message/content").asText()).isEqualTo("Echo: one two");
        assertThat(r.json().at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void chatValidationErrors() {
        assertError(post(emu, "/chat/completions", "{\"model\":\"GigaChat\",\"messages\":["), 400,
                "Your request contains invalid JSON syntax.");
        assertError(post(emu, "/chat/completions", chat("NoSuchModel", "user", "hi")), 404, "No such model");
        assertError(post(emu, "/chat/completions", chat("GigaChat", "user", "hi", "system", "late")), 422,
                "Invalid params: system message must be the first message");
        assertError(post(emu, "/chat/completions", chat("GigaChat", "system", "a", "system", "b", "user", "c")),
                422, "Invalid params: system message must be the first message");
        assertError(post(emu, "/chat/completions",
                        "{\"model\":\"GigaChat\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                422, "Invalid params: temperature must be in range (0, +inf)");
        assertThat(post(emu, "/chat/completions", chat("GigaChat", "tool", "x")).status()).isEqualTo(422);
        assertThat(post(emu, "/chat/completions",
                "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}")
                .status()).isEqualTo(422);
        // function result without a name, and with non-JSON content
        assertThat(post(emu, "/chat/completions",
                "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"function\",\"content\":\"{}\"}]}")
                .status()).isEqualTo(422);
        assertThat(post(emu, "/chat/completions",
                "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"function\",\"name\":\"f\",\"content\":\"sunny\"}]}")
                .status()).isEqualTo(422);
        // assistant function_call with string arguments
        assertThat(post(emu, "/chat/completions", "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"\",\"function_call\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}},"
                + "{\"role\":\"function\",\"name\":\"f\",\"content\":\"{\\\"ok\\\":true}\"}]}").status()).isEqualTo(422);
        // forced function that is not declared
        assertThat(post(emu, "/chat/completions", "{\"model\":\"GigaChat\",\"function_call\":{\"name\":\"g\"},"
                + "\"functions\":[{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").status()).isEqualTo(422);
        // none of these consumed a chat reply slot incorrectly: all were recorded
        assertThat(emu.chatCalls()).isEqualTo(11);
    }

    private static void assertError(Res r, int status, String message) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.json()).isEqualTo(json("{\"status\":" + status + ",\"message\":" + quote(message) + "}"));
    }

    // ------------------------------------------------------------------ functions

    private static final String WEATHER_FN = "{\"name\":\"weather_forecast\",\"description\":\"Weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{"
            + "\"location\":{\"type\":\"string\"},\"num_days\":{\"type\":\"integer\"},"
            + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"detailed\":{\"type\":\"boolean\"}},"
            + "\"required\":[\"location\",\"num_days\",\"unit\"]}}";

    @Test
    void functionCallReplyHasObjectArguments() {
        Res r = post(emu, "/chat/completions", "{\"model\":\"GigaChat-2-Pro\",\"functions\":[" + WEATHER_FN + "],"
                + "\"function_call\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Moscow?\"}]}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode choice = r.json().at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("function_call");
        JsonNode msg = choice.get("message");
        assertThat(msg.get("content").asText()).isEmpty();
        assertThat(msg.get("role").asText()).isEqualTo("assistant");
        assertThat(msg.at("/function_call/name").asText()).isEqualTo("weather_forecast");
        assertThat(msg.at("/function_call/arguments"))
                .isEqualTo(json("{\"location\":\"sample\",\"num_days\":1,\"unit\":\"celsius\"}"));
        assertThat(msg.get("functions_state_id").asText()).matches("[0-9a-f-]{36}");

        // forced call with partial arguments; no required list -> all properties
        Res forced = post(emu, "/chat/completions", "{\"model\":\"GigaChat\",\"functions\":[{\"name\":\"a\",\"parameters\":{}},"
                + "{\"name\":\"b\",\"parameters\":{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\"},"
                + "\"y\":{\"type\":\"array\"},\"z\":{\"type\":\"object\"}}}}],"
                + "\"function_call\":{\"name\":\"b\",\"partial_arguments\":{\"z\":{\"k\":1}}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}");
        assertThat(forced.json().at("/choices/0/message/function_call"))
                .isEqualTo(json("{\"name\":\"b\",\"arguments\":{\"x\":1.5,\"y\":[],\"z\":{\"k\":1}}}"));

        // function_call none -> plain text
        Res none = post(emu, "/chat/completions", "{\"model\":\"GigaChat\",\"functions\":[" + WEATHER_FN + "],"
                + "\"function_call\":\"none\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(none.json().at("/choices/0/message/content").asText()).isEqualTo("Echo: hi");
    }

    @Test
    void functionResultTurn() {
        ObjectNode body = (ObjectNode) json("{\"model\":\"GigaChat\",\"functions\":[" + WEATHER_FN + "],\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather?\"},"
                + "{\"role\":\"assistant\",\"content\":\"\",\"function_call\":{\"name\":\"weather_forecast\","
                + "\"arguments\":{\"location\":\"Moscow\"}},\"functions_state_id\":\"" + uuid() + "\"},"
                + "{\"role\":\"function\",\"name\":\"weather_forecast\",\"content\":\"{\\\"temperature\\\":\\\"27\\\"}\"}]}");
        Res r = post(emu, "/chat/completions", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/choices/0/message/content").asText())
                .isEqualTo("Function weather_forecast returned: {\"temperature\":\"27\"}");
        assertThat(r.json().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    // ------------------------------------------------------------------ embeddings

    @Test
    void embeddingsDimensionsAndDeterminism() {
        Map<String, Integer> dims = Map.of("Embeddings", 1024, "Embeddings-2", 1024, "EmbeddingsGigaR", 2560,
                "GigaEmbeddings-3B-2025-09", 2048);
        dims.forEach((model, dim) -> {
            Res r = post(emu, "/embeddings", "{\"model\":\"" + model + "\",\"input\":[\"a\",\"hello world\"]}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().fieldNames()).toIterable().containsExactly("object", "model", "data");
            assertThat(r.json().get("model").asText()).isEqualTo(model);
            JsonNode item = r.json().at("/data/1");
            assertThat(item.get("object").asText()).isEqualTo("embedding");
            assertThat(item.get("index").asInt()).isEqualTo(1);
            assertThat(item.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
            assertThat(item.get("embedding").size()).isEqualTo(dim);
            double norm = 0;
            for (JsonNode v : item.get("embedding")) {
                norm += v.asDouble() * v.asDouble();
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        });
        JsonNode a1 = post(emu, "/embeddings", "{\"model\":\"Embeddings\",\"input\":[\"same\",\"other\"]}").json();
        JsonNode a2 = post(emu, "/embeddings", "{\"model\":\"Embeddings\",\"input\":[\"same\"]}").json();
        assertThat(a1.at("/data/0/embedding")).isEqualTo(a2.at("/data/0/embedding"));
        assertThat(a1.at("/data/0/embedding")).isNotEqualTo(a1.at("/data/1/embedding"));

        assertError(post(emu, "/embeddings", "{\"model\":\"GigaChat\",\"input\":[\"a\"]}"), 404, "No such model");
        assertThat(post(emu, "/embeddings", "{\"model\":\"Embeddings\",\"input\":\"a\"}").status()).isEqualTo(422);
        StringBuilder many = new StringBuilder("{\"model\":\"Embeddings\",\"input\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        assertError(post(emu, "/embeddings", many.append("]}").toString()), 413, "Payload too large");
    }

    // ------------------------------------------------------------------ faults, scripting, recorder

    @Test
    void failNextAndRateLimit() {
        emu.faults().failNext(503);
        Res f = get(emu, "/models");
        assertError(f, 503, "Service Unavailable");
        assertThat(f.header("X-Request-Id")).isNotNull();
        assertThat(get(emu, "/models").status()).isEqualTo(200);

        emu.faults().failNext("/chat/completions", 500);
        assertThat(get(emu, "/models").status()).isEqualTo(200);
        assertError(post(emu, "/chat/completions", chat("GigaChat", "user", "x")), 500, "Internal Server Error");

        emu.faults().failNext(402, "{\"status\":402,\"message\":\"Payment Required\"}", Map.of("X-Extra", "1"));
        Res custom = get(emu, "/balance");
        assertThat(custom.status()).isEqualTo(402);
        assertThat(custom.header("X-Extra")).isEqualTo("1");

        emu.faults().rateLimitNext(7);
        Res limited = post(emu, "/chat/completions", chat("GigaChat", "user", "x"));
        assertError(limited, 429, "Too many requests");
        assertThat(limited.header("Retry-After")).isEqualTo("7");
        assertThat(post(emu, "/chat/completions", chat("GigaChat", "user", "x")).status()).isEqualTo(200);

        emu.faults().errorEvery(2, 502);
        assertThat(get(emu, "/models").status()).isEqualTo(200);
        assertThat(get(emu, "/models").status()).isEqualTo(502);
        assertThat(get(emu, "/models").status()).isEqualTo(200);
        assertThat(get(emu, "/models").status()).isEqualTo(502);
        emu.faults().reset();
        assertThat(get(emu, "/models").status()).isEqualTo(200);
        assertThat(get(emu, "/models").status()).isEqualTo(200);
    }

    @Test
    void scriptedRepliesAndResponder() {
        emu.faults().enqueueChat(ChatReply.text("scripted one"))
                .enqueueChat(ChatReply.functionCall("lookup", Map.of("q", "x", "n", 2)));
        emu.faults().responder(req -> ChatReply.text("model was " + req.get("model").asText()));
        assertThat(post(emu, "/chat/completions", chat("GigaChat", "user", "a")).json()
                .at("/choices/0/message/content").asText()).isEqualTo("scripted one");
        JsonNode call = post(emu, "/chat/completions", chat("GigaChat", "user", "a")).json().at("/choices/0");
        assertThat(call.get("finish_reason").asText()).isEqualTo("function_call");
        assertThat(call.at("/message/function_call/arguments")).isEqualTo(json("{\"q\":\"x\",\"n\":2}"));
        assertThat(post(emu, "/chat/completions", chat("GigaChat-2", "user", "a")).json()
                .at("/choices/0/message/content").asText()).isEqualTo("model was GigaChat-2");
        emu.faults().reset();
        assertThat(post(emu, "/chat/completions", chat("GigaChat", "user", "a")).json()
                .at("/choices/0/message/content").asText()).isEqualTo("Echo: a");
    }

    @Test
    void recorderKeepsRequests() {
        post(emu, "/chat/completions", chat("GigaChat", "user", "Привет"), "X-Session-ID", "abc");
        get(emu, "/models");
        List<RecordedRequest> all = emu.requests();
        assertThat(all).hasSize(2);
        RecordedRequest chat = emu.lastRequest("/chat/completions");
        assertThat(chat.method()).isEqualTo("POST");
        assertThat(chat.path()).isEqualTo("/api/v1/chat/completions");
        assertThat(chat.header("x-session-id")).isEqualTo("abc");
        assertThat(chat.header("AUTHORIZATION")).isEqualTo("Bearer " + TOKEN);
        assertThat(chat.json().at("/messages/0/content").asText()).isEqualTo("Привет");
        assertThat(chat.bodyAsString()).contains("Привет");
        assertThat(emu.requests("/models")).hasSize(1);
        assertThat(emu.chatCalls()).isEqualTo(1);
        emu.clearRequests();
        assertThat(emu.requests()).isEmpty();
        assertThat(emu.lastRequest("/models")).isNull();
    }

    @Test
    void closeStopsServerAndThreads() throws Exception {
        GigaChatEmulator e = GigaChatEmulator.builder().staticToken(TOKEN).build().start();
        int port = e.port();
        assertThat(get(e, "/models").status()).isEqualTo(200);
        long t0 = System.nanoTime();
        e.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            org.assertj.core.api.Assertions.fail("port still open");
        } catch (java.io.IOException expected) {
            // connection refused
        }
        // every worker thread of that instance ended (on Java 21+ they are unnamed virtual threads)
        Thread.sleep(50);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gigachat-emulator-" + port + "-") && t.isAlive()))
                .isEmpty();
    }
}
