package io.gigagate.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gigagate.camel.ExchangeKeys;
import io.gigagate.gigachat.GigaChatOperation;
import io.gigagate.camel.GatewayTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Records the gateway's metrics from Camel's exchange events, so neither the routes nor the pure
 * packages know about Micrometer:
 * <ul>
 *   <li>every call to a camel-http endpoint is an upstream call: its time ({@code gigagate.upstream})
 *       by operation and status, its errors ({@code gigagate.upstream.errors}), and token fetches
 *       ({@code gigagate.gigachat.token.fetches});</li>
 *   <li>every exchange that came in through platform-http is a client request: its total time
 *       ({@code gigagate.requests}) by endpoint, model, status, key and stream; the gateway's own time
 *       (total minus upstream, {@code gigagate.gateway.time}) for JSON answers; tokens in and out
 *       ({@code gigagate.tokens}); streams the client left ({@code gigagate.stream.disconnects}).</li>
 * </ul>
 * Routes and processors leave what the metrics need as exchange properties ({@link ExchangeKeys}).
 */
public final class GatewayMetricsNotifier extends EventNotifierSupport {

    static final String ANONYMOUS = "anonymous";
    private static final String NONE = "none";
    private static final Duration[] REQUEST_BUCKETS = durations(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000,
            30_000, 60_000, 120_000, 300_000);
    private static final Duration[] GATEWAY_BUCKETS = withSubMillisecond(durations(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000));

    /** Distinct meters kept at hand; a client sending ever new model names cannot grow it without bound. */
    private static final int MAX_CACHED_METERS = 5_000;

    private final MeterRegistry registry;
    /**
     * The meters by name and tag values: looking one up here is a hash lookup, where a builder's
     * register() sorts and merges its tags and builds an id on every request.
     */
    private final Cache<List<String>, Meter> meters = Caffeine.newBuilder().maximumSize(MAX_CACHED_METERS).build();

    public GatewayMetricsNotifier(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            // Camel times a send and reports it as sent only when someone took its sending event
            return sending.getEndpoint() instanceof HttpEndpoint;
        }
        if (event instanceof ExchangeCreatedEvent created) {
            // the start of a client request, for the gateway's own time in nanoseconds
            return created.getExchange().getFromEndpoint() instanceof PlatformHttpEndpoint;
        }
        return event instanceof ExchangeSentEvent || event instanceof ExchangeCompletedEvent
                || event instanceof ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeCreatedEvent created) {
            requestStarted(created.getExchange());
        } else if (event instanceof ExchangeSendingEvent sending) {
            sending.getExchange().setProperty(GatewayTime.SENDING_NANOS, System.nanoTime());
        } else if (event instanceof ExchangeSentEvent sent) {
            if (sent.getEndpoint() instanceof HttpEndpoint) {
                Long sendingNanos = sent.getExchange().getProperty(GatewayTime.SENDING_NANOS, Long.class);
                if (sendingNanos != null) {
                    GatewayTime.addUpstream(sent.getExchange(), System.nanoTime() - sendingNanos);
                    sent.getExchange().removeProperty(GatewayTime.SENDING_NANOS);
                } else {
                    GatewayTime.addUpstream(sent.getExchange(), sent.getTimeTaken() * 1_000_000L);
                }
                upstreamCallDone(sent.getExchange(), sent.getTimeTaken());
            }
        } else if (event instanceof ExchangeCompletedEvent || event instanceof ExchangeFailedEvent) {
            Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
            if (exchange.getFromEndpoint() instanceof PlatformHttpEndpoint endpoint) {
                requestDone(exchange, endpoint.getPath());
            }
        }
    }

    /** The request's start: stamped by BodyLimitFilter on the servlet request when it ran, else now. */
    private static void requestStarted(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message && message.getRequest() != null
                && message.getRequest().getAttribute(GatewayTime.START_NANOS) instanceof Long start) {
            exchange.setProperty(GatewayTime.START_NANOS, start);
        } else {
            GatewayTime.started(exchange);
        }
    }

    private void upstreamCallDone(Exchange exchange, long millis) {
        exchange.setProperty(ExchangeKeys.UPSTREAM_MILLIS,
                exchange.getProperty(ExchangeKeys.UPSTREAM_MILLIS, 0L, Long.class) + millis);
        GigaChatOperation operation = exchange.getProperty(ExchangeKeys.UPSTREAM_OPERATION, GigaChatOperation.class);
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String status = exchange.getException() != null || code == null ? "io_error" : String.valueOf(code);
        if (operation == null) {
            // the token routes are the only upstream calls without an operation
            operation = GigaChatOperation.AUTH;
            String outcome = code != null && code == 200 ? "success" : "failure";
            meter(List.of("gigagate.gigachat.token.fetches", outcome), key -> Counter.builder(key.get(0))
                    .description("Access tokens fetched from GigaChat's auth endpoint (start-up, renewal, after a 401)")
                    .tag("outcome", outcome)
                    .register(registry)).increment();
        }
        String op = operation.tag();
        this.<Timer>meter(List.of("gigagate.upstream", op, status), key -> Timer.builder(key.get(0))
                .description("Time inside one HTTP call to GigaChat (for streams: until the answer's headers)")
                .tags("operation", op, "status", status)
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry)).record(millis, TimeUnit.MILLISECONDS);
        if (!"200".equals(status)) {
            meter(List.of("gigagate.upstream.errors", op, status), key -> Counter.builder(key.get(0))
                    .description("GigaChat calls that failed, by status (io_error: no answer)")
                    .tags("operation", op, "status", status)
                    .register(registry)).increment();
        }
    }

    private void requestDone(Exchange exchange, String path) {
        long total = exchange.getClock().elapsed();
        String model = exchange.getProperty(ExchangeKeys.GIGACHAT_MODEL, NONE, String.class);
        String key = exchange.getProperty(ExchangeKeys.API_KEY_NAME, ANONYMOUS, String.class);
        boolean stream = Boolean.TRUE.equals(exchange.getProperty(ExchangeKeys.STREAM, Boolean.class));
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String status = String.valueOf(code != null ? code : exchange.isFailed() ? 500 : 200);

        String streamed = String.valueOf(stream);
        this.<Timer>meter(List.of("gigagate.requests", path, model, status, key, streamed), k -> Timer.builder(k.get(0))
                .description("Client requests, whole time in the gateway (for streams: until the last event)")
                .tags("endpoint", path, "model", model, "status", status, "key", key, "stream", streamed)
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry)).record(total, TimeUnit.MILLISECONDS);
        Long gatewayNanos = exchange.getProperty(GatewayTime.GATEWAY_NANOS, Long.class);
        if (gatewayNanos != null) {
            // the same figure as the x-gigagate-overhead-ms header (for streams: until the first event)
            this.<Timer>meter(List.of("gigagate.gateway.time", path, streamed), k -> Timer.builder(k.get(0))
                    .description("The gateway's own time per request (header x-gigagate-overhead-ms): total minus the "
                            + "time waiting on GigaChat; for streams until the first event")
                    .tags("endpoint", path, "stream", streamed)
                    .serviceLevelObjectives(GATEWAY_BUCKETS)
                    .register(registry)).record(gatewayNanos, TimeUnit.NANOSECONDS);
        }
        countTokens(exchange, ExchangeKeys.PROMPT_TOKENS, "in", model, key);
        countTokens(exchange, ExchangeKeys.COMPLETION_TOKENS, "out", model, key);
        if ("disconnected".equals(exchange.getProperty(ExchangeKeys.STREAM_OUTCOME, String.class))) {
            meter(List.of("gigagate.stream.disconnects", model, key), k -> Counter.builder(k.get(0))
                    .description("Streams the client left before the last event")
                    .tags("model", model, "key", key)
                    .register(registry)).increment();
        }
    }

    private void countTokens(Exchange exchange, String property, String direction, String model, String key) {
        Integer tokens = exchange.getProperty(property, Integer.class);
        if (tokens != null && tokens > 0) {
            meter(List.of("gigagate.tokens", direction, model, key), k -> Counter.builder(k.get(0))
                    .description("Tokens GigaChat reported: in (prompt) and out (completion)")
                    .tags("direction", direction, "model", model, "key", key)
                    .register(registry)).increment(tokens);
        }
    }

    /** The meter under this key (its name, then its tag values), registered on first use. */
    @SuppressWarnings("unchecked")
    private <M extends Meter> M meter(List<String> key, Function<List<String>, M> register) {
        return (M) meters.get(key, register);
    }

    /** The gateway's own time is usually well under a millisecond: 0.1, 0.25 and 0.5 ms buckets first. */
    private static Duration[] withSubMillisecond(Duration[] buckets) {
        Duration[] result = new Duration[buckets.length + 3];
        result[0] = Duration.ofNanos(100_000L);
        result[1] = Duration.ofNanos(250_000L);
        result[2] = Duration.ofNanos(500_000L);
        System.arraycopy(buckets, 0, result, 3, buckets.length);
        return result;
    }

    private static Duration[] durations(long... millis) {
        Duration[] result = new Duration[millis.length];
        for (int i = 0; i < millis.length; i++) {
            result[i] = Duration.ofMillis(millis[i]);
        }
        return result;
    }
}
