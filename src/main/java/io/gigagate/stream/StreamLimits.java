package io.gigagate.stream;

import java.time.Duration;

/**
 * Limits on one upstream stream. The total timeout is checked between upstream events; the idle
 * timeout is the upstream socket's read timeout, set where the connection is made (a
 * {@link java.net.SocketTimeoutException} from the upstream is reported as an idle timeout).
 *
 * @param totalTimeout the longest a whole stream may take; null or zero/negative for no limit
 */
public record StreamLimits(Duration totalTimeout) {

    public static StreamLimits none() {
        return new StreamLimits(null);
    }

    boolean hasTotalTimeout() {
        return totalTimeout != null && !totalTimeout.isZero() && !totalTimeout.isNegative();
    }
}
