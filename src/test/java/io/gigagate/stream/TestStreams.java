package io.gigagate.stream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** Upstream streams with controlled read behaviour. */
final class TestStreams {

    private TestStreams() {
    }

    /** Returns at most one byte per read, so every multi-byte character and CRLF is split. */
    static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    static InputStream of(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static Tracked tracked(String text) {
        return new Tracked(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A whole upstream answer that remembers whether it was closed. */
    static final class Tracked extends ByteArrayInputStream {
        private volatile boolean closed;

        Tracked(byte[] bytes) {
            super(bytes);
        }

        boolean closed() {
            return closed;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    /**
     * An upstream fed piece by piece from the test: a read blocks until a piece, the end or a failure
     * is queued. {@link #close()} unblocks a blocked read (which then fails, as a closed socket does).
     */
    static final class Controlled extends InputStream {

        private static final Object END = new Object();
        private static final Object CLOSED = new Object();

        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        private byte[] current = new byte[0];
        private int pos;
        private volatile boolean ended;

        Controlled send(String text) {
            queue.add(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Controlled end() {
            queue.add(END);
            return this;
        }

        Controlled fail(IOException e) {
            queue.add(e);
            return this;
        }

        boolean isClosed() {
            return closed.get();
        }

        /** Whether a read met the end that {@link #end()} queued. */
        boolean wasReadToEnd() {
            return ended;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed.get()) {
                throw new IOException("Socket closed");
            }
            if (ended) {
                return -1;
            }
            while (pos == current.length) {
                Object next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
                if (next == CLOSED) {
                    throw new IOException("Socket closed");
                }
                if (next == END) {
                    ended = true;
                    return -1;
                }
                if (next instanceof IOException e) {
                    throw e;
                }
                current = (byte[]) next;
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                queue.add(CLOSED);
            }
        }
    }
}
