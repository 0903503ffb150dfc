package io.gigagate.openai;

import io.gigagate.error.GatewayException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a Chat Completions body the way OpenAI does, before anything goes upstream:
 * every failure is a 400 {@code invalid_request_error} whose {@code param} names the field in
 * OpenAI's path form ({@code messages[2].content}). Messages never echo more than a short
 * excerpt of the input.
 */
public final class ChatRequestParser {

    static final String UNPARSABLE_BODY = "We could not parse the JSON body of your request. (HINT: This likely "
            + "means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was "
            + "sent was not valid JSON.)";
    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> ROLES_NEEDING_CONTENT = Set.of("system", "developer", "user");
    private static final int MAX_STOP_SEQUENCES = 4;
    private static final int MAX_ECHO = 40;

    private ChatRequestParser() {
    }

    public static ChatCompletionRequest parse(byte[] body) {
        ChatCompletionRequest request = read(body);
        validate(request);
        return request;
    }

    /**
     * A well-formed body binds in one pass. Only a body that fails to bind is read again as a tree, to
     * name the offending field and its type as OpenAI does.
     */
    private static ChatCompletionRequest read(byte[] body) {
        if (body != null && body.length > 0) {
            try {
                ChatCompletionRequest request = WireJson.mapper().readValue(body, ChatCompletionRequest.class);
                if (request != null) {
                    return request;
                }
            } catch (IOException e) {
                // read again below, as a tree, to word the error
            }
        }
        return bind(readObject(body));
    }

    private static JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw GatewayException.invalidRequest(UNPARSABLE_BODY, null);
        }
        JsonNode tree;
        try {
            tree = WireJson.mapper().readTree(body);
        } catch (IOException e) {
            throw GatewayException.invalidRequest(UNPARSABLE_BODY, null);
        }
        if (tree == null || tree.isMissingNode()) {
            throw GatewayException.invalidRequest(UNPARSABLE_BODY, null);
        }
        if (!tree.isObject()) {
            throw GatewayException.invalidRequest("Invalid type for the request body: expected an object, but got "
                    + jsonTypeName(tree) + " instead.", null, "invalid_type");
        }
        return tree;
    }

    private static ChatCompletionRequest bind(JsonNode tree) {
        try {
            return WireJson.mapper().treeToValue(tree, ChatCompletionRequest.class);
        } catch (JsonMappingException e) {
            String param = pathOf(e.getPath());
            throw invalidType(param, valueAt(tree, e.getPath()));
        } catch (StreamReadException e) {
            // numeric overflow and the like: no databind path, but the parser knows where it was
            String param = e instanceof InputCoercionException ? pathOf(e.getProcessor()) : null;
            if (param == null) {
                throw GatewayException.invalidRequest(UNPARSABLE_BODY, null);
            }
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': the number is out of range.",
                    param, "invalid_value");
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest(UNPARSABLE_BODY, null);
        }
    }

    private static GatewayException invalidType(String param, JsonNode value) {
        String got = value == null ? "a value of the wrong type" : jsonTypeName(value);
        return GatewayException.invalidRequest("Invalid type for '" + param + "': got " + got + ", which is not "
                + "a valid type for this parameter.", param, "invalid_type");
    }

    private static void validate(ChatCompletionRequest r) {
        validateMessages(r.messages());
        range("temperature", r.temperature(), 0, 2);
        range("top_p", r.topP(), 0, 1);
        atLeastOne("n", r.n());
        atLeastOne("max_tokens", r.maxTokens());
        atLeastOne("max_completion_tokens", r.maxCompletionTokens());
        if (r.stop() != null && r.stop().size() > MAX_STOP_SEQUENCES) {
            throw GatewayException.invalidRequest("Invalid 'stop': array too long. Expected an array with maximum "
                    + "length " + MAX_STOP_SEQUENCES + ", but got an array with length " + r.stop().size()
                    + " instead.", "stop", "array_above_max_length");
        }
    }

    private static void validateMessages(List<ChatMessage> messages) {
        if (messages == null) {
            throw GatewayException.invalidRequest("Missing required parameter: 'messages'.", "messages",
                    "missing_required_parameter");
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalidRequest("Invalid 'messages': empty array. Expected an array with minimum "
                    + "length 1, but got an empty array instead.", "messages", "empty_array");
        }
        for (int i = 0; i < messages.size(); i++) {
            validateMessage(messages.get(i), "messages[" + i + "]");
        }
    }

    private static void validateMessage(ChatMessage m, String at) {
        if (m == null) {
            throw GatewayException.invalidRequest("Invalid type for '" + at + "': expected an object, but got null "
                    + "instead.", at, "invalid_type");
        }
        if (m.role() == null) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + ".role'.", at + ".role",
                    "missing_required_parameter");
        }
        if (!ROLES.contains(m.role())) {
            throw GatewayException.invalidRequest("Invalid value: '" + excerpt(m.role()) + "'. Supported values are: "
                    + "'system', 'assistant', 'user', 'function', 'tool', and 'developer'.", at + ".role",
                    "invalid_value");
        }
        JsonNode content = m.content();
        boolean noContent = content == null || content.isNull();
        if (noContent && ROLES_NEEDING_CONTENT.contains(m.role())) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + ".content'.",
                    at + ".content", "missing_required_parameter");
        }
        if (!noContent && !content.isTextual() && !content.isArray()) {
            throw GatewayException.invalidRequest("Invalid type for '" + at + ".content': expected one of a string "
                    + "or array of objects, but got " + jsonTypeName(content) + " instead.", at + ".content",
                    "invalid_type");
        }
        if ("tool".equals(m.role()) && (m.toolCallId() == null || m.toolCallId().isEmpty())) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + ".tool_call_id'.",
                    at + ".tool_call_id", "missing_required_parameter");
        }
    }

    private static void range(String param, Double value, double min, double max) {
        if (value != null && (value < min || value > max || value.isNaN())) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected a number between "
                    + plain(min) + " and " + plain(max) + ", but got " + plain(value) + " instead.", param,
                    "invalid_value");
        }
    }

    private static void atLeastOne(String param, Integer value) {
        if (value != null && value < 1) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected an integer of at "
                    + "least 1, but got " + value + " instead.", param, "invalid_value");
        }
    }

    /** Jackson's reference path to OpenAI's form: {@code messages[2].content}. */
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

    static String jsonTypeName(JsonNode node) {
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

    private static String plain(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String excerpt(String s) {
        return s.length() <= MAX_ECHO ? s : s.substring(0, MAX_ECHO) + "...";
    }
}
