package io.gigagate.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server-sent events from an upstream stream and returns the {@code data} of one event per
 * {@link #next()} call.
 *
 * <ul>
 *   <li>Lines end with {@code \n}, {@code \r\n} or {@code \r}; a blank line ends an event.</li>
 *   <li>Several {@code data} lines are joined with {@code \n}; one space after the colon is dropped.</li>
 *   <li>Comments ({@code :...}) and {@code event}, {@code id}, {@code retry} and unknown fields
 *       are ignored; an event without any {@code data} line is skipped.</li>
 *   <li>{@code data:} with nothing after it is an event whose data is {@code ""} (the caller decides
 *       whether that means anything).</li>
 *   <li>At end of stream, an event not followed by a blank line is still delivered.</li>
 * </ul>
 *
 * <p>Bytes are split into lines before decoding, so a multi-byte UTF-8 character split between
 * two reads is decoded whole. The upstream is read only when the bytes already buffered do not
 * hold a complete event, so an available event is returned without waiting for more input.
 * Not thread-safe, except {@link #close()}, which may be called from another thread to release
 * the upstream (a blocked {@code next()} then fails or ends, depending on the stream).
 */
public final class SseEventReader implements AutoCloseable {

    /** Room for a few events at first; the buffer doubles when one event needs more (an open stream keeps it). */
    private static final int INITIAL_SIZE = 2048;
    private static final int SKIP_SIZE = 8192;

    private final InputStream in;
    private byte[] buf = new byte[INITIAL_SIZE];
    private int start;
    private int end;
    private boolean eof;
    private boolean skipLeadingLf;
    private boolean atStreamStart = true;
    private final List<String> dataLines = new ArrayList<>();

    public SseEventReader(InputStream in) {
        this.in = in;
    }

    /** The data of the next event, or null at the end of the stream. */
    public String next() throws IOException {
        while (true) {
            String line = nextLine();
            if (line == null) {
                return dataLines.isEmpty() ? null : takeData();
            }
            if (line.isEmpty()) {
                if (!dataLines.isEmpty()) {
                    return takeData();
                }
                continue;
            }
            acceptField(line);
        }
    }

    /**
     * Whether {@link #next()} would return now, without reading upstream: the buffer already holds the
     * end of an event with data (or the stream has ended). Lets a caller send several events that arrived
     * together in one write instead of one flush each, without ever holding back one that is ready.
     */
    public boolean hasBufferedEvent() {
        if (eof) {
            return true;
        }
        int i = start;
        if (skipLeadingLf && i < end && buf[i] == '\n') {
            i++;
        }
        boolean data = !dataLines.isEmpty();
        int lineStart = i;
        while (i < end) {
            byte b = buf[i];
            if (b != '\n' && b != '\r') {
                i++;
                continue;
            }
            if (i == lineStart) {
                if (data) {
                    return true;
                }
            } else if (isDataLine(lineStart, i)) {
                data = true;
            }
            i++;
            if (b == '\r' && i < end && buf[i] == '\n') {
                i++;
            }
            lineStart = i;
        }
        return false;
    }

    private boolean isDataLine(int from, int to) {
        return to - from >= 4 && buf[from] == 'd' && buf[from + 1] == 'a' && buf[from + 2] == 't' && buf[from + 3] == 'a'
                && (to - from == 4 || buf[from + 4] == ':');
    }

    private void acceptField(String line) {
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        if ((colon < 0 ? line.length() : colon) != 4 || !line.startsWith("data")) {
            return;
        }
        int from = colon < 0 ? line.length() : colon + 1;
        if (from < line.length() && line.charAt(from) == ' ') {
            from++;
        }
        dataLines.add(line.substring(from));
    }

    private String takeData() {
        String data = dataLines.size() == 1 ? dataLines.get(0) : String.join("\n", dataLines);
        dataLines.clear();
        return data;
    }

    /** The next line without its terminator; at end of stream the unterminated rest, then null. */
    private String nextLine() throws IOException {
        int scanFrom = start;
        while (true) {
            if (skipLeadingLf && start < end) {
                skipLeadingLf = false;
                if (buf[start] == '\n') {
                    start++;
                    scanFrom = start;
                    continue;
                }
            }
            for (int i = scanFrom; i < end; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    String line = decode(start, i);
                    start = i + 1;
                    if (b == '\r') {
                        // "\r\n" is one terminator; the "\n" may not have arrived yet, so skip it later
                        skipLeadingLf = true;
                    }
                    return line;
                }
            }
            scanFrom = end;
            if (eof) {
                if (start == end) {
                    return null;
                }
                String rest = decode(start, end);
                start = end;
                return rest;
            }
            int before = end - start;
            fill();
            scanFrom = start + before;
        }
    }

    /** Reads once more into the buffer, keeping the unconsumed bytes at its front. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private String decode(int from, int to) {
        if (atStreamStart) {
            atStreamStart = false;
            if (to - from >= 3 && (buf[from] & 0xFF) == 0xEF && (buf[from + 1] & 0xFF) == 0xBB
                    && (buf[from + 2] & 0xFF) == 0xBF) {
                from += 3;
            }
        }
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * Closes the upstream after its last event: first reads what is left of it (in practice the end of
     * the HTTP body right behind {@code [DONE]}), at most {@code limit} bytes, so that an answer that
     * ended cleanly leaves its connection fit to be used again. An upstream that goes on sending past
     * the limit is cut off by the close.
     */
    public void finish(int limit) throws IOException {
        try {
            byte[] skip = new byte[Math.min(SKIP_SIZE, Math.max(1, limit))];
            int left = limit;
            while (!eof && left > 0) {
                int n = in.read(skip, 0, Math.min(skip.length, left));
                if (n < 0) {
                    eof = true;
                } else {
                    left -= n;
                }
            }
        } finally {
            close();
        }
    }

    /** Closes the upstream stream. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
