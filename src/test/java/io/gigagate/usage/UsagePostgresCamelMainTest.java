package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.support.CamelMainGateway;
import io.gigagate.support.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The PostgreSQL sink on Camel Main (deploy/camel-k's beans, a real PostgreSQL): two Camel Main instances share
 * one database; a request's record lands in the table with GigaChat's tokens, the admin route reads it back from
 * PostgreSQL, a budget spent on one instance is refused on the other, and the database password is in no log.
 */
@ExtendWith(OutputCaptureExtension.class)
class UsagePostgresCamelMainTest {

    private static final String KEY = "sk-pg-camel-team-0123456789";
    private static final String KEY_SHARED = "sk-pg-camel-shared-0123456789";
    private static final String ADMIN_KEY = "adm-pg-camel-secret-0123456789";
    private static final GigaChatEmulator EMULATOR = GigaChatEmulator.builder().staticToken("upstream-token").build()
            .start();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresServer server;
    private static Main first;
    private static Main second;
    private static int firstPort;
    private static int secondPort;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
        firstPort = freePort();
        first = CamelMainGateway.create(firstPort, settings("camel-1"));
        first.start();
        secondPort = freePort();
        second = CamelMainGateway.create(secondPort, settings("camel-2"));
        second.start();
    }

    private static Map<String, String> settings(String replica) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gigachat.base-url", EMULATOR.baseUrl());
        s.put("gigachat.access-token", "upstream-token");
        s.put("gigachat.credentials", "");
        s.put("gigagate.security.api-keys-list", "pg-team=" + KEY + ",pg-shared=" + KEY_SHARED);
        s.put("gigagate.usage.sinks", "postgres");
        s.put("gigagate.usage.postgres.url", server.jdbcUrl());
        s.put("gigagate.usage.postgres.user", PostgresServer.USER);
        s.put("gigagate.usage.postgres.password", PostgresServer.PASSWORD);
        s.put("gigagate.usage.flush-interval", "PT0.02S");
        s.put("gigagate.usage.budget-sync", "PT0.1S");
        s.put("gigagate.usage.budgets.pg-shared.tokens-per-day", "1");
        s.put("gigagate.usage.replica", replica);
        s.put("gigagate.admin.enabled", "true");
        s.put("gigagate.admin.api-key", ADMIN_KEY);
        return s;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Main main : new Main[] {first, second}) {
            if (main != null) {
                main.stop();
            }
        }
        EMULATOR.close();
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> post(int port, String key, String text) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"" + text + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recordsLandInPostgresAndTheAdminRouteReadsThemBack(CapturedOutput output) throws Exception {
        HttpResponse<String> response = post(firstPort, KEY, "to postgres from camel main");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(response.body()).get("usage");
        String upstreamId = response.headers().firstValue("x-request-id").orElseThrow();

        await().atMost(Duration.ofSeconds(20)).until(() -> server.usageRecord(upstreamId) != null);
        Map<String, Object> row = server.usageRecord(upstreamId);
        assertThat(row).containsEntry("api_key_name", "pg-team").containsEntry("front", "openai")
                .containsEntry("endpoint", "/chat/completions").containsEntry("status", 200)
                .containsEntry("replica", "camel-1")
                .containsEntry("input_tokens", usage.get("prompt_tokens").asLong())
                .containsEntry("output_tokens", usage.get("completion_tokens").asLong());

        // the other instance's admin route reads the same table
        HttpResponse<String> summary = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secondPort
                + "/admin/api/usage?group_by=key&key=pg-team")).header("X-Admin-Key", ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(summary.body());
        assertThat(answer.get("source").asText()).isEqualTo("postgres");
        assertThat(answer.at("/rows/0/input_tokens").asLong()).isGreaterThanOrEqualTo(usage.get("prompt_tokens").asLong());

        assertThat(output.getAll()).contains("Usage records go to PostgreSQL").doesNotContain(PostgresServer.PASSWORD);
    }

    @Test
    void aBudgetSpentOnOneInstanceIsRefusedOnTheOther() throws Exception {
        assertThat(post(firstPort, KEY_SHARED, "spend it on the first").statusCode()).isEqualTo(200);
        HttpResponse<String>[] refused = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            refused[0] = post(secondPort, KEY_SHARED, "and try the second");
            return refused[0].statusCode() == 429;
        });
        assertThat(JSON.readTree(refused[0].body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
        assertThat(refused[0].headers().firstValue("x-gigagate-budget-reset")).isPresent();
        assertThat(server.count("SELECT COUNT(*) FROM budget_counters")).isPositive();
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
