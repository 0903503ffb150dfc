package io.gigagate.config;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body limit. A declared Content-Length above the limit is refused at once; a body sent
 * without one (chunked) is read up to the limit, and refused as soon as it passes it, so an endless
 * upload costs at most the limit in memory. JSON bodies are read here and checked to be UTF-8.
 */
final class BoundedBodyRequest {

    private BoundedBodyRequest() {
    }

    static HttpServletRequest of(HttpServletRequest request, long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        boolean json = request.getContentType() != null && request.getContentType().contains("json");
        // multipart (/v1/files) is parsed by the servlet container from its own stream, bounded by
        // spring.servlet.multipart.max-request-size; buffering it here would leave the container nothing
        boolean multipart = request.getContentType() != null && request.getContentType().startsWith("multipart/");
        if (!json && (multipart || declared >= 0 || request.getHeader("Transfer-Encoding") == null)) {
            return request;
        }
        // a declared length is read as such (one array of its size); the container delivers no more than it
        byte[] body = declared >= 0 ? request.getInputStream().readNBytes((int) declared)
                : readAtMost(request.getInputStream(), maxBytes);
        String text = json ? utf8(body) : null;
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                return new CachedBody(body);
            }

            /**
             * What Camel's Spring Boot binding reads the body from: the text decoded once (for JSON, by the
             * UTF-8 check), through a buffer of its own size. The default reader over the bytes allocated an
             * 8 KB byte buffer and a 16 KB char buffer per request, a third of all a chat request allocated.
             */
            @Override
            public java.io.BufferedReader getReader() {
                String decoded = text != null ? text : new String(body, java.nio.charset.StandardCharsets.UTF_8);
                return new java.io.BufferedReader(new java.io.StringReader(decoded), Math.max(1, decoded.length()));
            }

            @Override
            public int getContentLength() {
                return body.length;
            }

            @Override
            public long getContentLengthLong() {
                return body.length;
            }
        };
    }

    private static byte[] readAtMost(InputStream in, long maxBytes) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return body;
    }

    /**
     * JSON must be UTF-8. Checked here, on the bytes, because later layers decode the body to text and
     * would quietly turn broken bytes into replacement characters; the text is the body's, decoded.
     */
    static String utf8(byte[] body) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new GatewayException(400, ErrorCategory.INVALID_REQUEST, "invalid_encoding", null,
                    "The request body is not valid UTF-8.");
        }
    }

    static GatewayException tooLarge(long maxBytes) {
        return GatewayException.requestTooLarge(maxBytes);
    }

    private static final class CachedBody extends ServletInputStream {
        private final ByteArrayInputStream in;

        CachedBody(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the body is already in memory");
        }
    }
}
