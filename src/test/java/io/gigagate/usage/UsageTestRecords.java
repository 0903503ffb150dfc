package io.gigagate.usage;

import java.time.Instant;

/** Records for the usage tests. */
final class UsageTestRecords {

    private UsageTestRecords() {
    }

    static UsageRecord record(String id, Instant time, String key, String model, int status, long in, long out) {
        return new UsageRecord(time, id, "openai", "/chat/completions", "POST", key, null, model, model, status,
                status >= 400 ? "server_error" : null, false, in, out, 0, 0, 12, null, "up-" + id, "test", null);
    }
}
