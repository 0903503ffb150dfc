package io.gigagate.responses;

import static io.gigagate.wire.JsonRequestReader.invalidType;
import static io.gigagate.wire.JsonRequestReader.invalidValue;
import static io.gigagate.wire.JsonRequestReader.missing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A request's {@code input} as the list of items OpenAI stores and lists: a string is one user message;
 * the easy form {@code {role, content}} is a {@code message}; message content becomes parts
 * ({@code input_text}, or {@code output_text} for the assistant); items without an id get one;
 * {@code item_reference}s are replaced by the items they name. Each item is checked for what its mapping
 * needs, with a 400 naming the field ({@code input[2].call_id}).
 */
public final class InputItems {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ROLES = Set.of("user", "assistant", "system", "developer");

    private InputItems() {
    }

    /**
     * @param input      the request's {@code input} (a string, an array, or null for none)
     * @param references the stored item for an {@code item_reference} id, or null when it is not known
     */
    public static List<ObjectNode> normalize(JsonNode input, Function<String, JsonNode> references) {
        List<ObjectNode> items = new ArrayList<>();
        if (input == null || input.isNull()) {
            return items;
        }
        if (input.isTextual()) {
            ObjectNode message = NODES.objectNode().put("id", ResponseIds.message()).put("type", "message")
                    .put("role", "user");
            message.putArray("content").addObject().put("type", "input_text").put("text", input.asText());
            items.add(message);
            return items;
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String at = "input[" + i + "]";
            if (item == null || !item.isObject()) {
                throw invalidType(at, "an object", item);
            }
            items.add(item(((ObjectNode) item).deepCopy(), at, references));
        }
        return items;
    }

    private static ObjectNode item(ObjectNode item, String at, Function<String, JsonNode> references) {
        JsonNode typeNode = item.get("type");
        if (typeNode == null && item.has("role")) {
            item = NODES.objectNode().put("type", "message").setAll(item);
        } else if (typeNode == null || !typeNode.isTextual()) {
            throw typeNode == null ? missing(at + ".type") : invalidType(at + ".type", "a string", typeNode);
        }
        String type = item.get("type").asText();
        switch (type) {
            case "message" -> message(item, at);
            case "function_call" -> {
                text(item, at, "call_id");
                text(item, at, "name");
                text(item, at, "arguments");
            }
            case "custom_tool_call" -> {
                text(item, at, "call_id");
                text(item, at, "name");
                text(item, at, "input");
            }
            case "function_call_output", "custom_tool_call_output" -> {
                text(item, at, "call_id");
                JsonNode output = item.get("output");
                if (output == null || output.isNull()) {
                    throw missing(at + ".output");
                }
                if (!output.isTextual() && !output.isArray()) {
                    throw invalidType(at + ".output", "a string or an array", output);
                }
            }
            case "reasoning", "web_search_call", "image_generation_call", "code_interpreter_call" -> {
                // accepted and kept for the listing; never sent to GigaChat (its own tools' work is in the text)
            }
            case "item_reference" -> {
                String id = text(item, at, "id");
                JsonNode referenced = references == null ? null : references.apply(id);
                if (referenced == null || !referenced.isObject()) {
                    throw GatewayException.notFound("Item with id '" + id + "' not found.", "not_found", at + ".id");
                }
                return ((ObjectNode) referenced).deepCopy();
            }
            default -> throw GatewayException.invalidRequest("Invalid value for '" + at + ".type': input items of "
                    + "type '" + type + "' are not supported by this gateway (it takes 'message', 'function_call', "
                    + "'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'reasoning', "
                    + "'web_search_call', 'image_generation_call', 'code_interpreter_call' and 'item_reference').",
                    at + ".type", "invalid_value");
        }
        return withId(item);
    }

    private static void message(ObjectNode item, String at) {
        JsonNode role = item.get("role");
        if (role == null || role.isNull()) {
            throw missing(at + ".role");
        }
        if (!role.isTextual() || !ROLES.contains(role.asText())) {
            throw invalidValue(at + ".role", role.asText(), "'user', 'assistant', 'system' and 'developer'");
        }
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw missing(at + ".content");
        }
        String textType = role.asText().equals("assistant") ? "output_text" : "input_text";
        if (content.isTextual()) {
            ArrayNode parts = NODES.arrayNode();
            ObjectNode part = parts.addObject().put("type", textType).put("text", content.asText());
            if (textType.equals("output_text")) {
                part.putArray("annotations");
            }
            item.set("content", parts);
        } else if (content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                JsonNode part = content.get(j);
                if (part == null || !part.isObject()) {
                    throw invalidType(at + ".content[" + j + "]", "an object", part);
                }
                if (!part.path("type").isTextual()) {
                    throw missing(at + ".content[" + j + "].type");
                }
            }
        } else {
            throw invalidType(at + ".content", "a string or an array", content);
        }
        if (!item.has("status")) {
            item.put("status", "completed");
        }
    }

    private static String text(ObjectNode item, String at, String field) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            throw missing(at + "." + field);
        }
        if (!value.isTextual()) {
            throw invalidType(at + "." + field, "a string", value);
        }
        return value.asText();
    }

    private static ObjectNode withId(ObjectNode item) {
        if (item.path("id").isTextual()) {
            return item;
        }
        item.remove("id");
        ObjectNode withId = NODES.objectNode();
        withId.put("id", ResponseIds.item(item.path("type").asText()));
        withId.setAll(item);
        return withId;
    }
}
