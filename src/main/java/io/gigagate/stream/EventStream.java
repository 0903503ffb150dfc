package io.gigagate.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The shape of every streamed answer body, and the one place where server-sent events are framed: the web
 * layer reads, and each read hands over the bytes of the next events, blocking only until there are some.
 * The web layer flushes after every read, so events reach the client as soon as they are made. Subclasses
 * say where the bytes come from; they write them through a {@link Writer}, which frames plain
 * {@code data:} events, named events ({@code event: name} then {@code data:}) and OpenAI's
 * {@code data: [DONE]} ending. Whether a stream ends with {@code [DONE]} or just ends is the front's choice
 * ({@link StreamEncoder#end}).
 */
public abstract class EventStream extends InputStream {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.UTF_8);

    private byte[] pending = new byte[0];
    private int pendingPos;

    /** Only this package's bodies are event streams. */
    EventStream() {
    }

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

    /**
     * An event's name, framed once ({@code event: name\n}) so that writing it costs nothing per event.
     * Names are plain words: no line breaks.
     */
    public static final class EventName {

        private final String name;
        private final byte[] line;
        private final SerializedString json;

        private EventName(String name) {
            this.name = name;
            this.line = ("event: " + name + "\n").getBytes(StandardCharsets.UTF_8);
            this.json = new SerializedString(name);
        }

        /** The name as a JSON string, encoded once (the {@code type} many events repeat). */
        public SerializableString json() {
            return json;
        }

        public static EventName of(String name) {
            if (name == null || name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("not an SSE event name: " + name);
            }
            return new EventName(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Where a stream's events are framed: a batch of events that leave in one write. Data is compact JSON
     * (one line): bytes already written, a record or tree written here, or written by the encoder itself
     * with a generator ({@link #startEvent}). Counts the events it framed. One per stream, reused batch after
     * batch; not thread-safe.
     */
    public static final class Writer {

        /** The batch: a builder whose writes take no lock (a {@code ByteArrayOutputStream}'s each do). */
        private final ByteArrayBuilder out = new ByteArrayBuilder(512);
        /** Writes generated events straight into the batch; made by the batch's first one, closed by take(). */
        private JsonGenerator generator;
        private long events;

        /** One unnamed event: {@code data: json\n\n}. */
        public void data(byte[] json) {
            out.write(DATA);
            out.write(json);
            out.write(END_OF_EVENT);
            events++;
        }

        /** One unnamed event carrying {@code value} as compact JSON. */
        public void data(Object value) {
            data(json(value));
        }

        /** One named event: {@code event: name\ndata: json\n\n}. */
        public void event(EventName name, byte[] json) {
            out.write(name.line);
            data(json);
        }

        /**
         * One named event whose data is {@code head}, {@code json} and {@code tail} in a row: a value written once
         * (and kept) inside an object written around it.
         */
        public void event(EventName name, byte[] head, byte[] json, byte[] tail) {
            out.write(name.line);
            out.write(DATA);
            out.write(head);
            out.write(json);
            out.write(tail);
            out.write(END_OF_EVENT);
            events++;
        }

        /** One named event carrying {@code value} as compact JSON. */
        public void event(EventName name, Object value) {
            event(name, json(value));
        }

        /**
         * Starts a named event whose data the caller writes as one JSON value with the generator returned, and
         * ends with {@link #endEvent()}: for events made often, written field by field into the batch with no
         * tree, record or byte array of their own in between.
         */
        public JsonGenerator startEvent(EventName name) {
            out.write(name.line);
            out.write(DATA);
            if (generator == null) {
                try {
                    generator = WireJson.mapper().createGenerator(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                generator.setRootValueSeparator(null); // one value per event: nothing between them
            }
            return generator;
        }

        /** Ends the event {@link #startEvent} began (its JSON value written whole). */
        public void endEvent() {
            try {
                generator.flush(); // into the batch (in memory): after this, bytes may be written directly again
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write(END_OF_EVENT);
            events++;
        }

        /**
         * Writes one whole field into the event {@link #startEvent} began, as bytes made before: after the fields its
         * generator wrote, so {@code name} is the field's comma, quoted name and colon ({@link #fieldName}),
         * {@code json} its value. The generator goes on after it (more fields, the closing brace).
         */
        public void field(byte[] name, byte[] json) {
            try {
                generator.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.write(name);
            out.write(json);
        }

        /** A field's name as {@link #field} takes it: {@code ,"name":}. */
        public static byte[] fieldName(String name) {
            return (",\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
        }

        /** OpenAI's last event, {@code data: [DONE]\n\n}. */
        public void done() {
            out.write(DONE);
            events++;
        }

        /** Bytes framed and not yet taken. */
        public int size() {
            return out.size();
        }

        /** Events framed so far, taken or not. */
        public long events() {
            return events;
        }

        /** The bytes framed since the last take; the writer is empty afterwards. */
        byte[] take() {
            if (generator != null) {
                try {
                    generator.close(); // its buffer goes back to the pool; the next batch makes another
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                generator = null;
            }
            byte[] bytes = out.toByteArray();
            out.reset();
            return bytes;
        }

        /** Compact JSON of a wire record, as written after {@code data: }. */
        public static byte[] json(Object value) {
            try {
                return WireJson.mapper().writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an event", e);
            }
        }
    }
}
