package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.camel.UsageHealthCheck;
import io.gigagate.camel.UsageNotifier;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.CamelMainGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Usage accounting on plain Camel Main with deploy/camel-k's beans (what {@code camel run} and Camel K run): a
 * JSON lines sink and a budget under the Spring app's property names; requests on the OpenAI, Anthropic, Gemini and
 * Responses fronts make records with the front, endpoint, key name and GigaChat's tokens; a spent budget is the front's 429 with
 * its reset header; the admin route needs the admin key, refuses a gateway key, sums by key and exports NDJSON;
 * the {@code usage} health check is registered; the admin key appears in no log.
 */
@ExtendWith(OutputCaptureExtension.class)
class UsageCamelMainTest {

    private static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("upstream-token").build()
            .start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_A = "sk-camel-usage-a-0123456789";
    private static final String KEY_SMALL = "sk-camel-usage-small-0123456789";
    private static final String ADMIN_KEY = "adm-camel-usage-secret-0123456789";
    private static final Path JSONL = Path.of("target/usage-camel-main/usage-" + ProcessHandle.current().pid() + ".jsonl");
    private static Main main;
    private static int port;

    @BeforeAll
    static void startCamelMain() throws Exception {
        Files.deleteIfExists(JSONL);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gigachat.base-url", EMULATOR.baseUrl());
        settings.put("gigachat.access-token", "upstream-token");
        settings.put("gigachat.credentials", "");
        settings.put("gigagate.security.api-keys-list", "team-a=" + KEY_A + ",team-small=" + KEY_SMALL);
        // true/false are read as booleans by Camel; the access policy has a factory for them too
        settings.put("gigagate.security.require-api-key", "true");
        settings.put("gigagate.usage.sinks", "jsonl");
        settings.put("gigagate.usage.jsonl.path", JSONL.toString());
        settings.put("gigagate.usage.flush-interval", "PT0.02S");
        settings.put("gigagate.usage.replica", "camel-1");
        settings.put("gigagate.usage.budgets.team-small.tokens-per-day", "1");
        settings.put("gigagate.admin.enabled", "true");
        settings.put("gigagate.admin.api-key", ADMIN_KEY);
        main = CamelMainGateway.create(port, settings);
        main.start();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        EMULATOR.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        return CamelMainGateway.send(port, method, path, body, headers);
    }

    private static String chat(String text) {
        return "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static String message(String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    /** The records of the JSON lines file that match, waiting for the writer thread. */
    private static JsonNode awaitLine(Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!Files.exists(JSONL)) {
                return false;
            }
            for (String line : Files.readAllLines(JSONL)) {
                JsonNode record = JSON.readTree(line);
                if (matching.test(record)) {
                    found[0] = record;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Test
    void requestsOnTwoFrontsAreRecordedWithGigaChatsTokens() throws Exception {
        HttpResponse<String> openAi = send("POST", "/v1/chat/completions", chat("camel usage openai"), "Authorization",
                "Bearer " + KEY_A);
        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
        JsonNode openAiUsage = JSON.readTree(openAi.body()).get("usage");
        String openAiId = JSON.readTree(openAi.body()).get("id").asText();
        assertThat(openAiUsage.get("prompt_tokens").asLong()).isPositive();

        HttpResponse<String> anthropic = send("POST", "/v1/messages", message("camel usage anthropic"), "x-api-key", KEY_A);
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(200);
        JsonNode anthropicUsage = JSON.readTree(anthropic.body()).get("usage");

        JsonNode chatRecord = awaitLine(r -> r.get("front").asText().equals("openai")
                && r.get("input_tokens").asLong() == openAiUsage.get("prompt_tokens").asLong()
                && r.get("api_key_name").asText().equals("team-a"));
        assertThat(chatRecord.get("endpoint").asText()).isEqualTo("/chat/completions");
        assertThat(chatRecord.get("method").asText()).isEqualTo("POST");
        assertThat(chatRecord.get("status").asInt()).isEqualTo(200);
        assertThat(chatRecord.get("output_tokens").asLong()).isEqualTo(openAiUsage.get("completion_tokens").asLong());
        assertThat(chatRecord.get("model").asText()).isNotBlank();
        assertThat(chatRecord.get("replica").asText()).isEqualTo("camel-1");
        assertThat(openAiId).isNotBlank();

        JsonNode messageRecord = awaitLine(r -> r.get("front").asText().equals("anthropic"));
        assertThat(messageRecord.get("endpoint").asText()).isEqualTo("/messages");
        assertThat(messageRecord.get("api_key_name").asText()).isEqualTo("team-a");
        assertThat(messageRecord.get("input_tokens").asLong()).isEqualTo(anthropicUsage.get("input_tokens").asLong());
        assertThat(messageRecord.get("output_tokens").asLong()).isEqualTo(anthropicUsage.get("output_tokens").asLong());

        // Gemini and OpenAI's Responses API, a front of its own in the records
        HttpResponse<String> gemini = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent",
                "{\"contents\": [{\"parts\": [{\"text\": \"camel usage gemini\"}]}]}", "x-goog-api-key", KEY_A);
        assertThat(gemini.statusCode()).as(gemini.body()).isEqualTo(200);
        JsonNode geminiUsage = JSON.readTree(gemini.body()).get("usageMetadata");
        JsonNode geminiRecord = awaitLine(r -> r.get("front").asText().equals("gemini"));
        assertThat(geminiRecord.get("endpoint").asText()).isEqualTo("/v1beta/models/{target}");
        assertThat(geminiRecord.get("input_tokens").asLong()).isEqualTo(geminiUsage.get("promptTokenCount").asLong());
        assertThat(geminiRecord.get("output_tokens").asLong()).isEqualTo(geminiUsage.get("candidatesTokenCount").asLong());

        HttpResponse<String> responses = send("POST", "/v1/responses", "{\"model\":\"GigaChat-2\",\"input\":\"camel usage "
                + "responses\"}", "Authorization", "Bearer " + KEY_A);
        assertThat(responses.statusCode()).as(responses.body()).isEqualTo(200);
        JsonNode responsesUsage = JSON.readTree(responses.body()).get("usage");
        JsonNode responsesRecord = awaitLine(r -> r.get("front").asText().equals("responses"));
        assertThat(responsesRecord.get("endpoint").asText()).isEqualTo("/responses");
        assertThat(responsesRecord.get("input_tokens").asLong()).isEqualTo(responsesUsage.get("input_tokens").asLong());
        assertThat(responsesRecord.get("output_tokens").asLong()).isEqualTo(responsesUsage.get("output_tokens").asLong());

        // health and ping are no front's requests
        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);
        Thread.sleep(200);
        assertThat(Files.readAllLines(JSONL)).noneMatch(line -> line.contains("\"/health\""));
    }

    @Test
    void aSpentBudgetIsTheFrontsOwn429WithItsResetTime() throws Exception {
        HttpResponse<String> first = send("POST", "/v1/chat/completions", chat("spend it"), "Authorization",
                "Bearer " + KEY_SMALL);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        // charged when the record is made, after the answer: wait until the next one is refused
        HttpResponse<String>[] refused = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            refused[0] = send("POST", "/v1/chat/completions", chat("over budget"), "Authorization", "Bearer " + KEY_SMALL);
            return refused[0].statusCode() != 200;
        });
        assertThat(refused[0].statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(refused[0].body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
        assertThat(refused[0].headers().firstValue(Budgets.RESET_HEADER)).isPresent();
        assertThat(refused[0].headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> anthropic = send("POST", "/v1/messages", message("over budget"), "x-api-key", KEY_SMALL);
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(anthropic.body()).get("type").asText()).isEqualTo("error");
        assertThat(anthropic.headers().firstValue(Budgets.RESET_HEADER)).isPresent();

        JsonNode record = awaitLine(r -> r.get("api_key_name").asText().equals("team-small") && r.get("status").asInt() == 429);
        assertThat(record.get("error_type").asText()).isEqualTo("budget_exceeded");
    }

    @Test
    void theAdminRouteNeedsTheAdminKeyAndAnswersUsageAndExports(CapturedOutput output) throws Exception {
        for (String path : List.of("/admin/api/usage", "/admin/api/requests", "/admin/api/budgets", "/admin/api/export.ndjson")) {
            assertThat(send("GET", path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, null, "Authorization", "Bearer " + KEY_A).statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, null, "X-Admin-Key", ADMIN_KEY + "x").statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, null, "X-Admin-Key", ADMIN_KEY).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> refused = send("GET", "/admin/api/usage", null, "Authorization", "Bearer " + KEY_A);
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("invalid_admin_key");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gigagate-admin\"");
        // and the admin key is no gateway key
        assertThat(send("POST", "/v1/chat/completions", chat("admin as gateway key"), "Authorization", "Bearer " + ADMIN_KEY)
                .statusCode()).isEqualTo(401);

        long before = tokensOf("team-a");
        HttpResponse<String> answer = send("POST", "/v1/chat/completions", chat("admin summary"), "Authorization",
                "Bearer " + KEY_A);
        JsonNode usage = JSON.readTree(answer.body()).get("usage");
        long expected = before + usage.get("prompt_tokens").asLong() + usage.get("completion_tokens").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> tokensOf("team-a") == expected);

        JsonNode byKey = admin("/admin/api/usage?group_by=key,front");
        assertThat(byKey.get("source").asText()).isEqualTo("memory");
        assertThat(byKey.get("group_by").toString()).isEqualTo("[\"key\",\"front\"]");
        HttpResponse<String> bad = send("GET", "/admin/api/usage?group_by=colour", null, "X-Admin-Key", ADMIN_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).at("/error/param").asText()).isEqualTo("group_by");

        HttpResponse<String> ndjson = send("GET", "/admin/api/export.ndjson?key=team-a", null, "X-Admin-Key", ADMIN_KEY);
        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        String[] lines = ndjson.body().split("\n");
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("api_key_name").asText()).isEqualTo("team-a");
        }
        assertThat(ndjson.body()).doesNotContain(KEY_A, ADMIN_KEY);

        HttpResponse<String> budgets = send("GET", "/admin/api/budgets", null, "X-Admin-Key", ADMIN_KEY);
        assertThat(JSON.readTree(budgets.body()).get("budgets").toString()).contains("team-small");

        HttpResponse<String> page = send("GET", "/admin/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("GigaGate usage");
        assertThat(send("GET", "/admin/openapi.yaml", null).body()).contains("openapi: 3.");
        assertThat(send("GET", "/admin/api/requests/no-such-id", null, "X-Admin-Key", ADMIN_KEY).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/admin/api/purge", null, "X-Admin-Key", ADMIN_KEY).statusCode()).isEqualTo(405);
        assertThat(send("POST", "/admin/api/purge?before=2000-01-01", "", "X-Admin-Key", ADMIN_KEY).statusCode()).isEqualTo(200);

        assertThat(output.getAll()).doesNotContain(ADMIN_KEY);
    }

    private static long tokensOf(String key) throws Exception {
        for (JsonNode row : admin("/admin/api/usage?group_by=key").get("rows")) {
            if (row.get("api_key_name").asText().equals(key)) {
                return row.get("input_tokens").asLong() + row.get("output_tokens").asLong();
            }
        }
        return 0;
    }

    private static JsonNode admin(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, "Authorization", "Bearer " + ADMIN_KEY);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Test
    void theNotifierIsOnTheContextOnceAndTheUsageHealthCheckIsRegistered() {
        var context = main.getCamelContext();
        List<Object> notifiers = new ArrayList<>(context.getManagementStrategy().getEventNotifiers());
        assertThat(notifiers.stream().filter(UsageNotifier.class::isInstance)).hasSize(1);
        assertThat(context.getRegistry().findByType(UsageHealthCheck.class)).hasSize(1);
        HealthCheck.Result usage = HealthCheckRegistry.get(context).getCheck("usage").orElseThrow().call();
        assertThat(usage.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(usage.getDetails()).containsKeys("queued", "dropped", "sinks", "budgets");
        assertThat(HealthCheckRegistry.get(context).getCheck("shared-state")).isPresent();
    }
}
