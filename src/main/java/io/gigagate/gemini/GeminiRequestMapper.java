package io.gigagate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.GatewayException;
import io.gigagate.gemini.GenerateContentRequest.Content;
import io.gigagate.gemini.GenerateContentRequest.FunctionCall;
import io.gigagate.gemini.GenerateContentRequest.FunctionResponse;
import io.gigagate.gemini.GenerateContentRequest.GenerationConfig;
import io.gigagate.gemini.GenerateContentRequest.Part;
import io.gigagate.gigachat.BuiltInTool;
import io.gigagate.gigachat.ReasoningPolicy;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatRequestTree;
import io.gigagate.wire.JsonRequestReader;
import io.gigagate.wire.WireJson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Gemini {@code GenerateContentRequest} as the internal chat request (OpenAI's chat records), which the
 * shared chat steps send to GigaChat. Pure: no I/O; failures are 400 {@link GatewayException}s naming the
 * Gemini field.
 *
 * <ul>
 *   <li>{@code contents}: role {@code user} (or none) → user messages, {@code model} → assistant messages.
 *       Parts: {@code text}; {@code inlineData} (images as {@code image_url} data URLs, audio, PDF and
 *       other documents as {@code file} parts: uploaded to GigaChat like chat attachments);
 *       {@code fileData} with an http(s) URI (downloaded through the SSRF guard: images, documents, audio);
 *       {@code functionCall} → a tool call (its {@code id}, or one made up), {@code functionResponse} → a
 *       tool result matched by {@code id}, else by name to the earlier call; {@code thought} parts,
 *       {@code thoughtSignature}, {@code executableCode} and {@code codeExecutionResult} in history are
 *       dropped.</li>
 *   <li>{@code systemInstruction} → the system message (its text parts, one per line).</li>
 *   <li>{@code tools[].functionDeclarations} → function tools ({@code parameters}, OpenAPI style, through
 *       {@link GeminiSchemas}; {@code parametersJsonSchema} as it is); any other tool ({@code googleSearch},
 *       {@code codeExecution}, {@code urlContext}, ...) is a built-in tool GigaChat cannot serve here: left
 *       out and named in {@link GeminiChat#ignoredTools()}.</li>
 *   <li>{@code toolConfig.functionCallingConfig.mode}: {@code AUTO}/{@code VALIDATED} → auto, {@code NONE}
 *       → none, {@code ANY} → the one allowed function, else required (only the allowed functions are
 *       declared).</li>
 *   <li>{@code generationConfig}: temperature, topP, maxOutputTokens → max_tokens, stopSequences → stop,
 *       candidateCount → n, responseMimeType {@code application/json} with responseSchema (converted)
 *       or responseJsonSchema → a json_schema response format (without a schema: JSON mode),
 *       thinkingConfig → reasoning effort ({@link #reasoningEffort}, the gateway's one budget rule). Ignored: topK, presencePenalty,
 *       frequencyPenalty, seed, responseLogprobs, logprobs.</li>
 *   <li>Accepted and ignored: {@code safetySettings}, {@code cachedContent}, {@code labels}.</li>
 * </ul>
 */
public final class GeminiRequestMapper {

    /** Google's most candidates per request. */
    public static final int MAX_CANDIDATES = 8;
    /** Google's most stop sequences. */
    public static final int MAX_STOP_SEQUENCES = 5;

    /**
     * The chat request and what the Gemini answer needs besides it.
     *
     * @param chat            the internal chat request
     * @param builtInTools    Gemini's built-in tools that have a GigaChat counterpart (googleSearch: web search,
     *                        codeExecution: code interpreter, urlContext: URL content extraction), for the chat
     *                        step to serve on GigaChat's v2 contract or leave out
     * @param ignoredTools    built-in tools GigaChat has nothing for (their Gemini names), in order
     * @param includeThoughts whether reasoning text is answered as {@code thought: true} parts
     */
    public record GeminiChat(ChatCompletionRequest chat, List<BuiltInTool.Requested> builtInTools,
                             List<String> ignoredTools, boolean includeThoughts) {
    }

    private GeminiRequestMapper() {
    }

    /**
     * @param model  the model from the path ({@code gemini-2.5-pro}, {@code GigaChat-2-Max}; a leading
     *               {@code models/} is removed)
     * @param stream whether the answer is streamed
     */
    public static GeminiChat toChat(GenerateContentRequest request, String model, boolean stream) {
        return toChat(request, model, stream, false);
    }

    /**
     * For {@code :countTokens}: the same chat request without its media parts ({@code inlineData},
     * {@code fileData}), since GigaChat's token counter counts text and nothing is uploaded to count.
     */
    public static GeminiChat forCounting(GenerateContentRequest request, String model) {
        return toChat(request, model, false, true);
    }

    private static GeminiChat toChat(GenerateContentRequest request, String model, boolean stream, boolean textOnly) {
        ObjectNode chat = WireJson.mapper().createObjectNode();
        chat.put("model", modelName(model));
        ArrayNode messages = chat.putArray("messages");
        system(request.systemInstruction(), messages);
        contents(request.contents(), messages, textOnly);
        if (messages.isEmpty()) {
            throw JsonRequestReader.missing("contents");
        }
        if (stream) {
            chat.put("stream", true);
        }
        List<String> builtIn = new ArrayList<>();
        List<ObjectNode> tools = tools(request.tools(), builtIn);
        toolConfig(request.toolConfig(), tools, chat);
        boolean includeThoughts = generationConfig(request.generationConfig(), chat, stream);
        List<BuiltInTool.Requested> mapped = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String name : new LinkedHashSet<>(builtIn)) {
            BuiltInTool tool = gigaChatTool(name);
            if (tool != null) {
                mapped.add(new BuiltInTool.Requested(tool, name));
            } else {
                ignored.add(name);
            }
        }
        return new GeminiChat(ChatRequestTree.toRequest(chat), List.copyOf(mapped),
                List.copyOf(ignored), includeThoughts);
    }

    /**
     * GigaChat's own tool for a Gemini built-in tool: the search tools → web search, {@code codeExecution} →
     * the code interpreter, {@code urlContext} → URL content extraction; null for the rest ({@code googleMaps},
     * {@code fileSearch}, {@code computerUse}, ...).
     */
    public static BuiltInTool gigaChatTool(String geminiName) {
        return switch (geminiName) {
            case "googleSearch", "googleSearchRetrieval", "enterpriseWebSearch" -> BuiltInTool.WEB_SEARCH;
            case "codeExecution" -> BuiltInTool.CODE_INTERPRETER;
            case "urlContext" -> BuiltInTool.URL_CONTENT_EXTRACTION;
            default -> null;
        };
    }

    /** {@code models/gemini-2.5-pro} and {@code gemini-2.5-pro} name the same model. */
    public static String modelName(String model) {
        if (model == null) {
            return null;
        }
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return name.isBlank() ? null : name;
    }

    private static void system(Content system, ArrayNode messages) {
        if (system == null || system.parts() == null) {
            return;
        }
        List<String> texts = new ArrayList<>();
        for (Part part : system.parts()) {
            if (part != null && part.text() != null && !Boolean.TRUE.equals(part.thought())) {
                texts.add(part.text());
            }
        }
        if (!texts.isEmpty()) {
            messages.addObject().put("role", "system").put("content", String.join("\n", texts));
        }
    }

    /** A function call of a model turn not yet answered: its id (the client's, or made up here) and name. */
    private record PendingCall(String id, String name) {
    }

    private static void contents(List<Content> contents, ArrayNode messages, boolean textOnly) {
        if (contents == null) {
            return;
        }
        Deque<PendingCall> pending = new ArrayDeque<>();
        for (int i = 0; i < contents.size(); i++) {
            Content content = contents.get(i);
            String at = "contents[" + i + "]";
            if (content == null || content.parts() == null || content.parts().isEmpty()) {
                continue; // nothing to say; Gemini CLI's history may hold such turns
            }
            String role = content.role() == null || content.role().isEmpty() ? "user" : content.role();
            switch (role) {
                case "user", "function", "tool" -> user(content.parts(), at, messages, pending, textOnly);
                case "model", "assistant" -> {
                    pending.clear();
                    model(content.parts(), at, messages, pending, i);
                }
                default -> throw GatewayException.invalidRequest("Please use a valid role: user, model. Got '" + role
                        + "' in '" + at + ".role'.", at + ".role", "invalid_value");
            }
        }
    }

    private static void user(List<Part> parts, String at, ArrayNode messages, Deque<PendingCall> pending,
                             boolean textOnly) {
        ArrayNode content = WireJson.mapper().createArrayNode();
        boolean onlyText = true;
        for (int j = 0; j < parts.size(); j++) {
            Part part = parts.get(j);
            String partAt = at + ".parts[" + j + "]";
            if (part == null || Boolean.TRUE.equals(part.thought())) {
                continue;
            }
            if (part.functionResponse() != null) {
                messages.add(toolResult(part.functionResponse(), partAt + ".functionResponse", pending));
            } else if (part.text() != null) {
                content.addObject().put("type", "text").put("text", part.text());
            } else if (textOnly && (part.inlineData() != null || part.fileData() != null)) {
                continue; // counting: media are not text
            } else if (part.inlineData() != null) {
                content.add(inlineData(part.inlineData(), partAt + ".inlineData"));
                onlyText = false;
            } else if (part.fileData() != null) {
                content.add(fileData(part.fileData(), partAt + ".fileData"));
                onlyText = false;
            } else if (part.functionCall() != null) {
                throw GatewayException.invalidRequest("Invalid '" + partAt + ".functionCall': function calls belong "
                        + "to turns of role 'model'.", partAt + ".functionCall", "invalid_value");
            }
            // executableCode / codeExecutionResult: output of Google's built-in code execution, dropped
        }
        if (content.isEmpty()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "user");
        if (onlyText) {
            List<String> texts = new ArrayList<>();
            content.forEach(p -> texts.add(p.get("text").asText()));
            message.put("content", String.join("\n", texts));
        } else {
            message.set("content", content);
        }
    }

    private static void model(List<Part> parts, String at, ArrayNode messages, Deque<PendingCall> pending, int turn) {
        StringBuilder text = new StringBuilder();
        ArrayNode calls = WireJson.mapper().createArrayNode();
        for (int j = 0; j < parts.size(); j++) {
            Part part = parts.get(j);
            if (part == null || Boolean.TRUE.equals(part.thought())) {
                continue; // the model's thoughts are not sent back
            }
            if (part.functionCall() != null) {
                FunctionCall call = part.functionCall();
                String callAt = at + ".parts[" + j + "].functionCall";
                if (call.name() == null || call.name().isEmpty()) {
                    throw JsonRequestReader.missing(callAt + ".name");
                }
                JsonNode args = call.args() == null || call.args().isNull() ? WireJson.mapper().createObjectNode()
                        : call.args();
                if (!args.isObject()) {
                    throw JsonRequestReader.invalidType(callAt + ".args", "an object", args);
                }
                String id = call.id() != null && !call.id().isEmpty() ? call.id() : "call_gemini_" + turn + "_" + j;
                pending.add(new PendingCall(id, call.name()));
                ObjectNode toolCall = calls.addObject().put("id", id).put("type", "function");
                toolCall.putObject("function").put("name", call.name()).put("arguments", args.toString());
            } else if (part.text() != null) {
                text.append(part.text());
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "assistant").put("content", text.toString());
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    /** A function's result as a tool message for the earlier call of the same id, else of the same name. */
    private static ObjectNode toolResult(FunctionResponse response, String at, Deque<PendingCall> pending) {
        if (response.name() == null || response.name().isEmpty()) {
            throw JsonRequestReader.missing(at + ".name");
        }
        PendingCall call = null;
        for (Iterator<PendingCall> it = pending.iterator(); it.hasNext(); ) {
            PendingCall p = it.next();
            if (response.id() != null ? response.id().equals(p.id()) : response.name().equals(p.name())) {
                call = p;
                it.remove();
                break;
            }
        }
        if (call == null && response.id() != null) { // an id we did not see: the first call of that name
            for (Iterator<PendingCall> it = pending.iterator(); it.hasNext(); ) {
                PendingCall p = it.next();
                if (response.name().equals(p.name())) {
                    call = p;
                    it.remove();
                    break;
                }
            }
        }
        JsonNode result = response.response() == null || response.response().isNull()
                ? WireJson.mapper().createObjectNode() : response.response();
        ObjectNode message = WireJson.mapper().createObjectNode().put("role", "tool")
                .put("tool_call_id", call != null ? call.id() : response.id() != null ? response.id() : "")
                .put("name", response.name());
        message.put("content", result.isTextual() ? result.asText() : result.toString());
        return message;
    }

    /** Inline bytes: an image as a data URL image part, anything else (audio, PDF, text) as a file part. */
    private static ObjectNode inlineData(GenerateContentRequest.Blob blob, String at) {
        if (blob.data() == null || blob.data().isEmpty()) {
            throw JsonRequestReader.missing(at + ".data");
        }
        String mime = blob.mimeType() == null || blob.mimeType().isBlank() ? "application/octet-stream"
                : blob.mimeType().trim().toLowerCase(Locale.ROOT);
        String dataUrl = "data:" + mime + ";base64," + blob.data();
        ObjectNode part = WireJson.mapper().createObjectNode();
        if (mime.startsWith("image/")) {
            part.put("type", "image_url").putObject("image_url").put("url", dataUrl);
        } else {
            part.put("type", "file").putObject("file").put("file_data", dataUrl);
        }
        return part;
    }

    /**
     * A file by URI: an http(s) URL is downloaded through the SSRF guard like a chat image URL, an image as an image
     * part, anything else (PDF, audio, text) as a file part by URL; Gemini Files API and gs:// URIs cannot be fetched.
     */
    private static ObjectNode fileData(GenerateContentRequest.FileData file, String at) {
        String uri = file.fileUri();
        if (uri == null || uri.isBlank()) {
            throw JsonRequestReader.missing(at + ".fileUri");
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw GatewayException.invalidRequest("Invalid '" + at + ".fileUri': only http(s) URLs can be fetched by "
                    + "this gateway (no Gemini Files API, no gs:// URIs); send the bytes as inlineData.",
                    at + ".fileUri", "invalid_value");
        }
        String mime = file.mimeType() == null ? "" : file.mimeType().toLowerCase(Locale.ROOT);
        ObjectNode part = WireJson.mapper().createObjectNode();
        if (mime.isEmpty() || mime.startsWith("image/")) {
            part.put("type", "image_url").putObject("image_url").put("url", uri);
        } else {
            part.put("type", "file").putObject("file").put("file_url", uri);
        }
        return part;
    }

    /** Function declarations become chat function tools; every other tool is a built-in one, named in {@code ignored}. */
    private static List<ObjectNode> tools(List<JsonNode> tools, List<String> ignored) {
        List<ObjectNode> out = new ArrayList<>();
        if (tools == null) {
            return out;
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools[" + i + "]";
            if (tool == null || !tool.isObject()) {
                throw JsonRequestReader.invalidType(at, "an object", tool == null ? WireJson.mapper().nullNode() : tool);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = tool.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                switch (field.getKey()) {
                    case "functionDeclarations", "function_declarations" ->
                            declarations(field.getValue(), at + "." + field.getKey(), out);
                    default -> ignored.add(camel(field.getKey()));
                }
            }
        }
        return out;
    }

    private static void declarations(JsonNode declarations, String at, List<ObjectNode> out) {
        if (declarations == null || declarations.isNull()) {
            return;
        }
        if (!declarations.isArray()) {
            throw JsonRequestReader.invalidType(at, "an array", declarations);
        }
        for (int j = 0; j < declarations.size(); j++) {
            JsonNode d = declarations.get(j);
            String dAt = at + "[" + j + "]";
            if (!d.isObject()) {
                throw JsonRequestReader.invalidType(dAt, "an object", d);
            }
            if (!d.path("name").isTextual() || d.get("name").asText().isEmpty()) {
                throw JsonRequestReader.missing(dAt + ".name");
            }
            ObjectNode function = WireJson.mapper().createObjectNode().put("name", d.get("name").asText());
            if (d.path("description").isTextual()) {
                function.put("description", d.get("description").asText());
            }
            JsonNode jsonSchema = first(d, "parametersJsonSchema", "parameters_json_schema");
            JsonNode openApi = first(d, "parameters", null);
            if (jsonSchema != null && !jsonSchema.isNull()) {
                function.set("parameters", jsonSchema);
            } else if (openApi != null && !openApi.isNull()) {
                function.set("parameters", GeminiSchemas.toJsonSchema(openApi));
            }
            ObjectNode tool = WireJson.mapper().createObjectNode().put("type", "function");
            tool.set("function", function);
            out.add(tool);
        }
    }

    private static void toolConfig(GenerateContentRequest.ToolConfig config, List<ObjectNode> tools, ObjectNode chat) {
        GenerateContentRequest.FunctionCallingConfig calling = config == null ? null : config.functionCallingConfig();
        String mode = calling == null || calling.mode() == null ? "AUTO" : calling.mode().toUpperCase(Locale.ROOT);
        List<ObjectNode> declared = tools;
        switch (mode) {
            case "AUTO", "MODE_UNSPECIFIED", "VALIDATED" -> {
                if (!declared.isEmpty()) {
                    chat.put("tool_choice", "auto");
                }
            }
            case "NONE" -> {
                if (!declared.isEmpty()) {
                    chat.put("tool_choice", "none");
                }
            }
            case "ANY" -> {
                List<String> allowed = calling.allowedFunctionNames() == null ? List.of() : calling.allowedFunctionNames();
                if (!allowed.isEmpty()) {
                    Set<String> names = Set.copyOf(allowed);
                    declared = tools.stream().filter(t -> names.contains(t.path("function").path("name").asText()))
                            .toList();
                    if (declared.isEmpty()) {
                        throw GatewayException.invalidRequest("Invalid 'toolConfig.functionCallingConfig."
                                + "allowedFunctionNames': none of the names is a declared function.",
                                "toolConfig.functionCallingConfig.allowedFunctionNames", "invalid_value");
                    }
                }
                if (declared.isEmpty()) {
                    throw GatewayException.invalidRequest("Invalid 'toolConfig.functionCallingConfig.mode': ANY needs "
                            + "function declarations.", "toolConfig.functionCallingConfig.mode", "invalid_value");
                }
                if (declared.size() == 1) {
                    ObjectNode named = chat.putObject("tool_choice").put("type", "function");
                    named.putObject("function").put("name", declared.get(0).path("function").path("name").asText());
                } else {
                    chat.put("tool_choice", "required");
                }
            }
            default -> throw GatewayException.invalidRequest("Invalid value at 'toolConfig.functionCallingConfig.mode': "
                    + "expected AUTO, ANY, NONE or VALIDATED, got '" + calling.mode() + "'.",
                    "toolConfig.functionCallingConfig.mode", "invalid_value");
        }
        if (!declared.isEmpty()) {
            ArrayNode array = chat.putArray("tools");
            declared.forEach(array::add);
        }
    }

    /** @return whether thoughts are to be answered */
    private static boolean generationConfig(GenerationConfig config, ObjectNode chat, boolean stream) {
        if (config == null) {
            return false;
        }
        String at = "generationConfig";
        if (config.temperature() != null) {
            if (config.temperature() < 0 || config.temperature() > 2) {
                throw range(at + ".temperature", "between 0 and 2");
            }
            chat.put("temperature", config.temperature());
        }
        if (config.topP() != null) {
            if (config.topP() < 0 || config.topP() > 1) {
                throw range(at + ".topP", "between 0 and 1");
            }
            chat.put("top_p", config.topP());
        }
        if (config.maxOutputTokens() != null) {
            if (config.maxOutputTokens() < 1) {
                throw range(at + ".maxOutputTokens", "at least 1");
            }
            chat.put("max_tokens", config.maxOutputTokens());
        }
        if (config.stopSequences() != null && !config.stopSequences().isEmpty()) {
            if (config.stopSequences().size() > MAX_STOP_SEQUENCES) {
                throw range(at + ".stopSequences", "at most " + MAX_STOP_SEQUENCES + " sequences");
            }
            ArrayNode stop = chat.putArray("stop");
            config.stopSequences().stream().filter(s -> s != null && !s.isEmpty()).forEach(stop::add);
            if (stop.isEmpty()) {
                chat.remove("stop");
            }
        }
        if (config.candidateCount() != null && config.candidateCount() != 1) {
            if (config.candidateCount() < 1 || config.candidateCount() > MAX_CANDIDATES) {
                throw range(at + ".candidateCount", "between 1 and " + MAX_CANDIDATES);
            }
            if (stream) {
                throw GatewayException.invalidRequest("Invalid '" + at + ".candidateCount': this gateway streams one "
                        + "candidate; use generateContent for several.", at + ".candidateCount", "invalid_value");
            }
            chat.put("n", config.candidateCount());
        }
        responseFormat(config, chat, at);
        String effort = reasoningEffort(config.thinkingConfig());
        if (effort != null) {
            chat.put("reasoning_effort", effort);
        }
        return config.thinkingConfig() != null && Boolean.TRUE.equals(config.thinkingConfig().includeThoughts());
    }

    private static void responseFormat(GenerationConfig config, ObjectNode chat, String at) {
        String mime = config.responseMimeType() == null ? "" : config.responseMimeType().trim().toLowerCase(Locale.ROOT);
        JsonNode jsonSchema = config.responseJsonSchema();
        JsonNode openApi = config.responseSchema();
        boolean hasSchema = (jsonSchema != null && !jsonSchema.isNull()) || (openApi != null && !openApi.isNull());
        switch (mime) {
            case "", "text/plain" -> {
                if (hasSchema) {
                    throw GatewayException.invalidRequest("Invalid '" + at + ".responseMimeType': a response schema "
                            + "needs responseMimeType 'application/json'.", at + ".responseMimeType", "invalid_value");
                }
            }
            case "application/json" -> {
                ObjectNode format = chat.putObject("response_format");
                if (!hasSchema) {
                    format.put("type", "json_object");
                    return;
                }
                JsonNode schema = jsonSchema != null && !jsonSchema.isNull() ? jsonSchema
                        : GeminiSchemas.toJsonSchema(openApi);
                if (!schema.isObject()) {
                    throw JsonRequestReader.invalidType(at + (jsonSchema != null ? ".responseJsonSchema"
                            : ".responseSchema"), "an object", schema);
                }
                format.put("type", "json_schema");
                ObjectNode wrapper = format.putObject("json_schema").put("name", "response");
                wrapper.set("schema", schema);
            }
            default -> throw GatewayException.invalidRequest("Invalid value at '" + at + ".responseMimeType': this "
                    + "gateway answers 'text/plain' or 'application/json', got '" + config.responseMimeType() + "'.",
                    at + ".responseMimeType", "invalid_value");
        }
    }

    /**
     * GigaChat's reasoning effort from {@code thinkingConfig}: {@code thinkingLevel} {@code minimal} or
     * {@code low} → low, {@code medium} → medium, {@code high} → high; else {@code thinkingBudget} by the
     * gateway's one rule for token budgets ({@link ReasoningPolicy#effortForBudget}: 8,000 or more high,
     * 3,000 or more medium, fewer low); a budget of 0 (thinking off), -1 (dynamic) or none asks for no
     * effort (the gateway's reasoning settings may still add their default).
     */
    public static String reasoningEffort(GenerateContentRequest.ThinkingConfig thinking) {
        if (thinking == null) {
            return null;
        }
        if (thinking.thinkingLevel() != null) {
            return switch (thinking.thinkingLevel().toLowerCase(Locale.ROOT)) {
                case "minimal", "low" -> "low";
                case "medium" -> "medium";
                case "high" -> "high";
                case "thinking_level_unspecified", "" -> null;
                default -> throw GatewayException.invalidRequest("Invalid value at 'generationConfig.thinkingConfig."
                        + "thinkingLevel': expected MINIMAL, LOW, MEDIUM or HIGH.",
                        "generationConfig.thinkingConfig.thinkingLevel", "invalid_value");
            };
        }
        Integer budget = thinking.thinkingBudget();
        if (budget == null || budget == -1) {
            return null;
        }
        if (budget < -1) {
            throw range("generationConfig.thinkingConfig.thinkingBudget", "-1, 0 or a positive number of tokens");
        }
        return ReasoningPolicy.effortForBudget(budget);
    }

    private static GatewayException range(String param, String expected) {
        return GatewayException.invalidRequest("Invalid value at '" + param + "': expected " + expected + ".", param,
                "invalid_value");
    }

    private static JsonNode first(JsonNode node, String name, String alias) {
        JsonNode value = node.get(name);
        return value == null && alias != null ? node.get(alias) : value;
    }

    /** {@code google_search} → {@code googleSearch}: the tool's name as Google's docs spell it. */
    static String camel(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
