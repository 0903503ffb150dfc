package io.gigagate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gigagate.openai.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The shape of every streamed answer body: the web layer reads, and each read hands over the bytes of
 * the next translated events, blocking only until there are some. The web layer flushes after every
 * read, so events reach the client as soon as they are made. Subclasses say where the bytes come from;
 * the SSE framing of what they send is here.
 */
abstract class EventStream extends InputStream {

    /** The event that ends an OpenAI stream. */
    protected static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.UTF_8);

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

    /** Appends one event whose data is {@code json} (compact JSON, so a single line). */
    protected static void writeEvent(ByteArrayOutputStream out, byte[] json) {
        out.writeBytes(DATA);
        out.writeBytes(json);
        out.writeBytes(END_OF_EVENT);
    }

    /** One event whose data is {@code json} (compact JSON, so a single line). */
    protected static byte[] event(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + DATA.length + END_OF_EVENT.length);
        writeEvent(out, json);
        return out.toByteArray();
    }

    /** One event carrying {@code value} as compact JSON. */
    protected static byte[] jsonEvent(Object value) {
        try {
            return event(WireJson.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event", e);
        }
    }

    /** Bytes already made and not yet read; never waits for upstream. */
    @Override
    public final int available() {
        return pending.length - pendingPos;
    }
}
