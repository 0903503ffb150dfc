package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.Application;
import io.gigagate.support.GatewayTestSupport;
import io.gigagate.support.PostgresServer;
import io.gigagate.support.SharedEmulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with the PostgreSQL sink on a real server: records with GigaChat's token counts in the table,
 * the admin API reading them back, and a budget enforced across two gateway instances sharing the database.
 */
@DirtiesContext
class UsagePostgresGatewayTest extends GatewayTestSupport {

    static final String KEY = "sk-pg-team-0123456789";
    static final String KEY_SHARED = "sk-pg-shared-0123456789";
    static final String ADMIN_KEY = "adm-pg-secret-0123456789";
    private static final PostgresServer SERVER;
    private static ConfigurableApplicationContext second;

    static {
        try {
            SERVER = PostgresServer.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The settings both instances share. */
    static Map<String, Object> settings() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("gigagate.security.api-keys.pg-team", KEY);
        p.put("gigagate.security.api-keys.pg-shared", KEY_SHARED);
        p.put("gigagate.usage.sinks", "postgres");
        p.put("gigagate.usage.postgres.url", SERVER.jdbcUrl());
        p.put("gigagate.usage.postgres.user", PostgresServer.USER);
        p.put("gigagate.usage.postgres.password", PostgresServer.PASSWORD);
        p.put("gigagate.usage.flush-interval", "20ms");
        p.put("gigagate.usage.budget-sync", "100ms");
        p.put("gigagate.usage.budgets.pg-shared.tokens-per-day", "1");
        p.put("gigagate.admin.enabled", "true");
        p.put("gigagate.admin.api-key", ADMIN_KEY);
        return p;
    }

    @DynamicPropertySource
    static void usage(DynamicPropertyRegistry registry) {
        settings().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("gigagate.usage.replica", () -> "instance-1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        SERVER.stopServer();
    }

    @Test
    void recordsGoToPostgresAndTheAdminApiReadsThemBack() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chatBody("to postgres"), "x-api-key", KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = json(response).get("usage");
        String upstreamId = response.headers().firstValue("x-request-id").orElseThrow();

        await().atMost(Duration.ofSeconds(20)).until(() -> SERVER.usageRecord(upstreamId) != null);
        Map<String, Object> row = SERVER.usageRecord(upstreamId);
        assertThat(row).containsEntry("api_key_name", "pg-team").containsEntry("front", "openai")
                .containsEntry("endpoint", "/chat/completions").containsEntry("status", 200)
                .containsEntry("replica", "instance-1")
                .containsEntry("input_tokens", usage.get("prompt_tokens").asLong())
                .containsEntry("output_tokens", usage.get("completion_tokens").asLong());
        assertThat(row.values().toString()).doesNotContain(KEY, ADMIN_KEY, PostgresServer.PASSWORD,
                SharedEmulator.AUTHORIZATION_KEY);

        HttpResponse<String> summary = get("/admin/api/usage?group_by=key&key=pg-team", "X-Admin-Key", ADMIN_KEY);
        assertThat(json(summary).get("source").asText()).isEqualTo("postgres");
        assertThat(json(summary).get("rows").get(0).get("input_tokens").asLong())
                .isGreaterThanOrEqualTo(usage.get("prompt_tokens").asLong());
        HttpResponse<String> health = get("/actuator/health");
        assertThat(json(health).get("components").get("usage").get("details").get("sinks").get("postgres")
                .get("healthy").asBoolean()).isTrue();
    }

    @Test
    void aBudgetIsEnforcedAcrossTwoGatewayInstances() throws Exception {
        Map<String, Object> props = settings();
        props.put("gigachat.base-url", EMULATOR.baseUrl());
        props.put("gigachat.auth-url", EMULATOR.authUrl());
        props.put("gigachat.credentials", SharedEmulator.AUTHORIZATION_KEY);
        props.put("gigachat.scope", SharedEmulator.SCOPE);
        props.put("gigagate.retry.max-attempts", "1");
        props.put("gigagate.usage.replica", "instance-2");
        props.put("server.port", "0");
        second = new SpringApplicationBuilder(Application.class).properties(props).run();
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();

        // instance 1 serves the request that spends the day's budget
        assertThat(post("/v1/chat/completions", chatBody("spend it here"), "x-api-key", KEY_SHARED).statusCode())
                .isEqualTo(200);
        // instance 2 has served nothing for this key, and refuses once the counters are shared
        HttpRequest onSecond = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secondPort + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("x-api-key", KEY_SHARED)
                .POST(HttpRequest.BodyPublishers.ofString(chatBody("and try there"))).build();
        HttpResponse<String>[] refused = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            refused[0] = HTTP.send(onSecond, HttpResponse.BodyHandlers.ofString());
            return refused[0].statusCode() == 429;
        });
        assertThat(json(refused[0]).get("error").get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(refused[0].headers().firstValue("x-gigagate-budget-reset")).isPresent();
        // and instance 1 refuses too
        assertThat(post("/v1/chat/completions", chatBody("again here"), "x-api-key", KEY_SHARED).statusCode())
                .isEqualTo(429);
        // both instances' refusals are in the one table
        await().atMost(Duration.ofSeconds(20)).until(() -> SERVER.count(
                "SELECT COUNT(DISTINCT replica) FROM usage_records WHERE api_key_name = 'pg-shared' AND status = 429") == 2);
    }
}
