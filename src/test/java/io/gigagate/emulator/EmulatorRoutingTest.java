package io.gigagate.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins GigaChat's answers around the routing, end to end: which resource answers 404 or 405 (with which
 * Allow header), and the order of the checks before a handler runs (bearer, then an injected fault, then the
 * method, then the path), for the OAuth host, the user/password token and the data calls.
 */
class EmulatorRoutingTest extends EmulatorTestSupport {

    private static final String BASIC_USER = "Basic "
            + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));

    private GigaChatEmulator emu;

    @BeforeEach
    void start() {
        emu = GigaChatEmulator.builder().staticToken(TOKEN).build().start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private Res call(String method, String path) {
        return send(req(emu, path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private Res raw(String method, String pathFromRoot) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.port() + pathFromRoot))
                .timeout(Duration.ofSeconds(20)).header("X-Request-ID", "rid-1")
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static void assertGigaChatError(Res r, int status, String message) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.json()).isEqualTo(json("{\"status\":" + status + ",\"message\":" + quote(message) + "}"));
    }

    @Test
    void everyResourceAnswersAWrongMethodWith405AndItsAllowHeader() {
        String[][] cases = {
                {"GET", "/chat/completions", "POST"},
                {"POST", "/models", "GET"},
                {"DELETE", "/models/GigaChat", "GET"},
                {"GET", "/embeddings", "POST"},
                {"GET", "/tokens/count", "POST"},
                {"POST", "/balance", "GET"},
                {"DELETE", "/files", "GET, POST"},
                {"POST", "/files/some-id", "GET"},
                {"POST", "/files/some-id/content", "GET"},
                {"GET", "/files/some-id/delete", "POST"},
                {"GET", "/token", "POST"},
        };
        for (String[] c : cases) {
            Res r = send(req(emu, c[1]).header("X-Request-ID", "rid-405")
                    .method(c[0], HttpRequest.BodyPublishers.noBody()).build());
            assertGigaChatError(r, 405, "Method Not Allowed");
            assertThat(r.header("Allow")).as(c[0] + " " + c[1]).isEqualTo(c[2]);
            assertThat(r.header("X-Request-Id")).as(c[0] + " " + c[1]).isEqualTo("rid-405");
            assertThat(r.header("X-Session-Id")).as(c[0] + " " + c[1]).isNotBlank();
        }
    }

    @Test
    void unknownPathsUnderTheApiAreDataCallsThat404() {
        assertThat(send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/nothing/here")).GET().build()).status())
                .as("bearer first").isEqualTo(401);
        for (String path : new String[] {"", "/", "/nothing", "/models/", "/files/", "/files/a/b/c",
                "/chat/completions/", "/chat", "/files/a/content/"}) {
            Res r = send(req(emu, path).header("X-Request-ID", "rid-404").GET().build());
            assertGigaChatError(r, 404, "Not found");
            assertThat(r.header("X-Request-Id")).as(path).isEqualTo("rid-404");
        }
        assertThat(emu.chatCalls()).as("/chat/completions/ is not the chat resource").isZero();
        // a path with an empty file id still reaches the files resource
        assertGigaChatError(get(emu, "/files//content"), 404, "No such file");
        assertGigaChatError(call("GET", "/files//delete"), 405, "Method Not Allowed");
    }

    @Test
    void pathsOutsideTheApiGetAPlain404() {
        for (String path : new String[] {"/", "/other", "/api", "/api/v1x", "/api/v2", "/api/v2/oauth/x",
                "/api/v2/other"}) {
            Res r = raw("POST", path);
            assertGigaChatError(r, 404, "Not found");
            assertThat(r.header("X-Request-Id")).as(path).isNull();
        }
        assertThat(emu.oauthCalls()).isZero();
    }

    @Test
    void bearerThenFaultThenMethodThenPath() {
        // without a bearer: 401 before the method check, but the call is counted
        Res anon = send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/chat/completions")).GET().build());
        assertGigaChatError(anon, 401, "Unauthorized");
        assertThat(anon.header("X-Request-Id")).isNotBlank();
        assertThat(emu.chatCalls()).isEqualTo(1);

        // a 401 does not consume a fault; a wrong method and an unknown path do
        emu.faults().failNext(503);
        send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/models")).GET().build());
        assertGigaChatError(call("GET", "/chat/completions"), 503, "Service Unavailable");
        assertThat(emu.chatCalls()).isEqualTo(2);
        emu.faults().failNext(502);
        assertGigaChatError(get(emu, "/nothing"), 502, "Bad Gateway");
        assertThat(get(emu, "/models").status()).isEqualTo(200);
        assertThat(emu.requests()).hasSize(5);
    }

    @Test
    void theUserPasswordTokenNeedsNoBearerAndTakesNoFault() {
        emu.faults().failNext(503);
        Res token = send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/token"))
                .header("Authorization", BASIC_USER).header("X-Request-ID", "rid-t")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(token.header("X-Request-Id")).isEqualTo("rid-t");
        assertThat(token.json().fieldNames()).toIterable().containsExactly("tok", "exp");
        Res noBasic = send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/token"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertGigaChatError(noBasic, 401, "Unauthorized");
        assertThat(noBasic.header("X-Request-Id")).isNotBlank();
        assertThat(emu.tokenCalls()).isEqualTo(2);
        assertGigaChatError(get(emu, "/models"), 503, "Service Unavailable");
    }

    @Test
    void theOauthHostAnswersInItsOwnShape() {
        Res wrong = send(HttpRequest.newBuilder(URI.create(emu.authUrl())).header("X-Request-ID", "rid-o")
                .GET().build());
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Content-Type")).isEqualTo("application/json");
        assertThat(wrong.header("Allow")).isEqualTo("POST");
        assertThat(wrong.header("X-Request-Id")).isNull();
        assertThat(wrong.json()).isEqualTo(json("{\"status\":405,\"message\":\"Method Not Allowed\"}"));

        // OAuth takes no data-call fault, and its own fault comes after the method check
        emu.faults().failNext(503).oauthFailNext(500, 1, "down");
        assertThat(send(HttpRequest.newBuilder(URI.create(emu.authUrl())).DELETE().build()).status())
                .isEqualTo(405);
        Res injected = oauth(emu, "Basic a2V5", uuid(), "scope=GIGACHAT_API_PERS");
        assertThat(injected.status()).isEqualTo(500);
        assertThat(injected.header("Content-Type")).isEqualTo("application/json");
        assertThat(injected.json()).isEqualTo(json("{\"code\":1,\"message\":\"down\"}"));
        Res ok = oauth(emu, "Basic a2V5", uuid(), "scope=GIGACHAT_API_PERS");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).isEqualTo("application/json");
        assertThat(ok.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(ok.header("Server")).isEqualTo("SynGX");
        assertThat(emu.oauthCalls()).isEqualTo(4);
        assertGigaChatError(get(emu, "/models"), 503, "Service Unavailable");
    }

    @Test
    void answersCarryTheCorrelationHeaders() {
        Res r = send(req(emu, "/balance").header("X-Request-ID", "r").header("X-Session-ID", "s")
                .header("X-Client-ID", "c").GET().build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Request-Id")).isEqualTo("r");
        assertThat(r.header("X-Session-Id")).isEqualTo("s");
        assertThat(r.header("X-Client-Id")).isEqualTo("c");
        assertThat(r.header("Server")).isEqualTo("SynGX");
        emu.faults().failNext(429, null, java.util.Map.of("Retry-After", "3"));
        Res f = send(req(emu, "/models").header("X-Request-ID", "r2").GET().build());
        assertGigaChatError(f, 429, "Too many requests");
        assertThat(f.header("X-Request-Id")).isEqualTo("r2");
        assertThat(f.header("Retry-After")).isEqualTo("3");
    }
}
