package io.gigagate.wire;

import io.gigagate.error.GatewayException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a JSON request body into a front's request record, and the checks request parsers share, for
 * every front (OpenAI's Chat Completions, embeddings, completions and images today; Responses,
 * Anthropic Messages and Gemini next). Every failure is a 400 {@link GatewayException}
 * ({@code INVALID_REQUEST}) whose {@code param} names the field in path form
 * ({@code messages[2].content}) and whose message says the type it got ({@code got a string}); no
 * message echoes more than a short excerpt of the input.
 *
 * <p>What a front words its own way is given to the constructor: the message for a body that is not
 * JSON at all, and the JSON configuration to read with. The rest of the wording (invalid type, missing,
 * empty, range, one of) is the gateway's, the same on every front.
 *
 * <p>Pure: Jackson only, no Spring, no Camel. Immutable and thread-safe; a front keeps one instance.
 */
public final class JsonRequestReader {

    /** How much of a client's value a message echoes before it is cut with {@code ...}. */
    static final int MAX_ECHO = 40;

    private final ObjectMapper mapper;
    private final String unparsableBody;

    /**
     * @param mapper         the front's JSON configuration (coercion rules, nesting limit); not reconfigured here
     * @param unparsableBody the message for a missing, empty or malformed body, given without {@code param}
     *                       or {@code code} (OpenAI's is "We could not parse the JSON body of your request...")
     */
    public JsonRequestReader(ObjectMapper mapper, String unparsableBody) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.unparsableBody = Objects.requireNonNull(unparsableBody, "unparsableBody");
    }

    /**
     * The body bound to {@code type}: what a new front's parser calls. A well-formed body binds in one
     * pass; only a body that fails to bind is read again as a tree ({@link #readObject}, {@link #bind})
     * to name the offending field, so the errors are the same either way. The values bound can differ
     * in rare edge cases from a bind through the tree (with a tree of exact decimals, {@code -0.0} binds
     * as {@code 0.0} through the tree and as {@code -0.0} here): a parser moving from one to the other
     * changes what it forwards for those.
     */
    public <T> T read(byte[] body, Class<T> type) {
        if (body != null && body.length > 0) {
            try {
                T value = mapper.readValue(body, type);
                if (value != null) {
                    return value;
                }
            } catch (IOException e) {
                // read again below, as a tree, to word the error
            }
        }
        return bind(readObject(body), type);
    }

    /**
     * The body as a JSON object tree, or a 400 for a body that is not one: the caller's message for a
     * missing, empty or malformed body, an {@code invalid_type} for JSON that is not an object.
     */
    public JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw unparsable();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            throw unparsable();
        }
        if (tree == null || tree.isMissingNode()) {
            throw unparsable();
        }
        if (!tree.isObject()) {
            throw GatewayException.invalidRequest("Invalid type for the request body: expected an object, but got "
                    + typeName(tree) + " instead.", null, "invalid_type");
        }
        return tree;
    }

    /**
     * The tree bound to a record; a wrongly typed field is a 400 naming its path and the type it got. A
     * number too large for its field ({@code 1e30} into an int) is such a type error too: Jackson
     * reports it with the field's path.
     */
    public <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            JsonNode value = valueAt(tree, e.getPath());
            throw invalidType(pathOf(e.getPath()), value == null ? "a value of the wrong type" : typeName(value));
        } catch (StreamReadException e) {
            throw outOfRange(e);
        } catch (JsonProcessingException e) {
            throw unparsable();
        }
    }

    private GatewayException unparsable() {
        return GatewayException.invalidRequest(unparsableBody, null);
    }

    /**
     * A read error that databind did not wrap with a path (it normally does, see {@link #bind}): the
     * parser still knows where it was.
     */
    private GatewayException outOfRange(StreamReadException e) {
        String param = e instanceof InputCoercionException ? pathOf(e.getProcessor()) : null;
        if (param == null) {
            return unparsable();
        }
        return GatewayException.invalidRequest("Invalid value for '" + param + "': the number is out of range.",
                param, "invalid_value");
    }

    // ---- the checks request parsers share; each is a 400 naming param ----

    /** A value of the wrong type; {@code got} says what it was ("a string", "an integer where ..."). */
    public static GatewayException invalidType(String param, String got) {
        return GatewayException.invalidRequest("Invalid type for '" + param + "': got " + got + ", which is not "
                + "a valid type for this parameter.", param, "invalid_type");
    }

    /** A value of the wrong type where the parser knows what it wanted ({@code expected}: "an object"). */
    public static GatewayException invalidType(String param, String expected, JsonNode value) {
        return GatewayException.invalidRequest("Invalid type for '" + param + "': expected " + expected
                + ", but got " + typeName(value) + " instead.", param, "invalid_type");
    }

    public static GatewayException missing(String param) {
        return GatewayException.invalidRequest("Missing required parameter: '" + param + "'.", param,
                "missing_required_parameter");
    }

    public static GatewayException emptyArray(String param) {
        return GatewayException.invalidRequest("Invalid '" + param + "': empty array. Expected an array with minimum "
                + "length 1, but got an empty array instead.", param, "empty_array");
    }

    public static GatewayException emptyString(String param) {
        return GatewayException.invalidRequest("Invalid '" + param + "': empty string. Expected a string with minimum "
                + "length 1, but got an empty string instead.", param, "empty_string");
    }

    /** At most {@code max} items in an array of {@code length}. */
    public static void maxItems(String param, int length, int max) {
        if (length > max) {
            throw GatewayException.invalidRequest("Invalid '" + param + "': array too long. Expected an array with "
                    + "maximum length " + max + ", but got an array with length " + length + " instead.", param,
                    "array_above_max_length");
        }
    }

    /** At most {@code max} characters in a string of {@code length}. */
    public static void maxChars(String param, int length, int max) {
        if (length > max) {
            throw GatewayException.invalidRequest("Invalid '" + param + "': string too long. Expected a string with "
                    + "maximum length " + max + ", but got a string with length " + length + " instead.", param,
                    "string_above_max_length");
        }
    }

    /** An integer of at least {@code min}, when given. */
    public static void atLeast(String param, Integer value, int min) {
        if (value != null && value < min) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected an integer of at "
                    + "least " + min + ", but got " + value + " instead.", param, "invalid_value");
        }
    }

    /** An integer within {@code [min, max]}, when given. */
    public static void between(String param, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected an integer between "
                    + min + " and " + max + ", but got " + value + " instead.", param, "invalid_value");
        }
    }

    /** A number within {@code [min, max]}, when given; NaN is out of range. */
    public static void range(String param, Double value, double min, double max) {
        if (value != null && (value < min || value > max || value.isNaN())) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected a number between "
                    + plain(min) + " and " + plain(max) + ", but got " + plain(value) + " instead.", param,
                    "invalid_value");
        }
    }

    /** One of the listed values, when given, or a 400 listing them in order. */
    public static void oneOf(String param, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw invalidValue(param, value, String.join(", ", allowed.stream().map(v -> "'" + v + "'").toList()));
        }
    }

    /**
     * A value that is not one of the supported ones, for a parser that words the list itself
     * ({@code supported}: "'a', 'b', and 'c'"). The value is echoed cut to a short excerpt.
     */
    public static GatewayException invalidValue(String param, String value, String supported) {
        return GatewayException.invalidRequest("Invalid value: '" + excerpt(value) + "'. Supported values are: "
                + supported + ".", param, "invalid_value");
    }

    /** A JSON value's type as messages name it: "a string", "an integer", "a decimal", ..., "null". */
    public static String typeName(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a decimal";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }

    /** Jackson's reference path in path form: {@code messages[2].content}; null for the root. */
    static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /** Where a streaming parser stood, in the same path form; null when it cannot say. */
    private static String pathOf(Object processor) {
        if (!(processor instanceof JsonParser parser)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inObject() && ctx.getCurrentName() != null) {
                parts.add(0, "." + ctx.getCurrentName());
            } else if (ctx.inArray()) {
                parts.add(0, "[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : (path.isEmpty() ? null : path);
    }

    private static JsonNode valueAt(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : refs) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String excerpt(String s) {
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "...";
    }
}
