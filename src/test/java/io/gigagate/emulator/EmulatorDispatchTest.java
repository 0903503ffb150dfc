package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import static io.gigagate.emulator.Dispatcher.Access.DATA;
import static io.gigagate.emulator.Dispatcher.Access.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispatch seam: a handler registered for a method and path pattern answers beside the built-in resources,
 * with the checks its access asks for, while unknown paths and wrong methods keep GigaChat's 404 and 405.
 */
class EmulatorDispatchTest extends EmulatorTestSupport {

    private GigaChatEmulator emu;

    @AfterEach
    void stop() {
        if (emu != null) {
            emu.close();
        }
    }

    private GigaChatEmulator start(GigaChatEmulator.Builder b) {
        emu = b.staticToken(TOKEN).build().start();
        return emu;
    }

    /** Answers {"word": <the {word} segment>, "method": ...}. */
    private static final Handler ECHO = call -> {
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        res.put("word", call.param("word"));
        res.put("method", call.request().method());
        call.json(200, res);
    };

    private Res call(String method, String path) {
        return send(req(emu, path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void assertGigaChatError(Res r, int status, String message) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.json()).isEqualTo(json("{\"status\":" + status + ",\"message\":" + quote(message) + "}"));
    }

    @Test
    void aRegisteredHandlerAnswersItsPathWithTheDataCallChecks() {
        start(GigaChatEmulator.builder().route("GET", "/api/v1/echo/{word}", DATA, ECHO));

        Res ok = send(req(emu, "/echo/hello").header("X-Request-ID", "rid-e").GET().build());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(ok.header("X-Request-Id")).isEqualTo("rid-e");
        assertThat(ok.json()).isEqualTo(json("{\"word\":\"hello\",\"method\":\"GET\"}"));

        assertGigaChatError(send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/echo/hello")).GET().build()),
                401, "Unauthorized");
        emu.faults().failNext("/echo/hello", 503);
        assertGigaChatError(get(emu, "/echo/hello"), 503, "Service Unavailable");
        assertThat(get(emu, "/echo/hello").status()).isEqualTo(200);

        Res wrongMethod = call("POST", "/echo/hello");
        assertGigaChatError(wrongMethod, 405, "Method Not Allowed");
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET");
        for (String unknown : new String[] {"/echo", "/echo/", "/echo/a/b", "/echoes/a"}) {
            assertGigaChatError(get(emu, unknown), 404, "Not found");
        }
        // the built-in resources are unchanged
        assertThat(get(emu, "/models").status()).isEqualTo(200);
        assertThat(emu.requests("/echo/hello")).extracting(RecordedRequest::method)
                .containsExactly("GET", "GET", "GET", "GET", "POST");
    }

    @Test
    void aNewContractBesideV1AndV2IsOneRegistration() {
        start(GigaChatEmulator.builder().route("POST", "/api/v3/chat/completions", DATA, call -> {
            if (call.jsonObject().path("model").asText().isEmpty()) {
                throw ApiError.invalidParams("model is required");
            }
            call.json(200, EmulatorContext.JSON.createObjectNode().put("contract", "v3"));
        }));
        String v3 = "http://127.0.0.1:" + emu.port() + "/api/v3/chat/completions";
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(v3)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN).header("X-Client-ID", "c-2");
        Res ok = send(post.copy().POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"GigaChat\"}")).build());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json()).isEqualTo(json("{\"contract\":\"v3\"}"));
        assertThat(ok.header("X-Client-Id")).isEqualTo("c-2");
        Res invalid = send(post.copy().POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertGigaChatError(invalid, 422, "Invalid params: model is required");
        assertThat(invalid.header("X-Client-Id")).isEqualTo("c-2");
        assertGigaChatError(send(post.copy().POST(HttpRequest.BodyPublishers.ofString("[")).build()), 400,
                "Your request contains invalid JSON syntax.");
        Res wrongMethod = send(post.copy().GET().build());
        assertGigaChatError(wrongMethod, 405, "Method Not Allowed");
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");

        // outside a registered resource /api/v3 stays a plain 404, and v1 chat is untouched
        Res other = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.port() + "/api/v3/models"))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
        assertGigaChatError(other, 404, "Not found");
        assertThat(other.header("X-Request-Id")).isNull();
        assertThat(post(emu, "/chat/completions", chat("GigaChat", "user", "hi")).json()
                .at("/choices/0/message/content").asText()).isEqualTo("Echo: hi");
        assertThat(emu.chatCalls()).as("v3 calls are not v1 chat calls").isEqualTo(1);
    }

    @Test
    void theMostSpecificPatternWinsWhateverTheRegistrationOrder() {
        start(GigaChatEmulator.builder()
                .route("GET", "/api/v1/files/special", DATA, call -> call.json(200, json("{\"special\":true}")))
                .route(Dispatcher.ANY_METHOD, "/api/v1/anything/**", DATA, ECHO));
        assertThat(get(emu, "/files/special").json()).isEqualTo(json("{\"special\":true}"));
        assertGigaChatError(get(emu, "/files/other"), 404, "No such file");
        assertThat(call("DELETE", "/anything/a/b").json()).isEqualTo(json("{\"word\":null,\"method\":\"DELETE\"}"));
        assertThat(get(emu, "/anything").status()).as("** matches no segment too").isEqualTo(200);
    }

    @Test
    void anExtraMethodJoinsTheResourceAndItsAllowHeader() {
        start(GigaChatEmulator.builder().route("PUT", "/api/v1/balance", DATA, ECHO));
        assertThat(call("PUT", "/balance").json().get("method").asText()).isEqualTo("PUT");
        assertThat(get(emu, "/balance").json().has("balance")).isTrue();
        Res r = call("DELETE", "/balance");
        assertGigaChatError(r, 405, "Method Not Allowed");
        assertThat(r.header("Allow")).isEqualTo("GET, PUT");
    }

    @Test
    void anOpenResourceTakesNoBearerAndNoFault() {
        start(GigaChatEmulator.builder().route("GET", "/api/v1/ping", OPEN, call -> call.json(200, json("{}"))));
        emu.faults().failNext(503);
        Res ping = send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/ping")).GET().build());
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.header("X-Request-Id")).isNotBlank();
        assertGigaChatError(get(emu, "/models"), 503, "Service Unavailable");
    }

    @Test
    void aHandlersBugAnswers500() {
        start(GigaChatEmulator.builder().route("GET", "/api/v1/boom", DATA, call -> {
            throw new IllegalStateException("bug");
        }));
        assertGigaChatError(get(emu, "/boom"), 500, "Internal Server Error");
        assertThat(get(emu, "/models").status()).isEqualTo(200);
    }

    @Test
    void conflictingRegistrationsAreRejected() {
        assertThatThrownBy(() -> GigaChatEmulator.builder().route("GET", "/api/v1/models", DATA, ECHO).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /api/v1/models");
        assertThatThrownBy(() -> GigaChatEmulator.builder().route("PUT", "/api/v1/models", OPEN, ECHO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DATA");
        assertThatThrownBy(() -> GigaChatEmulator.builder().route("GET", "api/v1/x", DATA, ECHO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ path patterns

    private static Map<String, String> match(String pattern, String path) {
        return PathPattern.of(pattern).match(PathPattern.split(path));
    }

    @Test
    void pathPatternsMatchSegmentBySegment() {
        assertThat(match("/api/v1/models", "/api/v1/models")).isEmpty();
        assertThat(match("/api/v1/models", "/api/v1/models/")).isNull();
        assertThat(match("/api/v1/models", "/api/v1/model")).isNull();
        assertThat(match("/api/v1/models/{id}", "/api/v1/models/GigaChat")).containsExactly(Map.entry("id", "GigaChat"));
        assertThat(match("/api/v1/models/{id}", "/api/v1/models/")).isNull();
        assertThat(match("/api/v1/models/{id}", "/api/v1/models/a/b")).isNull();
        assertThat(match("/api/v1/files/{id?}/content", "/api/v1/files//content")).containsExactly(Map.entry("id", ""));
        assertThat(match("/api/v1/files/{id?}/content", "/api/v1/files/x/content")).containsExactly(Map.entry("id", "x"));
        assertThat(match("/api/v1/**", "/api/v1")).isEmpty();
        assertThat(match("/api/v1/**", "/api/v1/")).isEmpty();
        assertThat(match("/api/v1/**", "/api/v1/a/b/c")).isEmpty();
        assertThat(match("/api/v1/**", "/api/v1x")).isNull();
        assertThat(match("/api/v1/**", "/api")).isNull();
        assertThat(match("/{a}/**", "/x/y")).containsExactly(Map.entry("a", "x"));
        assertThat(match("/", "/")).isEmpty();
        assertThat(match("/api", "")).isNull();
        assertThat(match("/api", "*")).isNull();
    }

    @Test
    void specificityLiteralThenNamedThenEmptyableThenRest() {
        PathPattern literal = PathPattern.of("/api/v1/files/x");
        PathPattern named = PathPattern.of("/api/v1/files/{id}");
        PathPattern emptyable = PathPattern.of("/api/v1/files/{id?}");
        PathPattern rest = PathPattern.of("/api/v1/**");
        PathPattern exact = PathPattern.of("/api/v1");
        assertThat(literal.compareSpecificity(named)).isPositive();
        assertThat(named.compareSpecificity(emptyable)).isPositive();
        assertThat(emptyable.compareSpecificity(rest)).isPositive();
        assertThat(exact.compareSpecificity(rest)).as("/api/v1 over /api/v1/** for /api/v1").isPositive();
        assertThat(rest.compareSpecificity(literal)).isNegative();
        assertThat(named.compareSpecificity(PathPattern.of("/api/v1/files/{other}"))).isZero();
    }

    @Test
    void malformedPatternsAreRejected() {
        for (String bad : new String[] {"api/v1", "/api/**/x", "/a/{}", "/a/{x}/{x}", "/a/b*", "/a/{x"}) {
            assertThatThrownBy(() -> PathPattern.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
