package io.gigagate.config;

import io.gigagate.camel.UsageBeans;
import io.gigagate.camel.UsageBeans.UsagePostgres;
import io.gigagate.camel.UsageHealthCheck;
import io.gigagate.camel.UsageNotifier;
import io.gigagate.security.KeyBudget;
import io.gigagate.state.SharedState;
import io.gigagate.usage.Budgets;
import io.gigagate.usage.UsageAggregates;
import io.gigagate.usage.UsageRecorder;
import io.gigagate.usage.UsageStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Spring wiring of the usage accounting (docs/usage.md): reads {@link UsageSettings} and calls the factory both
 * runtimes share, {@link UsageBeans} (deploy/camel-k/beans.camel.yaml calls it too): the in-memory aggregates
 * (always), the sinks named in {@code gigagate.usage.sinks}, the recorder and its writer thread, the Camel event
 * notifier that makes a record of every front's request, the budgets the access policy asks and the {@code usage}
 * health check. The meters and the health indicator are Spring's own.
 */
@Configuration(proxyBeanMethods = false)
public class UsageConfiguration {

    @Bean(destroyMethod = "close")
    UsagePostgres usagePostgres(UsageSettings usage) {
        UsageSettings.Postgres pg = usage.postgres();
        return UsageBeans.usagePostgres(usage.sinks(), pg.url(), pg.user(), pg.password(), pg.poolSize(), pg.connectTimeout());
    }

    @Bean
    UsageAggregates usageAggregates(UsageSettings usage) {
        return UsageBeans.usageAggregates(usage.memoryDays(), usage.recentLimit());
    }

    @Bean(destroyMethod = "close")
    UsageRecorder usageRecorder(UsageSettings usage, UsageAggregates usageAggregates, UsagePostgres usagePostgres) {
        UsageSettings.Jsonl jsonl = usage.jsonl();
        return UsageBeans.usageRecorder(usage.sinks(), jsonl.path(), jsonl.maxSize().toBytes(), jsonl.maxFiles(),
                usageAggregates, usagePostgres, usage.queueSize(), usage.batchSize(), usage.flushInterval(), usage.retention(),
                usage.captureContent(), usage.contentRetention(), usage.purgeInterval());
    }

    /** What the admin API reads: PostgreSQL when it is a sink, else this replica's memory. */
    @Bean
    @Primary
    UsageStore usageStore(UsagePostgres usagePostgres, UsageAggregates usageAggregates) {
        return UsageBeans.usageStore(usagePostgres, usageAggregates);
    }

    @Bean(destroyMethod = "close")
    Budgets budgets(UsageSettings usage, UsagePostgres usagePostgres, SharedState sharedState) {
        Map<String, Budgets.Limit> limits = new LinkedHashMap<>();
        usage.budgets().forEach((key, b) -> limits.put(key, new Budgets.Limit(b.tokensPerDay(), b.tokensPerMonth(),
                b.requestsPerMinute())));
        return UsageBeans.budgets(limits, usagePostgres, sharedState, usage.budgetSync());
    }

    /** The access policy asks it (SecurityConfiguration); none when no key has a budget. */
    @Bean
    KeyBudget keyBudget(Budgets budgets) {
        return UsageBeans.keyBudget(budgets);
    }

    @Bean
    UsageNotifier usageNotifier(UsageRecorder usageRecorder, Budgets budgets, UsageSettings usage) {
        return UsageBeans.usageNotifier(usageRecorder, budgets, usage.replica());
    }

    @Bean
    UsageHealthCheck usageHealthCheck(UsageRecorder usageRecorder, Budgets budgets) {
        return UsageBeans.usageHealthCheck(usageRecorder, budgets);
    }

    /** The recorder's meters: gigagate.usage.queue, .records, .dropped, and per sink .sink.written, .failures, .pending. */
    @Bean
    MeterBinder usageMeters(UsageRecorder recorder) {
        return registry -> {
            Gauge.builder("gigagate.usage.queue", recorder, UsageRecorder::queued)
                    .description("Usage records waiting for the writer thread").register(registry);
            FunctionCounter.builder("gigagate.usage.records", recorder, UsageRecorder::accepted)
                    .description("Usage records taken off the request path").register(registry);
            FunctionCounter.builder("gigagate.usage.dropped", recorder, UsageRecorder::dropped)
                    .description("Usage records lost: the queue was full, or a failing sink's backlog outgrew it")
                    .register(registry);
            for (String sink : recorder.sinkNames()) {
                FunctionCounter.builder("gigagate.usage.sink.written", recorder, r -> status(r, sink).written())
                        .description("Usage records a sink wrote").tag("sink", sink).register(registry);
                FunctionCounter.builder("gigagate.usage.sink.failures", recorder, r -> status(r, sink).failures())
                        .description("Failed batch writes of a sink (each is tried again)").tag("sink", sink)
                        .register(registry);
                Gauge.builder("gigagate.usage.sink.pending", recorder, r -> status(r, sink).pending())
                        .description("Usage records a sink still has to write").tag("sink", sink).register(registry);
            }
        };
    }

    private static UsageRecorder.SinkStatus status(UsageRecorder recorder, String sink) {
        return recorder.sinks().stream().filter(s -> s.name().equals(sink)).findFirst().orElseThrow();
    }

    /**
     * {@code usage} in /actuator/health: UP with the queue, the drops and each sink; a failing sink shows its
     * error but keeps the status UP (usage records never take the gateway out of service).
     */
    @Bean
    HealthIndicator usageHealthIndicator(UsageHealthCheck usageHealthCheck) {
        return () -> Health.up().withDetails(usageHealthCheck.details()).build();
    }
}
