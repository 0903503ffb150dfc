package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.camel.UsageBeans;
import io.gigagate.security.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API without an HTTP server ({@link AdminApi#handle}, what Camel Main's admin route calls) and the
 * budgets' property forms both runtimes read ({@link UsageBeans#budgetLimits}, {@link UsageBeans#budgetProperties}).
 */
class AdminApiUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "adm-unit-secret-0123456789";
    private final UsageAggregates aggregates = new UsageAggregates(35, 100);
    private final UsageRecorder recorder = new UsageRecorder(List.of(), aggregates, 100, 10, Duration.ofMillis(10),
            Duration.ZERO, Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(1), Clock.systemUTC());
    private final Budgets budgets = new Budgets(Map.of("team-a", new Budgets.Limit(100, 0, 0)), null, Duration.ofSeconds(1),
            Clock.systemUTC());

    @AfterEach
    void close() {
        recorder.close();
        budgets.close();
    }

    private AdminApi api(boolean enabled) {
        return UsageBeans.adminApi(enabled, ADMIN_KEY, ApiKeys.of(Map.of("team-a", "sk-unit-team-a-0123456789")), aggregates,
                recorder, budgets);
    }

    private static Map<String, String> adminKey() {
        return Map.of("X-Admin-Key", ADMIN_KEY);
    }

    private static JsonNode json(AdminApi.Answer answer) throws Exception {
        return JSON.readTree(new String(answer.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void offEveryAdminPathIs404AndOnTheApiNeedsTheAdminKey() throws Exception {
        AdminApi.Answer off = api(false).handle("GET", "/admin/", Map.of(), adminKey()::get);
        assertThat(off.status()).isEqualTo(404);
        assertThat(json(off).at("/error/code").asText()).isEqualTo("not_found");

        AdminApi on = api(true);
        AdminApi.Answer none = on.handle("GET", "/admin/api/usage", Map.of(), name -> null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"gigagate-admin\"");
        assertThat(json(none).at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(on.handle("GET", "/admin/api/usage", Map.of(), Map.of("Authorization", "Bearer sk-unit-team-a-0123456789")::get)
                .status()).isEqualTo(401);
        assertThat(on.handle("GET", "/admin/api/usage", Map.of(), Map.of("Authorization", "bearer " + ADMIN_KEY)::get)
                .status()).isEqualTo(200);
        // the page holds no data: no key needed
        AdminApi.Answer page = on.handle("GET", "/admin/", Map.of(), name -> null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html");
        assertThat(new String(page.bytes(), StandardCharsets.UTF_8)).contains("GigaGate usage");
    }

    @Test
    void answersUsageAndRefusesBadParametersUnknownPathsAndOtherMethods() throws Exception {
        aggregates.add(UsageTestRecords.record("r1", Instant.now(), "team-a", "GigaChat", 200, 30, 12));
        AdminApi on = api(true);
        JsonNode usage = json(on.handle("GET", "/admin/api/usage", Map.of("group_by", "key"), adminKey()::get));
        assertThat(usage.get("source").asText()).isEqualTo("memory");
        assertThat(usage.at("/rows/0/api_key_name").asText()).isEqualTo("team-a");
        assertThat(usage.at("/rows/0/input_tokens").asLong()).isEqualTo(30);

        AdminApi.Answer ndjson = on.handle("GET", "/admin/api/export.ndjson", Map.of("key", "team-a"), adminKey()::get);
        assertThat(ndjson.contentType()).isEqualTo("application/x-ndjson");
        assertThat(new String(ndjson.bytes(), StandardCharsets.UTF_8)).contains("\"request_id\":\"r1\"").endsWith("\n");

        AdminApi.Answer bad = on.handle("GET", "/admin/api/requests", Map.of("limit", "lots"), adminKey()::get);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(json(bad).at("/error/param").asText()).isEqualTo("limit");
        assertThat(json(on.handle("GET", "/admin/api/requests", Map.of("limit", "5000"), adminKey()::get)).at("/error/param")
                .asText()).isEqualTo("limit");
        assertThat(on.handle("GET", "/admin/api/requests/r1", Map.of(), adminKey()::get).status()).isEqualTo(200);
        assertThat(on.handle("GET", "/admin/api/requests/none", Map.of(), adminKey()::get).status()).isEqualTo(404);
        assertThat(on.handle("GET", "/admin/api/nothing", Map.of(), adminKey()::get).status()).isEqualTo(404);
        AdminApi.Answer wrongMethod = on.handle("GET", "/admin/api/purge", Map.of(), adminKey()::get);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers()).containsEntry("Allow", "POST");
        assertThat(on.handle("POST", "/admin/api/purge", Map.of(), adminKey()::get).status()).isEqualTo(400);
    }

    @Test
    void startUpRefusesNoKeyAndAGatewayKey() {
        ApiKeys keys = ApiKeys.of(Map.of("team-a", "sk-unit-team-a-0123456789"));
        assertThatThrownBy(() -> UsageBeans.adminApi(true, " ", keys, aggregates, recorder, budgets))
                .hasMessageContaining("without an admin key");
        assertThatThrownBy(() -> UsageBeans.adminApi(true, "sk-unit-team-a-0123456789", keys, aggregates, recorder, budgets))
                .hasMessageContaining("also a gateway API key");
    }

    @Test
    void budgetsReadTheSameNamesAsSpringsMap() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("team-a.tokens-per-day", "1000");
        properties.put("team-a.requestsPerMinute", "7");
        properties.put("[*].tokens-per-month", "5000");
        properties.put("[team.b].tokens-per-day", "3");
        Map<String, Budgets.Limit> limits = UsageBeans.budgetLimits(properties);
        assertThat(limits).containsEntry("team-a", new Budgets.Limit(1000, 0, 7))
                .containsEntry("*", new Budgets.Limit(0, 5000, 0)).containsEntry("team.b", new Budgets.Limit(3, 0, 0));
        assertThatThrownBy(() -> UsageBeans.budgetLimits(Map.of("team-a.tokens-per-week", "1")))
                .hasMessageContaining("tokens-per-day, tokens-per-month or requests-per-minute");
        assertThatThrownBy(() -> UsageBeans.budgetLimits(Map.of("team-a.tokens-per-day", "many")))
                .hasMessageContaining("whole number");

        Map<String, String> fromEnvironment = UsageBeans.budgetProperties(Map.of(
                "GIGAGATE_USAGE_BUDGETS_TEAMA_TOKENSPERDAY", "200", "GIGAGATE_USAGE_SINKS", "jsonl", "GIGAGATE_USAGE_BUDGET_SYNC", "PT2S", "PATH", "/bin"));
        assertThat(fromEnvironment).containsExactly(Map.entry("teama.tokensperday", "200"));
        assertThat(UsageBeans.budgetLimits(fromEnvironment)).containsEntry("teama", new Budgets.Limit(200, 0, 0));
    }
}
