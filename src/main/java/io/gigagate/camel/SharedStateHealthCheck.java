package io.gigagate.camel;

import io.gigagate.state.SharedState;
import io.gigagate.state.StateUnavailableException;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Shows where the replicas' shared state lives and whether its Redis answers. Always UP: without Redis the
 * gateway still serves (limits count on this replica alone, stored responses answer 503), and taking every
 * replica out of service at once because Redis is down would turn a degraded gateway into none. Alert on the
 * detail or on the {@code gigagate_state_redis_available} gauge instead.
 */
public final class SharedStateHealthCheck extends AbstractHealthCheck {

    private final SharedState state;

    public SharedStateHealthCheck(SharedState state) {
        super("gigagate", "shared-state");
        this.state = state;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        state.redis().ifPresent(redis -> {
            try {
                redis.call(commands -> commands.ping());
            } catch (StateUnavailableException e) {
                builder.message("Redis unavailable: limits are counted on this replica alone, stored responses answer 503");
            }
        });
        state.details().forEach(builder::detail);
        builder.up();
    }
}
