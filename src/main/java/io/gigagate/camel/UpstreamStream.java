package io.gigagate.camel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * GigaChat's live answer, closed the way a gateway needs: once the stream has been read to its end
 * the connection goes back to the pool as usual, but closing it early (the client went away, a limit
 * was hit) aborts the connection. HttpClient's plain close would instead read the rest of the answer
 * to keep the connection, which for a long generation means waiting, and paying, for every token
 * nobody will see.
 */
final class UpstreamStream extends FilterInputStream {

    private volatile boolean ended;
    /** While true, reads are timed: the wait for GigaChat's first event is not the gateway's own time. */
    private boolean timing = true;
    private long waitedNanos;

    UpstreamStream(InputStream upstream) {
        super(upstream);
    }

    @Override
    public int read() throws IOException {
        long start = timing ? System.nanoTime() : 0L;
        int b = super.read();
        if (timing) {
            waitedNanos += System.nanoTime() - start;
        }
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long start = timing ? System.nanoTime() : 0L;
        int n = super.read(buffer, offset, length);
        if (timing) {
            waitedNanos += System.nanoTime() - start;
        }
        ended |= n < 0;
        return n;
    }

    /** Stops timing reads and returns the nanoseconds spent inside them so far (read on the same thread). */
    long stopTiming() {
        timing = false;
        return waitedNanos;
    }

    @Override
    public void close() throws IOException {
        if (!ended && in instanceof EofSensorInputStream sensor) {
            sensor.abort();
        } else {
            super.close();
        }
    }
}
