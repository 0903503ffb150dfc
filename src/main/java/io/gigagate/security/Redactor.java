package io.gigagate.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes traffic safe to log: secrets masked (headers such as Authorization and x-api-key, JSON fields
 * such as password, token, api_key, credentials), long base64 payloads (images, files, data URLs)
 * truncated, and the whole text capped. Used by verbose mode; never changes what is sent.
 */
public final class Redactor {

    public static final String MASK = "***";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code key}: the Gemini front's {@code ?key=}, which platform-http also copies into a header of that name. */
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "cookie", "set-cookie", "x-goog-api-key", "key");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|apikey|credential|authorization|private[_-]?key).*");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=_-]{64,}");
    private static final Pattern GIGA_BEARER = Pattern.compile("giga-(cred|auth|user)-\\S+");
    private static final int MAX_STRING = 2_000;

    private final int maxLength;

    public Redactor(int maxLength) {
        this.maxLength = maxLength;
    }

    public String header(String name, Object value) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : text(String.valueOf(value));
    }

    /** Headers as one line, secrets masked. */
    public String headers(Map<String, Object> headers) {
        StringBuilder out = new StringBuilder("{");
        headers.forEach((name, value) -> {
            if (!name.startsWith("Camel")) {
                out.append(out.length() > 1 ? ", " : "").append(name).append('=').append(header(name, value));
            }
        });
        return out.append('}').toString();
    }

    /** A body: JSON is walked field by field; anything else is treated as text. */
    public String body(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null && (tree.isObject() || tree.isArray())) {
                return cap(redact(tree).toString());
            }
        } catch (java.io.IOException notJson) {
            // fall through: log it as text
        }
        return cap(text(text));
    }

    private JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (SECRET_FIELD.matcher(field.getKey()).matches() && !field.getValue().isContainerNode()
                        && !isUsageCount(field)) {
                    copy.set(field.getKey(), TextNode.valueOf(MASK));
                } else {
                    copy.set(field.getKey(), redact(field.getValue()));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(item -> copy.add(redact(item)));
            return copy;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.asText()));
        }
        return node;
    }

    /** Token counts (prompt_tokens, max_tokens, ...) are numbers, not secrets. */
    private static boolean isUsageCount(Map.Entry<String, JsonNode> field) {
        return field.getValue().isNumber() && field.getKey().toLowerCase(Locale.ROOT).contains("tokens");
    }

    private static String text(String value) {
        String masked = GIGA_BEARER.matcher(value).replaceAll("giga-$1-" + MASK);
        masked = BASE64_RUN.matcher(masked).replaceAll(m -> m.group().substring(0, 16) + "...(" + m.group().length()
                + " chars)");
        return masked.length() > MAX_STRING ? masked.substring(0, MAX_STRING) + "...(" + masked.length() + " chars)" : masked;
    }

    private String cap(String text) {
        return text.length() > maxLength ? text.substring(0, maxLength) + "...(truncated)" : text;
    }
}
