package io.gigagate.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code :streamGenerateContent} without {@code alt=sse}: Google answers with one JSON array whose
 * elements arrive as they are made. This body reads the front's event stream ({@code data: <json>}
 * events, as {@link GeminiStreamEncoder} writes them) and hands each event's JSON on as the next array
 * element ({@code [} before the first, {@code ,} before the others, {@code ]} at the end): each read
 * returns what the stream's read returned, translated, so the web layer still flushes event by event.
 * Closing it closes the event stream (a client that went away).
 */
public final class GeminiJsonArrayStream extends InputStream {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);

    private enum State { LINE_START, DATA, SKIP_LINE }

    private final InputStream events;
    private final ByteArrayOutputStream made = new ByteArrayOutputStream(512);
    private byte[] pending = new byte[0];
    private int pendingPos;
    private State state = State.LINE_START;
    private int headMatched;
    private boolean first = true;
    private boolean ended;

    public GeminiJsonArrayStream(InputStream events) {
        this.events = events;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        byte[] buf = new byte[8192];
        while (pendingPos >= pending.length) {
            if (ended) {
                return -1;
            }
            int n = events.read(buf, 0, buf.length);
            if (n < 0) {
                made.writeBytes(first ? "[]".getBytes(StandardCharsets.UTF_8) : new byte[] {']'});
                ended = true;
            } else {
                translate(buf, n);
            }
            pending = made.toByteArray();
            pendingPos = 0;
            made.reset();
        }
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
    }

    @Override
    public int available() {
        return pending.length - pendingPos;
    }

    @Override
    public void close() throws IOException {
        events.close();
    }

    private void translate(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            byte c = buf[i];
            switch (state) {
                case LINE_START -> {
                    if (c == '\n') {
                        headMatched = 0; // the blank line between events
                    } else if (c == DATA[headMatched]) {
                        if (++headMatched == DATA.length) {
                            made.write(first ? '[' : ',');
                            first = false;
                            headMatched = 0;
                            state = State.DATA;
                        }
                    } else {
                        headMatched = 0;
                        state = State.SKIP_LINE; // an event: or comment line
                    }
                }
                case DATA -> {
                    if (c == '\n') {
                        state = State.LINE_START;
                    } else {
                        made.write(c);
                    }
                }
                case SKIP_LINE -> {
                    if (c == '\n') {
                        state = State.LINE_START;
                    }
                }
            }
        }
    }
}
