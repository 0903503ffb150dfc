package io.gigagate.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls GigaChat's {@code GET /balance} (through {@code direct:gigachat-balance}) on a Camel timer and
 * shows each usage's remaining tokens as the gauge {@code gigagate.gigachat.balance{usage=...}}.
 * Pay-as-you-go accounts have no balance and answer 403: then the gauges are removed, polling stops
 * for good, and one INFO line says so. Other failures keep the last values and log only at DEBUG, so
 * an upstream outage does not flood the log.
 */
final class GigaChatBalanceGauges extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(GigaChatBalanceGauges.class);

    private final MeterRegistry registry;
    private final Duration interval;
    private final Map<String, AtomicReference<Double>> balances = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    GigaChatBalanceGauges(MeterRegistry registry, Duration interval) {
        this.registry = registry;
        this.interval = interval;
    }

    @Override
    public void configure() {
        long period = interval.toMillis();
        from("timer:gigachat-balance?delay=" + Math.min(period, 5000) + "&period=" + period).routeId("gigachat-balance-poll")
                .errorHandler(noErrorHandler())
                .process(this::poll);
    }

    private void poll(Exchange tick) {
        if (unavailable) {
            return;
        }
        Exchange answer = tick.getContext().createFluentProducerTemplate().to("direct:gigachat-balance").send();
        Throwable failure = answer.getException();
        if (failure instanceof GatewayException error && (error.status() == 403 || error.status() == 402)) {
            unavailable = true;
            gauges.values().forEach(registry::remove);
            gauges.clear();
            LOG.info("GigaChat has no balance for this account ({}); the balance gauge is off", error.status());
            return;
        }
        if (failure != null) {
            LOG.debug("GigaChat's balance could not be read: {}", failure.toString());
            return;
        }
        try {
            JsonNode items = WireJson.mapper().readTree(answer.getMessage().getBody(byte[].class)).path("balance");
            for (JsonNode item : items) {
                String usage = item.path("usage").asText("");
                if (!usage.isEmpty() && item.path("value").isNumber()) {
                    balance(usage).set(item.path("value").asDouble());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("GigaChat's balance answer could not be read: {}", e.toString());
        }
    }

    private AtomicReference<Double> balance(String usage) {
        return balances.computeIfAbsent(usage, u -> {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            gauges.put(u, Gauge.builder("gigagate.gigachat.balance", value, AtomicReference::get)
                    .description("Tokens left on the GigaChat account, per usage (model family)")
                    .tag("usage", u)
                    .register(registry));
            return value;
        });
    }
}
