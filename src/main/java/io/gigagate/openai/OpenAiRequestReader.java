package io.gigagate.openai;

import io.gigagate.error.GatewayException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * Reads an OpenAI request body into its record the way {@link ChatRequestParser} does for chat, for
 * the other endpoints: a missing, empty or non-JSON body, or one that is not an object, is OpenAI's
 * 400; a field of the wrong type is a 400 naming it ({@code param}). Also the small validation
 * rules the endpoints share, so their messages read alike.
 */
public final class OpenAiRequestReader {

    private OpenAiRequestReader() {
    }

    /** The body as a JSON object tree, or OpenAI's 400 for a body that is not one. */
    public static JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw GatewayException.invalidRequest(ChatRequestParser.UNPARSABLE_BODY, null);
        }
        JsonNode tree;
        try {
            tree = WireJson.mapper().readTree(body);
        } catch (IOException e) {
            throw GatewayException.invalidRequest(ChatRequestParser.UNPARSABLE_BODY, null);
        }
        if (tree == null || tree.isMissingNode()) {
            throw GatewayException.invalidRequest(ChatRequestParser.UNPARSABLE_BODY, null);
        }
        if (!tree.isObject()) {
            throw GatewayException.invalidRequest("Invalid type for the request body: expected an object, but got "
                    + ChatRequestParser.jsonTypeName(tree) + " instead.", null, "invalid_type");
        }
        return tree;
    }

    /** The tree bound to a record; a wrongly typed field is a 400 naming it. */
    public static <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return WireJson.mapper().treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String param = ChatRequestParser.pathOf(e.getPath());
            JsonNode value = valueAt(tree, e.getPath());
            throw invalidType(param, value == null ? "a value of the wrong type" : ChatRequestParser.jsonTypeName(value));
        } catch (StreamReadException e) {
            throw GatewayException.invalidRequest("A number in the request is out of range.", null, "invalid_value");
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest(ChatRequestParser.UNPARSABLE_BODY, null);
        }
    }

    public static GatewayException invalidType(String param, String got) {
        return GatewayException.invalidRequest("Invalid type for '" + param + "': got " + got + ", which is not "
                + "a valid type for this parameter.", param, "invalid_type");
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

    public static void between(String param, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected an integer between "
                    + min + " and " + max + ", but got " + value + " instead.", param, "invalid_value");
        }
    }

    public static void range(String param, Double value, double min, double max) {
        if (value != null && (value < min || value > max || value.isNaN())) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected a number between "
                    + plain(min) + " and " + plain(max) + ", but got " + plain(value) + " instead.", param,
                    "invalid_value");
        }
    }

    /** One of the listed values, or a 400 listing them. */
    public static void oneOf(String param, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw GatewayException.invalidRequest("Invalid value: '" + excerpt(value) + "'. Supported values are: "
                    + String.join(", ", allowed.stream().map(v -> "'" + v + "'").toList()) + ".", param,
                    "invalid_value");
        }
    }

    static String typeName(JsonNode node) {
        return ChatRequestParser.jsonTypeName(node);
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
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
