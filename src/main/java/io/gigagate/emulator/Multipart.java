package io.gigagate.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A small multipart/form-data parser (RFC 7578), enough for file uploads. */
final class Multipart {

    record Part(String name, String filename, String contentType, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** The boundary parameter of a multipart Content-Type, or null. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        String b = param(contentType, "boundary");
        return b == null || b.isEmpty() ? null : b;
    }

    /** Parses the body; throws IllegalArgumentException when it is not well-formed. */
    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] innerDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("no boundary found");
        }
        pos += delimiter.length;
        while (true) {
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // closing delimiter
            }
            // skip transport padding and the CRLF after the delimiter
            while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
                pos++;
            }
            if (pos + 1 < body.length && body[pos] == '\r' && body[pos + 1] == '\n') {
                pos += 2;
            } else {
                throw new IllegalArgumentException("malformed delimiter line");
            }
            int hEnd = indexOf(body, headerEnd, pos);
            int dataStart;
            String headerBlock;
            if (hEnd < 0) {
                throw new IllegalArgumentException("part headers not terminated");
            }
            headerBlock = new String(body, pos, hEnd - pos, StandardCharsets.UTF_8);
            dataStart = hEnd + headerEnd.length;
            int next = indexOf(body, innerDelimiter, dataStart);
            if (next < 0) {
                throw new IllegalArgumentException("part not terminated");
            }
            String name = null;
            String filename = null;
            String contentType = null;
            for (String line : headerBlock.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String hName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String hValue = line.substring(colon + 1).trim();
                if (hName.equals("content-disposition")) {
                    name = param(hValue, "name");
                    filename = param(hValue, "filename");
                } else if (hName.equals("content-type")) {
                    contentType = hValue;
                }
            }
            parts.add(new Part(name, filename, contentType, Arrays.copyOfRange(body, dataStart, next)));
            pos = next + innerDelimiter.length;
        }
    }

    /** Value of a {@code key=value} or {@code key="value"} parameter in a header value, or null. */
    static String param(String headerValue, String key) {
        int i = 0;
        int n = headerValue.length();
        // skip the leading token (e.g. "form-data" or the media type)
        while (i < n && headerValue.charAt(i) != ';') {
            i++;
        }
        while (i < n) {
            i++; // past ';'
            while (i < n && Character.isWhitespace(headerValue.charAt(i))) {
                i++;
            }
            int eq = headerValue.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String k = headerValue.substring(i, eq).trim();
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && headerValue.charAt(i) == '"') {
                i++;
                while (i < n && headerValue.charAt(i) != '"') {
                    char c = headerValue.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = headerValue.charAt(++i);
                    }
                    v.append(c);
                    i++;
                }
                i++; // closing quote
                while (i < n && headerValue.charAt(i) != ';') {
                    i++;
                }
            } else {
                while (i < n && headerValue.charAt(i) != ';') {
                    v.append(headerValue.charAt(i));
                    i++;
                }
            }
            if (k.equalsIgnoreCase(key)) {
                return v.toString().trim();
            }
        }
        return null;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
