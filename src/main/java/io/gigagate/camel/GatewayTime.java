package io.gigagate.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The gateway's own time for one client request: the time since the request came in minus the time
 * spent waiting on GigaChat, in nanoseconds, so sub-millisecond figures (0.42 ms) stay visible.
 *
 * <p>The pieces: {@link #START_NANOS} is stamped on the servlet request by the body-limit filter,
 * before the key check and the hop to the executor, and copied onto the exchange when Camel creates it
 * (the metrics notifier does both; without a stamp the exchange's creation, without the notifier the
 * exchange's millisecond clock); every camel-http call adds
 * its duration to {@link #UPSTREAM_NANOS} (notifier again), a fan-out adds the wall time the request
 * waited for its parallel calls, and a stream adds the time it waited for GigaChat's first event. The
 * processors that write an answer call {@link #stamp(Message)} just before the answer goes out: it
 * sets {@link #HEADER} and keeps the figure in {@link #GATEWAY_NANOS} for the metric.
 */
public final class GatewayTime {

    /** The response header with the gateway's own time in milliseconds, e.g. {@code 0.42}. */
    public static final String HEADER = "x-gigagate-overhead-ms";
    /** {@code System.nanoTime()} when the client's request became an exchange ({@code Long}). */
    public static final String START_NANOS = "gigagate.startNanos";
    /** Nanoseconds spent waiting on GigaChat so far ({@code Long}). */
    public static final String UPSTREAM_NANOS = "gigagate.upstreamNanos";
    /** {@code System.nanoTime()} when the current camel-http call started ({@code Long}). */
    public static final String SENDING_NANOS = "gigagate.upstreamSendingNanos";
    /** The gateway's own time as written in {@link #HEADER}, in nanoseconds ({@code Long}). */
    public static final String GATEWAY_NANOS = "gigagate.gatewayNanos";

    private GatewayTime() {
    }

    /** Marks the start of a client request (first call wins). */
    public static void started(Exchange exchange) {
        if (exchange.getProperty(START_NANOS) == null) {
            exchange.setProperty(START_NANOS, System.nanoTime());
        }
    }

    /** Adds time spent waiting on GigaChat. */
    public static void addUpstream(Exchange exchange, long nanos) {
        if (nanos > 0) {
            Long sofar = exchange.getProperty(UPSTREAM_NANOS, Long.class);
            exchange.setProperty(UPSTREAM_NANOS, (sofar == null ? 0L : sofar) + nanos);
        }
    }

    /** Nanoseconds since the request came in. */
    static long elapsedNanos(Exchange exchange) {
        Long start = exchange.getProperty(START_NANOS, Long.class);
        return start != null ? System.nanoTime() - start : exchange.getClock().elapsed() * 1_000_000L;
    }

    /** The gateway's own time so far: elapsed minus upstream, never negative. */
    public static long overheadNanos(Exchange exchange) {
        Long upstream = exchange.getProperty(UPSTREAM_NANOS, Long.class);
        return Math.max(0L, elapsedNanos(exchange) - (upstream == null ? 0L : upstream));
    }

    /**
     * Sets {@link #HEADER} on the answer about to be written and remembers the figure for the metric.
     * Call it after the answer's other headers are set (a {@code removeHeaders("*")} would drop it).
     */
    public static void stamp(Message message) {
        Exchange exchange = message.getExchange();
        if (exchange == null) {
            return;
        }
        long nanos = overheadNanos(exchange);
        exchange.setProperty(GATEWAY_NANOS, nanos);
        message.setHeader(HEADER, format(nanos));
    }

    /** Milliseconds with two decimals, dot-separated whatever the locale (no String.format on the hot path). */
    static String format(long nanos) {
        long hundredths = (nanos + 5_000L) / 10_000L;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
