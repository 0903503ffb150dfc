package io.gigagate.camel;

import io.gigagate.usage.Budgets;
import io.gigagate.usage.UsageRecorder;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The usage accounting's state (docs/usage.md): the recorder's queue, the records dropped, each sink (written,
 * failures, pending, last error) and where the budgets are counted. Always UP: usage records never take the
 * gateway out of service; a failing sink shows its error in the details. The Spring app's {@code usage} health
 * detail shows the same ({@link #details}).
 */
public final class UsageHealthCheck extends AbstractHealthCheck {

    private final UsageRecorder recorder;
    private final Budgets budgets;

    public UsageHealthCheck(UsageRecorder recorder, Budgets budgets) {
        super("gigagate", "usage");
        this.recorder = recorder;
        this.budgets = budgets;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    /** The queue, drops and sinks, and with budgets {@code budgets}: shared, local, or local with the sync's error. */
    public Map<String, Object> details() {
        Map<String, Object> details = new java.util.LinkedHashMap<>(recorder.details());
        if (budgets.enabled()) {
            details.put("budgets", budgets.shared() ? (budgets.lastSyncError() == null ? "shared" : "local: "
                    + budgets.lastSyncError()) : "local");
        }
        return details;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        details().forEach(builder::detail);
        builder.up();
    }
}
