package io.gigagate.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.test.context.TestPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The gateway with usage accounting on (JSON lines sink, admin API, a budget), shared by the usage and
 * admin tests (one Spring context for all of them).
 */
@TestPropertySource(properties = {
        "gigagate.security.api-keys.team-a=" + UsageGatewaySupport.KEY_A,
        "gigagate.security.api-keys.team-b=" + UsageGatewaySupport.KEY_B,
        "gigagate.security.api-keys.team-small=" + UsageGatewaySupport.KEY_SMALL,
        "gigagate.security.api-keys.team-page=" + UsageGatewaySupport.KEY_PAGE,
        "gigagate.security.require-api-key=true",
        "gigagate.usage.sinks=jsonl",
        "gigagate.usage.jsonl.path=" + UsageGatewaySupport.JSONL,
        "gigagate.usage.flush-interval=20ms",
        "gigagate.usage.replica=replica-1",
        "gigagate.usage.capture-content=true",
        "gigagate.usage.budgets.team-small.tokens-per-day=1",
        "gigagate.usage.budgets.team-page.tokens-per-day=100000",
        "gigagate.admin.enabled=true",
        "gigagate.admin.api-key=" + UsageGatewaySupport.ADMIN_KEY})
abstract class UsageGatewaySupport extends GatewayTestSupport {

    static final String KEY_A = "sk-usage-team-a-0123456789";
    static final String KEY_B = "sk-usage-team-b-0123456789";
    static final String KEY_SMALL = "sk-usage-small-0123456789";
    static final String KEY_PAGE = "sk-usage-page-0123456789";
    static final String ADMIN_KEY = "adm-usage-secret-0123456789";
    static final String JSONL = "target/usage-test/usage.jsonl";

    /** GET on the admin API with the admin key. */
    JsonNode admin(String path) throws Exception {
        var response = get(path, "Authorization", "Bearer " + ADMIN_KEY);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** The newest record of a key that matches, waiting for the writer thread. */
    JsonNode awaitRecord(String key, Predicate<JsonNode> matching) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (JsonNode r : admin("/admin/api/requests?key=" + key + "&limit=1000").get("requests")) {
                if (matching.test(r)) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
