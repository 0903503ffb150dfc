package io.gigagate.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.SharedEmulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One usage record per request of every kind and status, with GigaChat's token counts; budgets; health. */
class UsageRoutesTest extends UsageGatewaySupport {

    @Test
    void chatRecordCarriesTheTokensGigaChatReported() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chatBody("usage chat one"), "x-api-key", KEY_A);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = json(response).get("usage");
        String upstreamId = response.headers().firstValue("x-request-id").orElseThrow();

        JsonNode record = awaitRecord("team-a", r -> upstreamId.equals(r.path("upstream_request_id").asText()));
        assertThat(record.get("front").asText()).isEqualTo("openai");
        assertThat(record.get("endpoint").asText()).isEqualTo("/chat/completions");
        assertThat(record.get("method").asText()).isEqualTo("POST");
        assertThat(record.get("status").asInt()).isEqualTo(200);
        assertThat(record.has("error_type")).isFalse();
        assertThat(record.get("model_requested").asText()).isEqualTo("GigaChat-2");
        assertThat(record.get("model").asText()).isNotBlank();
        assertThat(record.get("input_tokens").asLong()).isEqualTo(usage.get("prompt_tokens").asLong()).isPositive();
        assertThat(record.get("output_tokens").asLong()).isEqualTo(usage.get("completion_tokens").asLong()).isPositive();
        assertThat(record.get("stream").asBoolean()).isFalse();
        assertThat(record.has("first_event_millis")).isFalse();
        assertThat(record.get("replica").asText()).isEqualTo("replica-1");
        assertThat(record.get("request_id").asText()).isNotBlank();
        assertThat(record.get("latency_millis").asLong()).isNotNegative();

        // one request's record by its id, with the captured request (the list leaves it out)
        assertThat(record.has("content")).isFalse();
        JsonNode one = admin("/admin/api/requests/" + record.get("request_id").asText());
        assertThat(one.get("input_tokens")).isEqualTo(record.get("input_tokens"));
        assertThat(one.get("content").asText()).contains("usage chat one").doesNotContain(KEY_A);
    }

    @Test
    void streamRecordCarriesTheUsageChunksTokensAndTheFirstEventLatency() throws Exception {
        String body = "{\"model\":\"GigaChat-2\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"usage stream\"}]}";
        HttpResponse<String> response = post("/chat/completions", body, "x-api-key", KEY_A);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: {") && line.contains("\"usage\"")) {
                usage = JSON.readTree(line.substring(6)).get("usage");
            }
        }
        assertThat(usage).isNotNull();
        long prompt = usage.get("prompt_tokens").asLong();
        long completion = usage.get("completion_tokens").asLong();

        JsonNode record = awaitRecord("team-a", r -> r.get("stream").asBoolean());
        assertThat(record.get("endpoint").asText()).isEqualTo("/chat/completions");
        assertThat(record.get("input_tokens").asLong()).isEqualTo(prompt);
        assertThat(record.get("output_tokens").asLong()).isEqualTo(completion);
        assertThat(record.get("first_event_millis").asLong()).isNotNegative()
                .isLessThanOrEqualTo(record.get("latency_millis").asLong());
    }

    @Test
    void embeddingsAndModelsAreRecordedToo() throws Exception {
        HttpResponse<String> embeddings = post("/v1/embeddings", "{\"model\":\"EmbeddingsGigaR\",\"input\":[\"one\",\"two\"]}",
                "x-api-key", KEY_B);
        assertThat(embeddings.statusCode()).isEqualTo(200);
        long tokens = json(embeddings).get("usage").get("prompt_tokens").asLong();
        HttpResponse<String> models = get("/v1/models", "x-api-key", KEY_B);
        assertThat(models.statusCode()).isEqualTo(200);

        JsonNode e = awaitRecord("team-b", r -> r.get("endpoint").asText().equals("/embeddings"));
        assertThat(e.get("input_tokens").asLong()).isEqualTo(tokens).isPositive();
        assertThat(e.get("output_tokens").asLong()).isZero();
        assertThat(e.get("model_requested").asText()).isEqualTo("EmbeddingsGigaR");
        JsonNode m = awaitRecord("team-b", r -> r.get("endpoint").asText().equals("/models"));
        assertThat(m.get("method").asText()).isEqualTo("GET");
        assertThat(m.get("status").asInt()).isEqualTo(200);
    }

    @Test
    void refusalsAndUpstreamFailuresAreRecordedWithTheirErrorType() throws Exception {
        HttpResponse<String> refused = post("/v1/chat/completions", chatBody("no key"), "x-api-key", "sk-wrong-key-000000");
        assertThat(refused.statusCode()).isEqualTo(401);
        JsonNode unauthorized = awaitRecord("anonymous", r -> "invalid_api_key".equals(r.path("error_type").asText()));
        assertThat(unauthorized.get("status").asInt()).isEqualTo(401);
        assertThat(unauthorized.toString()).doesNotContain("sk-wrong-key-000000");

        EMULATOR.faults().failNext("/chat/completions", 500);
        HttpResponse<String> failed = post("/v1/chat/completions", chatBody("upstream fails"), "x-api-key", KEY_B);
        assertThat(failed.statusCode()).isGreaterThanOrEqualTo(500);
        JsonNode upstream = awaitRecord("team-b", r -> r.get("status").asInt() >= 500);
        assertThat(upstream.get("status").asInt()).isEqualTo(failed.statusCode());
        assertThat(upstream.get("error_type").asText()).isNotBlank();
        assertThat(upstream.get("model_requested").asText()).isEqualTo("GigaChat-2");

        HttpResponse<String> bad = post("/v1/chat/completions", "{\"messages\": 5}", "x-api-key", KEY_B);
        assertThat(bad.statusCode()).isEqualTo(400);
        awaitRecord("team-b", r -> r.get("status").asInt() == 400);
    }

    @Test
    void aSpentBudgetIsThe429OfTheFrontWithItsResetTime() throws Exception {
        HttpResponse<String> first = post("/v1/chat/completions", chatBody("spend the budget"), "x-api-key", KEY_SMALL);
        assertThat(first.statusCode()).isEqualTo(200);
        // the tokens are charged when the first request is done
        HttpResponse<String>[] second = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            second[0] = post("/v1/chat/completions", chatBody("over budget"), "x-api-key", KEY_SMALL);
            return second[0].statusCode() == 429;
        });
        JsonNode error = json(second[0]).get("error");
        assertThat(error.get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(error.get("message").asText()).contains("token budget for the day");
        assertThat(second[0].headers().firstValue("Retry-After")).isPresent();
        assertThat(second[0].headers().firstValue(Budgets.RESET_HEADER).orElseThrow()).endsWith("T00:00:00Z");

        JsonNode budget = null;
        for (JsonNode b : admin("/admin/api/budgets").get("budgets")) {
            if (b.get("api_key_name").asText().equals("team-small")) {
                budget = b;
            }
        }
        assertThat(budget).isNotNull();
        assertThat(budget.get("exhausted").asBoolean()).isTrue();
        assertThat(budget.get("limit").get("tokens_per_day").asLong()).isEqualTo(1);
        awaitRecord("team-small", r -> "budget_exceeded".equals(r.path("error_type").asText()));
    }

    @Test
    void jsonLinesFileAndHealthAndMetricsShowTheRecords() throws Exception {
        assertThat(post("/v1/chat/completions", chatBody("to the file"), "x-api-key", KEY_A).statusCode()).isEqualTo(200);
        Path file = Path.of(JSONL);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file)
                && Files.readString(file).contains("\"api_key_name\":\"team-a\""));
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            JsonNode r = JSON.readTree(line);
            assertThat(r.has("time") && r.has("request_id") && r.has("front") && r.has("status")).isTrue();
        }
        String all = Files.readString(file);
        for (String secret : List.of(KEY_A, KEY_B, KEY_SMALL, ADMIN_KEY, SharedEmulator.AUTHORIZATION_KEY)) {
            assertThat(all).doesNotContain(secret);
        }

        JsonNode health = json(get("/actuator/health")).get("components").get("usage");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("details").get("dropped").asLong()).isZero();
        assertThat(health.get("details").get("sinks").get("jsonl").get("healthy").asBoolean()).isTrue();
        for (String meter : List.of("gigagate.usage.dropped", "gigagate.usage.records", "gigagate.usage.queue",
                "gigagate.usage.sink.written?tag=sink:jsonl")) {
            HttpResponse<String> metric = get("/actuator/metrics/" + meter);
            assertThat(metric.statusCode()).as(meter).isEqualTo(200);
            double value = json(metric).get("measurements").get(0).get("value").asDouble();
            if (meter.startsWith("gigagate.usage.dropped")) {
                assertThat(value).isZero();
            } else if (!meter.startsWith("gigagate.usage.queue")) {
                assertThat(value).as(meter).isPositive();
            }
        }
    }
}
