package io.gigagate.camel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Message;

/**
 * The client headers GigaChat may see: its own request, session and client ids (the session id turns
 * on GigaChat's prompt cache). Nothing else of the client's, above all not its Authorization, goes
 * upstream.
 */
public final class ForwardedHeaders {

    public static final List<String> ALLOWED = List.of("X-Request-ID", "X-Session-ID", "X-Client-ID");

    private ForwardedHeaders() {
    }

    public static Map<String, String> from(Message message) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : ALLOWED) {
            String value = message.getHeader(name, String.class);
            if (value != null && !value.isBlank() && value.length() <= 256 && isPrintableAscii(value)) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
