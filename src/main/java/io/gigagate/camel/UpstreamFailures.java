package io.gigagate.camel;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Classifies what went wrong on the way to GigaChat into the error the client sees: unreachable or
 * broken connections are 502, timeouts 504, our own bugs 500. Messages name the failure kind, never a
 * URL with credentials or a header.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /** What the circuit breaker counts as GigaChat failing: its 5xx answers and broken connections. */
    public static boolean isUpstreamFailure(Throwable failure) {
        GatewayException mapped = toGatewayException(failure);
        return mapped != null && mapped.status() >= 500 && !"upstream_circuit_open".equals(mapped.code())
                && !"all_credentials_resting".equals(mapped.code());
    }

    public static GatewayException toGatewayException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayException gateway) {
                return gateway;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CallNotPermittedException) {
                return new GatewayException(503, ErrorCategory.SERVER, "upstream_circuit_open", null,
                        "GigaChat is failing; the gateway is not sending it calls for a short while.", t)
                        .withHeaders(java.util.Map.of("Retry-After", "5"));
            }
            GatewayException mapped = fromIo(t);
            if (mapped != null) {
                return mapped;
            }
        }
        return null;
    }

    private static GatewayException fromIo(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return upstream(504, "upstream_timeout", "Timed out connecting to GigaChat.", t);
        }
        if (t instanceof SocketTimeoutException) {
            return upstream(504, "upstream_timeout", "GigaChat did not answer in time.", t);
        }
        if (t instanceof HttpHostConnectException || t instanceof ConnectException
                || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
            return upstream(502, "upstream_unreachable", "Could not connect to GigaChat.", t);
        }
        if (t instanceof SSLException) {
            return upstream(502, "upstream_tls_error",
                    "The TLS handshake with GigaChat failed (check GIGACHAT_CA_BUNDLE_FILE / GIGACHAT_VERIFY_SSL_CERTS).", t);
        }
        if (t instanceof NoHttpResponseException) {
            return upstream(502, "upstream_connection_closed", "GigaChat closed the connection without answering.", t);
        }
        if (t instanceof IOException) {
            return upstream(502, "upstream_io_error", "The connection to GigaChat failed.", t);
        }
        return null;
    }

    private static GatewayException upstream(int status, String code, String message, Throwable cause) {
        return new GatewayException(status, ErrorCategory.SERVER, code, null, message, cause);
    }
}
