package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.SharedEmulator;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin API: its own key (a gateway key refused), summaries, filters, exports, purge, its description. */
class AdminApiTest extends UsageGatewaySupport {

    @Test
    void theAdminKeyIsRequiredAndAGatewayKeyIsRefused() throws Exception {
        for (String path : List.of("/admin/api/usage", "/admin/api/requests", "/admin/api/budgets", "/admin/api/export.csv")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "Authorization", "Bearer " + KEY_A).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "x-api-key", KEY_A).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "X-Admin-Key", ADMIN_KEY + "x").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "X-Admin-Key", ADMIN_KEY).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> refused = get("/admin/api/usage", "Authorization", "Bearer " + KEY_A);
        assertThat(json(refused).get("error").get("code").asText()).isEqualTo("invalid_admin_key");
        // and the admin key is no gateway key
        assertThat(post("/v1/chat/completions", chatBody("admin key as gateway key"), "x-api-key", ADMIN_KEY)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void usageByKeyModelFrontAndDayAfterKnownTraffic() throws Exception {
        long before = tokensOf("team-b");
        long input = 0;
        long output = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode usage = json(post("/v1/chat/completions", chatBody("admin summary " + i), "x-api-key", KEY_B)).get("usage");
            input += usage.get("prompt_tokens").asLong();
            output += usage.get("completion_tokens").asLong();
        }
        long expected = before + input + output;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> tokensOf("team-b") == expected);

        JsonNode byModel = admin("/admin/api/usage?group_by=day,model&key=team-b");
        assertThat(byModel.get("source").asText()).isEqualTo("memory");
        assertThat(byModel.get("rows")).isNotEmpty();
        assertThat(byModel.get("rows").get(0).has("day")).isTrue();
        assertThat(byModel.get("rows").get(0).has("model")).isTrue();
        assertThat(byModel.get("rows").get(0).has("api_key_name")).isFalse();
        JsonNode byFront = admin("/admin/api/usage?group_by=front");
        assertThat(byFront.get("rows")).anySatisfy(r -> assertThat(r.get("front").asText()).isEqualTo("openai"));

        JsonNode bad = json(get("/admin/api/usage?group_by=colour", "X-Admin-Key", ADMIN_KEY));
        assertThat(bad.get("error").get("param").asText()).isEqualTo("group_by");
    }

    private long tokensOf(String key) throws Exception {
        for (JsonNode row : admin("/admin/api/usage?group_by=key").get("rows")) {
            if (row.get("api_key_name").asText().equals(key)) {
                return row.get("input_tokens").asLong() + row.get("output_tokens").asLong();
            }
        }
        return 0;
    }

    @Test
    void exportsAsNdjsonAndCsvWithoutSecrets() throws Exception {
        assertThat(post("/v1/chat/completions", chatBody("export me"), "x-api-key", KEY_A).statusCode()).isEqualTo(200);
        awaitRecord("team-a", r -> r.get("status").asInt() == 200);

        HttpResponse<String> ndjson = get("/admin/api/export.ndjson?key=team-a", "X-Admin-Key", ADMIN_KEY);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        String[] lines = ndjson.body().split("\n");
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("api_key_name").asText()).isEqualTo("team-a");
        }

        HttpResponse<String> csv = get("/admin/api/export.csv?key=team-a", "X-Admin-Key", ADMIN_KEY);
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("time,request_id,front,endpoint,method,api_key_name");
        assertThat(rows).hasSize(lines.length + 1);
        assertThat(rows[1]).contains(",team-a,");

        for (String body : List.of(ndjson.body(), csv.body())) {
            for (String secret : List.of(KEY_A, KEY_B, ADMIN_KEY, SharedEmulator.AUTHORIZATION_KEY)) {
                assertThat(body).doesNotContain(secret);
            }
        }
    }

    @Test
    void purgeRemovesOldRecordsAndRefusesWithoutACut() throws Exception {
        HttpResponse<String> none = send("POST", "/admin/api/purge", null);
        assertThat(none.statusCode()).isEqualTo(401);
        HttpResponse<String> noCut = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/admin/api/purge")))
                .header("X-Admin-Key", ADMIN_KEY).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noCut.statusCode()).isEqualTo(400);
        HttpResponse<String> old = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        url("/admin/api/purge?before=2000-01-01")))
                .header("X-Admin-Key", ADMIN_KEY).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(json(old).get("deleted").asLong()).isZero();
    }

    @Test
    void thePageAndItsOpenApiDescriptionAreServed() throws Exception {
        HttpResponse<String> page = get("/admin/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("GigaGate usage");
        HttpResponse<String> openapi = get("/admin/openapi.yaml");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("openapi: 3.", "/admin/api/usage", "/admin/api/export.csv", "adminKey");
        assertThat(get("/admin/api/requests/no-such-id", "X-Admin-Key", ADMIN_KEY).statusCode()).isEqualTo(404);
    }
}
