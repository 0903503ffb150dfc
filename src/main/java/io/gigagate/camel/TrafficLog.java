package io.gigagate.camel;

import io.gigagate.security.Redactor;
import java.io.InputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.StreamCache;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verbose mode (GPT2GIGA_VERBOSE, --verbose, or DEBUG on the {@code io.gigagate.traffic} logger):
 * what the client sent, what went to GigaChat and what came back, with secrets masked and payloads
 * truncated by the {@link Redactor}. Costs nothing when the logger is off.
 */
public final class TrafficLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.gigagate.traffic");

    private final Redactor redactor;
    private final boolean verbose;
    private final boolean captureContent;

    /** @param verbose log at INFO regardless of the logger's level (GPT2GIGA_VERBOSE) */
    public TrafficLog(Redactor redactor, boolean verbose) {
        this(redactor, verbose, false);
    }

    /**
     * @param captureContent keep the client's request, redacted as this log writes it, as
     *                       {@link ExchangeKeys#CAPTURED_CONTENT} for the usage record (gigagate.usage.capture-content)
     */
    public TrafficLog(Redactor redactor, boolean verbose, boolean captureContent) {
        this.redactor = redactor;
        this.verbose = verbose;
        this.captureContent = captureContent;
    }

    private boolean on() {
        return verbose || LOG.isDebugEnabled();
    }

    private void log(String format, Object... args) {
        if (verbose) {
            LOG.info(format, args);
        } else {
            LOG.debug(format, args);
        }
    }

    /** Logs the request, and arranges for the answer to be logged when the exchange is done. */
    public Processor clientRequest() {
        return exchange -> {
            if (captureContent) {
                exchange.setProperty(ExchangeKeys.CAPTURED_CONTENT, body(exchange.getMessage()));
            }
            if (on()) {
                Message m = exchange.getMessage();
                log("client -> gateway {} {} headers={} body={}", m.getHeader(Exchange.HTTP_METHOD),
                        m.getHeader(Exchange.HTTP_URI), redactor.headers(m.getHeaders()), body(m));
                // a synchronization, not an onCompletion route: that would run on a copy of the exchange
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange done) {
                        try {
                            clientResponse().process(done);
                        } catch (Exception e) {
                            LOG.debug("Could not log the response", e);
                        }
                    }
                });
            }
        };
    }

    public Processor upstreamRequest() {
        return exchange -> {
            if (on()) {
                Message m = exchange.getMessage();
                log("gateway -> GigaChat {} {} headers={} body={}", m.getHeader(Exchange.HTTP_METHOD),
                        m.getHeader(Exchange.HTTP_PATH), redactor.headers(m.getHeaders()), body(m));
            }
        };
    }

    public Processor upstreamResponse() {
        return exchange -> {
            if (on()) {
                Message m = exchange.getMessage();
                log("GigaChat -> gateway status={} headers={} body={}", m.getHeader(Exchange.HTTP_RESPONSE_CODE),
                        redactor.headers(m.getHeaders()), body(m));
            }
        };
    }

    public Processor clientResponse() {
        return exchange -> {
            if (on()) {
                Message m = exchange.getMessage();
                log("gateway -> client status={} body={}", m.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class),
                        body(m));
            }
        };
    }

    /** Byte bodies are logged; live streams are not read (that would consume them). */
    private String body(Message message) {
        Object body = message.getBody();
        if (body instanceof StreamCache cache) {
            byte[] bytes = message.getBody(byte[].class);
            cache.reset();
            return redactor.body(bytes);
        }
        if (body instanceof InputStream) {
            return "<stream>";
        }
        if (body == null) {
            return "";
        }
        return redactor.body(message.getBody(byte[].class));
    }
}
