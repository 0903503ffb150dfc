package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.error.GatewayException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI {@code tools} / {@code functions} / {@code tool_choice} / {@code function_call} /
 * {@code response_format} to their GigaChat equivalents, decided together in one {@link Plan}
 * because they depend on each other (renamed functions, the structured-output function).
 * Part of {@link ChatRequestMapper}; pure.
 */
final class ChatFunctionsMapper {

    static final String STRUCTURED_OUTPUT_DEFAULT_NAME = "structured_output";
    static final String JSON_OBJECT_INSTRUCTION = "Answer with one valid JSON object only: no Markdown code fences "
            + "and no text before or after it.";
    static final String REQUIRED_INSTRUCTION = "You must answer by calling one of the provided functions.";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChatFunctionsMapper() {
    }

    /**
     * Everything the request's functions become.
     *
     * @param names             client function names to GigaChat's (used for history too)
     * @param functions         GigaChat {@code functions}, or null
     * @param functionCall      GigaChat {@code function_call}, or null
     * @param responseFormat    GigaChat {@code response_format}, or null
     * @param systemInstruction text to add to the system message, or null
     * @param replies           what the response direction needs
     */
    record Plan(FunctionNames names, List<GigaChatChatRequest.Function> functions, JsonNode functionCall,
                GigaChatChatRequest.ResponseFormat responseFormat, String systemInstruction,
                FunctionsContext replies) {
    }

    private record Declared(String name, String description, JsonNode parameters) {
    }

    private enum ChoiceKind { ABSENT, NONE, AUTO, REQUIRED, NAMED }

    private record Choice(ChoiceKind kind, String name, String param) {
    }

    static Plan plan(ChatCompletionRequest r, StructuredOutputMode mode) {
        List<Declared> declared = declared(r);
        FunctionNames names = FunctionNames.of(declared.stream().map(Declared::name).toList());
        JsonNode format = r.responseFormat();
        String formatType = responseFormatType(format);
        JsonNode jsonSchema = "json_schema".equals(formatType) ? jsonSchema(format) : null;
        boolean emulated = jsonSchema != null && mode == StructuredOutputMode.FUNCTION;

        List<GigaChatChatRequest.Function> functions = new ArrayList<>();
        Set<String> wrapped = new HashSet<>();
        for (Declared d : declared) {
            functions.add(function(names.toGigaChat(d.name()), d.description(), d.parameters(), wrapped));
        }
        String structuredName = null;
        if (emulated) {
            structuredName = names.freeName(jsonSchema.path("name").asText(STRUCTURED_OUTPUT_DEFAULT_NAME));
            functions.add(jsonSchemaBecomesForcedFunction(structuredName, jsonSchema, wrapped));
        }
        Choice choice = clientChoice(r);
        List<String> instructions = new ArrayList<>();
        if ("json_object".equals(formatType)) {
            instructions.add(JSON_OBJECT_INSTRUCTION);
        }
        if (choice.kind() == ChoiceKind.REQUIRED && declared.size() > 1) {
            instructions.add(REQUIRED_INSTRUCTION);
        }
        return new Plan(names, functions.isEmpty() ? null : functions,
                functionCall(choice, declared, names, structuredName),
                jsonSchema != null && !emulated ? jsonSchemaMovesUp(jsonSchema) : null,
                instructions.isEmpty() ? null : String.join("\n", instructions),
                new FunctionsContext(names.renamed(), wrapped, structuredName,
                        "json_object".equals(formatType) || (jsonSchema != null && !emulated)));
    }

    /** GigaChat v1 ignores {@code tools}: both {@code tools[].function} and legacy {@code functions} are its {@code functions}. */
    private static List<Declared> declared(ChatCompletionRequest r) {
        List<Declared> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<JsonNode> tools = r.tools() == null ? List.of() : r.tools();
        for (int j = 0; j < tools.size(); j++) {
            JsonNode tool = tools.get(j) == null ? NODES.nullNode() : tools.get(j);
            String at = "tools[" + j + "]";
            if (!"function".equals(tool.path("type").asText()) || !tool.path("function").isObject()) {
                throw GatewayException.invalidRequest("Invalid '" + at + "': only tools of type 'function' (with a "
                        + "'function' object) are supported.", at + ".type", "invalid_value");
            }
            out.add(declaredOnce(tool.get("function"), at + ".function", seen));
        }
        List<JsonNode> legacy = r.functions() == null ? List.of() : r.functions();
        for (int j = 0; j < legacy.size(); j++) {
            out.add(declaredOnce(legacy.get(j) == null ? NODES.nullNode() : legacy.get(j), "functions[" + j + "]", seen));
        }
        return out;
    }

    /** GigaChat could not tell two functions of one name apart, so a repeated name is refused, not guessed. */
    private static Declared declaredOnce(JsonNode fn, String at, Set<String> seen) {
        JsonNode name = fn.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + ".name'.", at + ".name",
                    "missing_required_parameter");
        }
        if (!seen.add(name.asText())) {
            throw GatewayException.invalidRequest("Invalid '" + at + ".name': the function name '" + name.asText()
                    + "' is declared twice.", at + ".name", "invalid_value");
        }
        JsonNode parameters = fn.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw GatewayException.invalidRequest("Invalid type for '" + at + ".parameters': expected a JSON Schema "
                    + "object.", at + ".parameters", "invalid_type");
        }
        JsonNode description = fn.get("description");
        return new Declared(name.asText(), description != null && description.isTextual() ? description.asText() : null,
                parameters);
    }

    /** GigaChat requires {@code parameters}, an object schema it can read (see {@link FunctionSchemas}). */
    private static GigaChatChatRequest.Function function(String gigaChatName, String description, JsonNode parameters,
                                                         Set<String> wrapped) {
        FunctionSchemas.Parameters p = FunctionSchemas.parametersToGigaChat(parameters);
        if (p.wrapped()) {
            wrapped.add(gigaChatName);
        }
        return new GigaChatChatRequest.Function(gigaChatName, description, p.schema(), null, null);
    }

    /**
     * In {@code function} mode a json_schema answer is a call of a function whose parameters are the
     * schema (named after {@code json_schema.name}); its arguments come back as the message content.
     */
    private static GigaChatChatRequest.Function jsonSchemaBecomesForcedFunction(String name, JsonNode jsonSchema,
                                                                               Set<String> wrapped) {
        JsonNode description = jsonSchema.get("description");
        return function(name, description != null && description.isTextual() ? description.asText()
                : "Give the answer in this structured form.", jsonSchema.get("schema"), wrapped);
    }

    private static Choice clientChoice(ChatCompletionRequest r) {
        boolean hasToolChoice = r.toolChoice() != null && !r.toolChoice().isNull();
        JsonNode choice = hasToolChoice ? r.toolChoice() : r.functionCall();
        String param = hasToolChoice ? "tool_choice" : "function_call";
        if (choice == null || choice.isNull()) {
            return new Choice(ChoiceKind.ABSENT, null, param);
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none" -> new Choice(ChoiceKind.NONE, null, param);
                case "auto" -> new Choice(ChoiceKind.AUTO, null, param);
                case "required" -> new Choice(ChoiceKind.REQUIRED, null, param);
                default -> throw GatewayException.invalidRequest("Invalid value for '" + param + "': expected 'none', "
                        + "'auto', 'required' or a named function.", param, "invalid_value");
            };
        }
        JsonNode name = hasToolChoice ? choice.path("function").path("name") : choice.path("name");
        if (!name.isTextual()) {
            throw GatewayException.invalidRequest("Invalid value for '" + param + "': a named choice needs the "
                    + "function's name.", param, "invalid_value");
        }
        return new Choice(ChoiceKind.NAMED, name.asText(), hasToolChoice ? param + ".function.name" : param + ".name");
    }

    /**
     * GigaChat's {@code function_call} defaults to {@code none} while OpenAI's {@code tool_choice}
     * defaults to {@code auto}, so {@code auto} is sent explicitly. A named choice becomes
     * {@code {"name": X}} (GigaChat errors for an unknown name, so it is refused here);
     * {@code required} forces the function when there is exactly one (GigaChat cannot force "some
     * function"; with several: auto plus an instruction). The structured-output function is forced
     * unless the client's own tools may be called. Without functions nothing is sent, since
     * {@code auto} alone would enable GigaChat's built-in functions.
     */
    private static JsonNode functionCall(Choice choice, List<Declared> declared, FunctionNames names,
                                         String structuredName) {
        if (structuredName != null && (declared.isEmpty() || choice.kind() == ChoiceKind.NONE)) {
            return named(structuredName);
        }
        if (declared.isEmpty()) {
            return null;
        }
        return switch (choice.kind()) {
            case ABSENT, AUTO -> NODES.textNode("auto");
            case NONE -> NODES.textNode("none");
            case REQUIRED -> declared.size() == 1 ? named(names.toGigaChat(declared.get(0).name())) : NODES.textNode("auto");
            case NAMED -> {
                if (!names.has(choice.name())) {
                    throw GatewayException.invalidRequest("Invalid value for '" + choice.param() + "': no function "
                            + "named '" + choice.name() + "' is declared.", choice.param(), "invalid_value");
                }
                yield named(names.toGigaChat(choice.name()));
            }
        };
    }

    private static JsonNode named(String name) {
        return NODES.objectNode().put("name", name);
    }

    private static String responseFormatType(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null; // GigaChat's default
            case "json_object", "json_schema" -> type;
            default -> throw GatewayException.invalidRequest("Invalid value for 'response_format.type': expected "
                    + "'text', 'json_object' or 'json_schema'.", "response_format.type", "invalid_value");
        };
    }

    private static JsonNode jsonSchema(JsonNode format) {
        JsonNode jsonSchema = format.path("json_schema");
        if (!jsonSchema.path("schema").isObject()) {
            throw GatewayException.invalidRequest("Missing required parameter: 'response_format.json_schema.schema'.",
                    "response_format.json_schema.schema", "missing_required_parameter");
        }
        return jsonSchema;
    }

    /** GigaChat's structured output takes the schema one level up ({@code response_format.schema}). */
    private static GigaChatChatRequest.ResponseFormat jsonSchemaMovesUp(JsonNode jsonSchema) {
        JsonNode strict = jsonSchema.get("strict");
        return new GigaChatChatRequest.ResponseFormat("json_schema", FunctionSchemas.toGigaChat(jsonSchema.get("schema")),
                strict != null && strict.isBoolean() ? strict.asBoolean() : null);
    }
}
