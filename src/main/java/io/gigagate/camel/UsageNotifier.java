package io.gigagate.camel;

import io.gigagate.error.GatewayException;
import io.gigagate.usage.Budgets;
import io.gigagate.usage.UsageRecord;
import io.gigagate.usage.UsageRecorder;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * One usage record per client request on any front, from what every exchange already carries: the route's
 * configuration id names the front ({@code openai-errors} → {@code openai}, {@code anthropic-errors} →
 * {@code anthropic}; OpenAI's Responses endpoints are {@code responses}), the platform-http endpoint's path
 * the endpoint, and the exchange properties the access policy, the chat steps and the answers leave
 * ({@link ExchangeKeys}) the rest. Routes without a front's configuration (health, ping) and CORS
 * pre-flights are not requests of a front. The record is handed to {@link UsageRecorder#record}, which never
 * waits; the tokens are charged to the key's budget.
 */
public final class UsageNotifier extends EventNotifierSupport {

    static final String METHOD = "gigagate.usage.method";
    private static final String NO_FRONT = "";
    /** OpenAI's Responses endpoints share OpenAI's route configuration; they are a front of their own here. */
    private static final java.util.regex.Pattern RESPONSES = java.util.regex.Pattern.compile("(/v1)?/responses(/.*)?");

    private final UsageRecorder recorder;
    private final Budgets budgets;
    private final String replica;
    private final Map<String, String> frontsByRoute = new ConcurrentHashMap<>();

    /** @param budgets charged with each request's tokens, or null */
    public UsageNotifier(UsageRecorder recorder, Budgets budgets, String replica) {
        this.recorder = recorder;
        this.budgets = budgets;
        this.replica = replica;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return (event instanceof ExchangeCreatedEvent || event instanceof ExchangeCompletedEvent
                || event instanceof ExchangeFailedEvent)
                && ((CamelEvent.ExchangeEvent) event).getExchange().getFromEndpoint() instanceof PlatformHttpEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        if (event instanceof ExchangeCreatedEvent) {
            // the method, before an answer's headers replace the request's
            exchange.setProperty(METHOD, exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
            return;
        }
        PlatformHttpEndpoint endpoint = (PlatformHttpEndpoint) exchange.getFromEndpoint();
        String method = exchange.getProperty(METHOD, String.class);
        String front = front(exchange, endpoint.getPath());
        if (front.isEmpty() || "OPTIONS".equalsIgnoreCase(method)) {
            return;
        }
        UsageRecord record = record(exchange, front, endpoint(endpoint.getPath()), method, replica);
        recorder.record(record);
        if (budgets != null) {
            budgets.charge(record.apiKeyName(), record.totalTokens(), record.time());
        }
    }

    /** The front of the exchange's route, from its route configuration id; empty when it has none. */
    private String front(Exchange exchange, String path) {
        String routeId = exchange.getFromRouteId();
        String front = routeId == null ? NO_FRONT : frontsByRoute.computeIfAbsent(routeId, id -> {
            Route route = exchange.getContext().getRoute(id);
            return frontOf(route == null ? null : route.getConfigurationId());
        });
        if ("openai".equals(front) && path != null && RESPONSES.matcher(path).matches()) {
            return "responses";
        }
        return front;
    }

    /** {@code openai-errors} → {@code openai}: a front's route configuration id without its {@code -errors}. */
    static String frontOf(String configurationId) {
        if (configurationId == null || configurationId.isBlank()) {
            return NO_FRONT;
        }
        String id = configurationId.split(",")[0].strip();
        return id.endsWith("-errors") ? id.substring(0, id.length() - "-errors".length()) : id;
    }

    /** The path without OpenAI's optional {@code /v1}, so both spellings count as one endpoint. */
    static String endpoint(String path) {
        if (path == null) {
            return "";
        }
        return path.startsWith("/v1/") ? path.substring(3) : path;
    }

    static UsageRecord record(Exchange exchange, String front, String endpoint, String method, String replica) {
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int status = code != null ? code : exchange.isFailed() ? 500 : 200;
        String modelRequested = exchange.getProperty(ExchangeKeys.REQUESTED_MODEL, String.class);
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        if (modelRequested == null && call != null && call.request() != null) {
            modelRequested = call.request().model();
        }
        Long firstEvent = exchange.getProperty(ExchangeKeys.FIRST_EVENT_MILLIS, Long.class);
        boolean stream = Boolean.TRUE.equals(exchange.getProperty(ExchangeKeys.STREAM, Boolean.class));
        return new UsageRecord(
                Instant.ofEpochMilli(exchange.getClock().getCreated()),
                exchange.getExchangeId(),
                front,
                endpoint,
                method,
                exchange.getProperty(ExchangeKeys.API_KEY_NAME, "anonymous", String.class),
                exchange.getProperty(ExchangeKeys.UPSTREAM_CREDENTIAL, String.class),
                modelRequested,
                exchange.getProperty(ExchangeKeys.GIGACHAT_MODEL, String.class),
                status,
                status >= 400 ? errorType(exchange, status) : null,
                stream,
                tokens(exchange, ExchangeKeys.PROMPT_TOKENS),
                tokens(exchange, ExchangeKeys.COMPLETION_TOKENS),
                tokens(exchange, ExchangeKeys.CACHED_TOKENS),
                0, // GigaChat reports no reasoning tokens of its own
                exchange.getClock().elapsed(),
                stream ? firstEvent : null,
                status < 400 ? exchange.getMessage().getHeader("x-request-id", String.class) : null,
                replica,
                exchange.getProperty(ExchangeKeys.CAPTURED_CONTENT, String.class));
    }

    private static long tokens(Exchange exchange, String key) {
        Integer n = exchange.getProperty(key, Integer.class);
        return n == null ? 0 : n;
    }

    /** The refusal's code ({@code invalid_api_key}, {@code budget_exceeded}, ...), else a word for the status. */
    private static String errorType(Exchange exchange, int status) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException g) {
                return g.code() != null ? g.code() : g.category().name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (failure != null) {
            GatewayException classified = UpstreamFailures.toGatewayException(failure);
            if (classified != null && classified.code() != null) {
                return classified.code();
            }
        }
        return status >= 500 ? "server_error" : "http_" + status;
    }
}
