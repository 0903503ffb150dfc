package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.GatewayException;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI {@code tools} / {@code functions} / {@code tool_choice} / {@code function_call} /
 * {@code response_format} to their GigaChat equivalents. Minimal on purpose: schemas pass
 * unchanged (no normalisation yet). Part of {@link ChatRequestMapper}.
 */
final class ChatFunctionsMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChatFunctionsMapper() {
    }

    /** GigaChat v1 ignores {@code tools}: both {@code tools[].function} and legacy {@code functions} become {@code functions}. */
    static List<GigaChatChatRequest.Function> functions(ChatCompletionRequest r) {
        List<GigaChatChatRequest.Function> out = new ArrayList<>();
        List<JsonNode> tools = r.tools() == null ? List.of() : r.tools();
        for (int j = 0; j < tools.size(); j++) {
            JsonNode tool = tools.get(j) == null ? NODES.nullNode() : tools.get(j);
            String at = "tools[" + j + "]";
            if (!"function".equals(tool.path("type").asText()) || !tool.path("function").isObject()) {
                throw GatewayException.invalidRequest("Invalid '" + at + "': only tools of type 'function' (with a "
                        + "'function' object) are supported.", at + ".type", "invalid_value");
            }
            out.add(function(tool.get("function"), at + ".function"));
        }
        List<JsonNode> legacy = r.functions() == null ? List.of() : r.functions();
        for (int j = 0; j < legacy.size(); j++) {
            out.add(function(legacy.get(j) == null ? NODES.nullNode() : legacy.get(j), "functions[" + j + "]"));
        }
        return out.isEmpty() ? null : out;
    }

    private static GigaChatChatRequest.Function function(JsonNode fn, String at) {
        JsonNode name = fn.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + ".name'.", at + ".name",
                    "missing_required_parameter");
        }
        JsonNode description = fn.get("description");
        return new GigaChatChatRequest.Function(name.asText(),
                description != null && description.isTextual() ? description.asText() : null,
                parametersRequired(fn.get("parameters")), null, null);
    }

    /** GigaChat requires {@code parameters}; OpenAI allows it absent for a function without arguments. */
    private static JsonNode parametersRequired(JsonNode parameters) {
        if (parameters != null && !parameters.isNull()) {
            return parameters;
        }
        ObjectNode empty = NODES.objectNode();
        empty.put("type", "object");
        empty.putObject("properties");
        return empty;
    }

    /**
     * GigaChat's {@code function_call} defaults to {@code none} while OpenAI's {@code tool_choice}
     * defaults to {@code auto} when tools are given, so {@code auto} is sent explicitly. A named
     * choice becomes {@code {"name": X}}; {@code required} forces the function when there is exactly
     * one (GigaChat cannot force "some function"), otherwise {@code auto}. Nothing is sent without
     * functions, since {@code auto} alone would enable GigaChat's built-in functions.
     */
    static JsonNode functionCall(ChatCompletionRequest r, List<GigaChatChatRequest.Function> functions) {
        if (functions == null) {
            return null;
        }
        boolean hasToolChoice = r.toolChoice() != null && !r.toolChoice().isNull();
        JsonNode choice = hasToolChoice ? r.toolChoice() : r.functionCall();
        String param = hasToolChoice ? "tool_choice" : "function_call";
        if (choice == null || choice.isNull()) {
            return NODES.textNode("auto");
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none", "auto" -> choice;
                case "required" -> functions.size() == 1 ? named(functions.get(0).name()) : NODES.textNode("auto");
                default -> throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected 'none', "
                        + "'auto', 'required' or a named function.", param, "invalid_value");
            };
        }
        JsonNode name = hasToolChoice ? choice.path("function").path("name") : choice.path("name");
        if (!name.isTextual()) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': a named choice needs the "
                    + "function's name.", param, "invalid_value");
        }
        return named(name.asText());
    }

    private static JsonNode named(String name) {
        return NODES.objectNode().put("name", name);
    }

    /**
     * GigaChat's structured output takes the schema one level up ({@code response_format.schema},
     * not {@code json_schema.schema}). {@code text} is GigaChat's default and is dropped;
     * {@code json_object} is dropped until its emulation lands (a later issue).
     */
    static GigaChatChatRequest.ResponseFormat responseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        String type = format.path("type").asText("");
        switch (type) {
            case "text", "json_object" -> {
                return null;
            }
            case "json_schema" -> {
                JsonNode jsonSchema = format.path("json_schema");
                if (!jsonSchema.path("schema").isObject()) {
                    throw GatewayException.invalidRequest("Missing required parameter: "
                            + "'response_format.json_schema.schema'.", "response_format.json_schema.schema",
                            "missing_required_parameter");
                }
                JsonNode strict = jsonSchema.get("strict");
                return new GigaChatChatRequest.ResponseFormat("json_schema", jsonSchema.get("schema"),
                        strict != null && strict.isBoolean() ? strict.asBoolean() : null);
            }
            default -> throw GatewayException.invalidRequest("Invalid value for 'response_format.type': expected "
                    + "'text', 'json_object' or 'json_schema'.", "response_format.type", "invalid_value");
        }
    }
}
