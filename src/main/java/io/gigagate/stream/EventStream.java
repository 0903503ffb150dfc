package io.gigagate.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The shape of every streamed answer body: the web layer reads, and each read hands over the bytes of
 * the next translated events, blocking only until there are some. The web layer flushes after every
 * read, so events reach the client as soon as they are made. Subclasses say where the bytes come from.
 */
abstract class EventStream extends InputStream {

    private byte[] pending = new byte[0];
    private int pendingPos;

    /** Whether nothing more will come; asked once the bytes already made are used up. */
    protected abstract boolean ended();

    /** The next bytes to send (possibly empty when the stream has just ended); may wait for upstream. */
    protected abstract byte[] nextBytes() throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (pendingPos >= pending.length) {
            if (ended()) {
                return -1;
            }
            pending = nextBytes();
            pendingPos = 0;
        }
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
    }

    /** Bytes already made and not yet read; never waits for upstream. */
    @Override
    public final int available() {
        return pending.length - pendingPos;
    }
}
