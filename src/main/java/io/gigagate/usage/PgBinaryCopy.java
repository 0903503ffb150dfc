package io.gigagate.usage;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format (the SQL reference, COPY, "Binary Format"), sent to a {@link CopyIn}
 * in pieces of about {@value #PIECE} bytes: the server reads numbers and timestamps as they are stored, with no
 * text to parse or escape. Each value's type must be the column's: {@code integer}, {@code bigint},
 * {@code boolean}, {@code text}, {@code timestamptz} (microseconds since 2000-01-01 UTC).
 */
final class PgBinaryCopy implements PostgresUsageStore.Columns {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L; // 2000-01-01T00:00:00Z
    private static final int PIECE = 64 * 1024;

    private final CopyIn copy;
    private byte[] buffer = new byte[PIECE + 1024];
    private int position;

    PgBinaryCopy(CopyIn copy) {
        this.copy = copy;
        put(HEADER, HEADER.length);
    }

    /** Starts a row of {@code fields} values (sending what is buffered when it is a piece's worth). */
    void row(int fields) throws SQLException {
        if (position >= PIECE) {
            send();
        }
        int2(fields);
    }

    /** The trailer, then the end of the COPY; the server's answer (its error, if any) is thrown from here. */
    void end() throws SQLException {
        int2(-1);
        send();
        copy.endCopy();
    }

    @Override
    public void text(String value) {
        if (value == null) {
            int4(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int4(utf8.length);
        put(utf8, utf8.length);
    }

    @Override
    public void integer(int value) {
        int4(4);
        int4(value);
    }

    @Override
    public void bigint(long value) {
        int4(8);
        int8(value);
    }

    @Override
    public void bigint(Long value) {
        if (value == null) {
            int4(-1);
        } else {
            bigint(value.longValue());
        }
    }

    @Override
    public void bool(boolean value) {
        int4(1);
        room(1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    /** Rounded to the microsecond, half up, as the driver rounds a timestamp parameter. */
    @Override
    public void timestamptz(Instant value) {
        int4(8);
        int8((value.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000L + (value.getNano() + 500) / 1000);
    }

    private void send() throws SQLException {
        if (position > 0) {
            copy.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }

    private void int2(int value) {
        room(2);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void int4(int value) {
        room(4);
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void int8(long value) {
        int4((int) (value >>> 32));
        int4((int) value);
    }

    private void put(byte[] bytes, int length) {
        room(length);
        System.arraycopy(bytes, 0, buffer, position, length);
        position += length;
    }

    private void room(int bytes) {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }
}
