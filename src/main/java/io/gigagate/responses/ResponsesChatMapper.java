package io.gigagate.responses;

import static io.gigagate.wire.JsonRequestReader.invalidType;
import static io.gigagate.wire.JsonRequestReader.missing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.BuiltInTool;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatRequestTree;
import io.gigagate.wire.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * A Responses request as the internal chat request (OpenAI's chat records, the gateway's lingua franca),
 * so tools, schemas, attachments, stop handling, retries and limits are chat's:
 *
 * <ul>
 *   <li>{@code instructions} → the first system message; then the conversation's items in order (the
 *       stored chain of {@code previous_response_id} first, then {@code input}): messages by role,
 *       {@code function_call}/{@code custom_tool_call} items as the assistant's {@code tool_calls} (calls in
 *       a row, and calls right after an assistant message, are one assistant turn), their outputs as
 *       {@code tool} messages, {@code reasoning} items dropped;</li>
 *   <li>content parts: {@code input_text}/{@code output_text} → text, {@code input_image} → an
 *       {@code image_url} part (URL or data URL) or a {@code file} part ({@code file_id}),
 *       {@code input_file} → a {@code file} part ({@code file_id} or {@code file_data}),
 *       {@code input_audio} → {@code input_audio};</li>
 *   <li>{@code function} tools as chat tools; {@code custom} tools as functions of one string argument
 *       {@code input} (answered as {@code custom_tool_call}s); a {@code namespace} tool's own tools as if
 *       they were listed at the top (calls name their namespace); {@code web_search} (and its preview) is
 *       GigaChat's built-in web search ({@link Mapped#builtInTools()}, served by the chat step on GigaChat's v2
 *       contract); other built-in tools are left out and named in {@link Mapped#ignoredTools()};</li>
 *   <li>{@code tool_choice} (with {@code allowed_tools} narrowing the tools sent), {@code text.format} →
 *       {@code response_format}, {@code reasoning.effort} (in GigaChat's three efforts), {@code max_output_tokens} →
 *       {@code max_completion_tokens}, {@code temperature}, {@code top_p}, {@code parallel_tool_calls},
 *       {@code user}/{@code safety_identifier} → {@code user}, {@code stream}.</li>
 * </ul>
 *
 * <p>Pure: the same items always make the same chat request, so a client that sends only the new turn with
 * {@code previous_response_id} and one that sends the whole history get the same GigaChat request.
 */
public final class ResponsesChatMapper {

    /** The argument a custom tool's free-form input travels in. */
    public static final String CUSTOM_INPUT = "input";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponsesChatMapper() {
    }

    /**
     * @param chat          the internal chat request
     * @param ignoredTools  the built-in tools left out (their types, or an MCP tool's server label)
     * @param customTools   the names of the custom tools (their calls are answered as {@code custom_tool_call})
     * @param namespaces    the namespace of each tool that came inside a {@code namespace} tool, by tool name
     * @param builtInTools  the built-in tools GigaChat has (web search), for the chat step to serve (v2) or
     *                      leave out under the tool policy
     */
    public record Mapped(ChatCompletionRequest chat, List<String> ignoredTools, Set<String> customTools,
                         Map<String, String> namespaces, List<BuiltInTool.Requested> builtInTools) {

        public Mapped(ChatCompletionRequest chat, List<String> ignoredTools, Set<String> customTools) {
            this(chat, ignoredTools, customTools, Map.of(), List.of());
        }
    }

    /** The Responses API's web search tools, GigaChat's built-in web search. */
    static final Set<String> WEB_SEARCH_TOOLS = Set.of("web_search", "web_search_preview", "web_search_2025_08_26",
            "web_search_preview_2025_03_11");

    /**
     * @param history the items of the stored chain ({@code previous_response_id}): inputs and outputs, oldest first
     * @param input   this request's items ({@link InputItems#normalize})
     */
    public static Mapped toChat(ResponsesRequest r, List<? extends JsonNode> history, List<? extends JsonNode> input) {
        return toChat(r, history, input, null);
    }

    /**
     * The request as it goes to GigaChat with its own storage ({@code storage} on the v2 contract).
     *
     * <p>{@code storage.threadId()} null opens a thread: the whole conversation is sent, as by {@link #toChat(
     * ResponsesRequest, List, List)}, with {@code storage: {}}. Otherwise the thread is continued: GigaChat holds
     * the earlier turns (the first one's system message, the instructions, among them), so only this request's
     * own {@code input} goes, with {@code storage: {thread_id}}; the caller continues a thread only when the
     * instructions are those it was opened with. A {@code function_call_output} answering a call of an earlier
     * turn carries that call's function name (GigaChat names a result after its function; the call is not in
     * this request), found in {@code history}.
     */
    public static Mapped toChat(ResponsesRequest r, List<? extends JsonNode> history, List<? extends JsonNode> input,
                                UpstreamStorage storage) {
        boolean continuing = storage != null && storage.threadId() != null;
        ObjectNode chat = NODES.objectNode();
        chat.put("model", r.model());
        ArrayNode messages = chat.putArray("messages");
        if (!continuing && r.instructions() != null && !r.instructions().isEmpty()) {
            messages.addObject().put("role", "system").put("content", r.instructions());
        }
        Conversation conversation = new Conversation(messages, continuing ? history : List.of());
        if (!continuing) {
            for (JsonNode item : history) {
                conversation.add(item, "previous_response_id");
            }
        }
        for (int i = 0; i < input.size(); i++) {
            conversation.add(input.get(i), "input[" + i + "]");
        }
        if (storage != null) {
            ObjectNode field = chat.putObject("storage");
            if (continuing) {
                field.put("thread_id", storage.threadId());
            }
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalidRequest("The request has no messages: send 'input' with at least one "
                    + "message.", "input", "empty_array");
        }

        List<String> ignored = new ArrayList<>();
        Set<String> custom = new LinkedHashSet<>();
        Map<String, String> namespaces = new LinkedHashMap<>();
        ArrayNode tools = tools(r.tools(), ignored, custom, namespaces);
        List<BuiltInTool.Requested> builtIns = new ArrayList<>();
        if (!ignored.isEmpty()) {
            ignored.removeIf(name -> {
                BuiltInTool own = WEB_SEARCH_TOOLS.contains(name) ? BuiltInTool.WEB_SEARCH
                        : "image_generation".equals(name) ? BuiltInTool.IMAGE_GENERATE
                        : "code_interpreter".equals(name) ? BuiltInTool.CODE_INTERPRETER : null;
                if (own != null && builtIns.stream().noneMatch(b -> b.tool() == own)) {
                    builtIns.add(new BuiltInTool.Requested(own, name));
                }
                return own != null;
            });
        }
        JsonNode choice = toolChoice(r.toolChoice(), tools, custom);
        if (tools != null && !tools.isEmpty()) {
            chat.set("tools", tools);
        }
        if (choice != null) {
            chat.set("tool_choice", choice);
        }
        JsonNode format = responseFormat(r.text());
        if (format != null) {
            chat.set("response_format", format);
        }
        if (r.parallelToolCalls() != null) {
            chat.put("parallel_tool_calls", r.parallelToolCalls());
        }
        if (r.temperature() != null) {
            chat.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            chat.put("top_p", r.topP());
        }
        if (r.maxOutputTokens() != null) {
            chat.put("max_completion_tokens", r.maxOutputTokens());
        }
        JsonNode effort = r.reasoning() == null ? null : r.reasoning().get("effort");
        String gigaChatEffort = effort != null && effort.isTextual() ? effort(effort.asText()) : null;
        if (gigaChatEffort != null) {
            chat.putObject("reasoning").put("effort", gigaChatEffort);
        }
        String user = r.user() != null ? r.user() : r.safetyIdentifier();
        if (user != null) {
            chat.put("user", user);
        }
        if (r.streamed()) {
            chat.put("stream", true);
        }
        // most requests have none of these: the copies of an empty collection are not free (Set.copyOf hashes a copy)
        return new Mapped(ChatRequestTree.toRequest(chat), ignored.isEmpty() ? List.of() : List.copyOf(ignored),
                custom.isEmpty() ? Set.of() : Set.copyOf(custom), namespaces.isEmpty() ? Map.of() : Map.copyOf(namespaces),
                builtIns.isEmpty() ? List.of() : List.copyOf(builtIns));
    }

    /**
     * OpenAI's reasoning efforts in GigaChat's three: {@code none} asks for none (null), {@code minimal}
     * is {@code low}, {@code xhigh} is {@code high}; {@code low}, {@code medium}, {@code high} and anything
     * else pass as they are.
     */
    static String effort(String asked) {
        return switch (asked) {
            case "none" -> null;
            case "minimal" -> "low";
            case "xhigh" -> "high";
            default -> asked;
        };
    }

    /** Items in order, as chat messages; tracks the assistant turn that calls may join. */
    private static final class Conversation {
        private final ArrayNode messages;
        /** Earlier turns not sent (GigaChat's thread holds them), where the calls that outputs answer are found. */
        private final List<? extends JsonNode> unsent;
        /** The last assistant message, while calls may still join it (nothing else came after it). */
        private ObjectNode openAssistant;

        Conversation(ArrayNode messages, List<? extends JsonNode> unsent) {
            this.messages = messages;
            this.unsent = unsent;
        }

        void add(JsonNode item, String at) {
            switch (item.path("type").asText("message")) {
                case "message" -> message(item, at);
                case "function_call" -> call(item.path("call_id").asText(), item.path("name").asText(),
                        item.path("arguments").asText());
                case "custom_tool_call" -> call(item.path("call_id").asText(), item.path("name").asText(),
                        NODES.objectNode().put(CUSTOM_INPUT, item.path("input").asText()).toString());
                case "function_call_output", "custom_tool_call_output" -> {
                    ObjectNode result = messages.addObject().put("role", "tool")
                            .put("tool_call_id", item.path("call_id").asText())
                            .put("content", outputText(item.get("output")));
                    String unsentCall = unsentCallName(item.path("call_id").asText());
                    if (unsentCall != null) {
                        result.put("name", unsentCall);
                    }
                    openAssistant = null;
                }
                default -> {
                    // reasoning, built-in tool calls: GigaChat gets neither back
                }
            }
        }

        private void message(JsonNode item, String at) {
            String role = item.path("role").asText();
            JsonNode content = item.get("content");
            ObjectNode message = messages.addObject().put("role", role);
            if (role.equals("user")) {
                message.set("content", userContent(content, at + ".content"));
            } else {
                message.put("content", joinedText(content, at + ".content"));
            }
            openAssistant = role.equals("assistant") ? message : null;
        }

        /** The function name of the call {@code callId} among the turns not sent, or null. */
        private String unsentCallName(String callId) {
            for (JsonNode item : unsent) {
                String type = item.path("type").asText();
                if ((type.equals("function_call") || type.equals("custom_tool_call"))
                        && callId.equals(item.path("call_id").asText(null))) {
                    return item.path("name").asText(null);
                }
            }
            return null;
        }

        private void call(String callId, String name, String arguments) {
            if (openAssistant == null) {
                openAssistant = messages.addObject().put("role", "assistant");
                openAssistant.putNull("content");
            }
            ArrayNode calls = openAssistant.has("tool_calls") ? (ArrayNode) openAssistant.get("tool_calls")
                    : openAssistant.putArray("tool_calls");
            ObjectNode call = calls.addObject().put("id", callId).put("type", "function");
            call.putObject("function").put("name", name).put("arguments", arguments);
        }
    }

    /** A user message's content: one text part as a string (as a plain string input is), else chat parts. */
    private static JsonNode userContent(JsonNode content, String at) {
        if (content.isTextual()) {
            return content;
        }
        if (content.size() == 1 && isText(content.get(0))) {
            return NODES.textNode(content.get(0).path("text").asText());
        }
        ArrayNode parts = NODES.arrayNode();
        for (int j = 0; j < content.size(); j++) {
            parts.add(userPart(content.get(j), at + "[" + j + "]"));
        }
        return parts;
    }

    private static boolean isText(JsonNode part) {
        String type = part.path("type").asText();
        return type.equals("input_text") || type.equals("output_text") || type.equals("text");
    }

    private static JsonNode userPart(JsonNode part, String at) {
        String type = part.path("type").asText();
        ObjectNode out = NODES.objectNode();
        switch (type) {
            case "input_text", "output_text", "text" -> {
                requireText(part, at, "text");
                out.put("type", "text").put("text", part.get("text").asText());
            }
            case "input_image" -> {
                JsonNode url = part.get("image_url");
                JsonNode fileId = part.get("file_id");
                if (url != null && url.isTextual() && !url.asText().isBlank()) {
                    ObjectNode image = out.put("type", "image_url").putObject("image_url").put("url", url.asText());
                    if (part.path("detail").isTextual()) {
                        image.put("detail", part.get("detail").asText());
                    }
                } else if (fileId != null && fileId.isTextual()) {
                    out.put("type", "file").putObject("file").put("file_id", fileId.asText());
                } else {
                    throw missing(at + ".image_url");
                }
            }
            case "input_file" -> {
                JsonNode fileId = part.get("file_id");
                JsonNode data = part.get("file_data");
                if (fileId != null && fileId.isTextual()) {
                    out.put("type", "file").putObject("file").put("file_id", fileId.asText());
                } else if (data != null && data.isTextual()) {
                    ObjectNode file = out.put("type", "file").putObject("file").put("file_data", data.asText());
                    if (part.path("filename").isTextual()) {
                        file.put("filename", part.get("filename").asText());
                    }
                } else if (part.path("file_url").isTextual()) {
                    // downloaded through the SSRF guard with the other attachments (files.ContentPartReader)
                    ObjectNode file = out.put("type", "file").putObject("file").put("file_url", part.get("file_url").asText());
                    if (part.path("filename").isTextual()) {
                        file.put("filename", part.get("filename").asText());
                    }
                } else {
                    throw missing(at + ".file_id");
                }
            }
            case "input_audio" -> {
                out.put("type", "input_audio");
                out.set("input_audio", part.path("input_audio").isObject() ? part.get("input_audio") : part);
            }
            default -> throw GatewayException.invalidRequest("Invalid value for '" + at + ".type': content parts of "
                    + "type '" + type + "' are not supported (use 'input_text', 'input_image', 'input_file' or "
                    + "'input_audio').", at + ".type", "invalid_value");
        }
        return out;
    }

    /** System, developer and assistant content as text: text parts joined, refusals as their text. */
    private static String joinedText(JsonNode content, String at) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asText();
            String field = type.equals("refusal") ? "refusal" : "text";
            if (!isText(part) && !type.equals("refusal")) {
                throw GatewayException.invalidRequest("Invalid value for '" + at + "[" + j + "].type': only text "
                        + "parts are supported in this role's content, got '" + type + "'.", at + "[" + j + "].type",
                        "invalid_value");
            }
            requireText(part, at + "[" + j + "]", field);
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.get(field).asText());
        }
        return text.toString();
    }

    private static void requireText(JsonNode part, String at, String field) {
        JsonNode value = part.get(field);
        if (value == null || value.isNull()) {
            throw missing(at + "." + field);
        }
        if (!value.isTextual()) {
            throw invalidType(at + "." + field, "a string", value);
        }
    }

    /** A function call's output: a string as it is; content parts as their texts, joined. */
    private static String outputText(JsonNode output) {
        if (output.isTextual()) {
            return output.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : output) {
            if (part.path("text").isTextual()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static ArrayNode tools(List<JsonNode> tools, List<String> ignored, Set<String> custom,
                                   Map<String, String> namespaces) {
        if (tools == null) {
            return null;
        }
        ArrayNode out = NODES.arrayNode();
        addTools(tools, "tools", null, out, ignored, custom, namespaces);
        return out;
    }

    /**
     * Function and custom tools become chat tools; a {@code namespace} tool's own tools are added as if
     * listed at the top (their calls name the namespace again); built-in tools are named in {@code ignored}.
     */
    private static void addTools(Iterable<JsonNode> tools, String param, String namespace, ArrayNode out,
                                 List<String> ignored, Set<String> custom, Map<String, String> namespaces) {
        int i = -1;
        for (JsonNode tool : tools) {
            i++;
            String at = param + "[" + i + "]";
            if (tool == null || !tool.isObject()) {
                throw invalidType(at, "an object", tool);
            }
            JsonNode typeNode = tool.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                throw missing(at + ".type");
            }
            switch (typeNode.asText()) {
                case "function" -> out.add(function(tool, at));
                case "custom" -> {
                    out.add(custom(tool, at));
                    custom.add(tool.get("name").asText());
                }
                case "namespace" -> {
                    requireText(tool, at, "name");
                    addTools(tool.path("tools"), at + ".tools", tool.get("name").asText(), out, ignored, custom,
                            namespaces);
                    continue;
                }
                case "mcp" -> ignored.add("mcp" + (tool.path("server_label").isTextual()
                        ? " (" + tool.get("server_label").asText() + ")" : ""));
                default -> ignored.add(typeNode.asText());
            }
            if (namespace != null && tool.path("name").isTextual()) {
                namespaces.put(tool.get("name").asText(), namespace);
            }
        }
    }

    private static ObjectNode function(JsonNode tool, String at) {
        requireText(tool, at, "name");
        ObjectNode function = NODES.objectNode().put("name", tool.get("name").asText());
        if (tool.path("description").isTextual()) {
            function.put("description", tool.get("description").asText());
        }
        JsonNode parameters = tool.get("parameters");
        if (parameters != null && !parameters.isNull()) {
            if (!parameters.isObject()) {
                throw invalidType(at + ".parameters", "an object", parameters);
            }
            function.set("parameters", parameters);
        }
        if (tool.path("strict").isBoolean()) {
            function.put("strict", tool.get("strict").asBoolean());
        }
        ObjectNode out = NODES.objectNode().put("type", "function");
        out.set("function", function);
        return out;
    }

    /** A custom tool: a function of one string argument, its format (text or a grammar) told in the description. */
    private static ObjectNode custom(JsonNode tool, String at) {
        requireText(tool, at, "name");
        StringBuilder description = new StringBuilder(tool.path("description").asText(""));
        JsonNode format = tool.path("format");
        if (format.path("type").asText("text").equals("grammar")) {
            description.append(description.isEmpty() ? "" : "\n\n").append("The input must follow this ")
                    .append(format.path("syntax").asText("")).append(" grammar:\n")
                    .append(format.path("definition").asText(""));
        }
        ObjectNode function = NODES.objectNode().put("name", tool.get("name").asText());
        if (!description.isEmpty()) {
            function.put("description", description.toString());
        }
        ObjectNode parameters = function.putObject("parameters").put("type", "object");
        parameters.putObject("properties").putObject(CUSTOM_INPUT).put("type", "string")
                .put("description", "The tool's whole input, as free text.");
        parameters.putArray("required").add(CUSTOM_INPUT);
        ObjectNode out = NODES.objectNode().put("type", "function");
        out.set("function", function);
        return out;
    }

    /**
     * {@code none}/{@code auto}/{@code required} as they are; a named function or custom tool as chat's
     * named choice; {@code allowed_tools} narrows the tools sent to the ones it lists and keeps its mode. A
     * built-in tool cannot be forced: 400.
     */
    private static JsonNode toolChoice(JsonNode choice, ArrayNode tools, Set<String> custom) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none", "auto", "required" -> choice;
                default -> throw GatewayException.invalidRequest("Invalid value for 'tool_choice': expected 'none', "
                        + "'auto', 'required' or an object.", "tool_choice", "invalid_value");
            };
        }
        if (!choice.isObject()) {
            throw invalidType("tool_choice", "a string or an object", choice);
        }
        String type = choice.path("type").asText("");
        switch (type) {
            case "function", "custom" -> {
                if (!choice.path("name").isTextual()) {
                    throw missing("tool_choice.name");
                }
                ObjectNode named = NODES.objectNode().put("type", "function");
                named.putObject("function").put("name", choice.get("name").asText());
                return named;
            }
            case "allowed_tools" -> {
                Set<String> allowed = new LinkedHashSet<>();
                for (JsonNode t : choice.path("tools")) {
                    if (t.path("name").isTextual()) {
                        allowed.add(t.get("name").asText());
                    }
                }
                if (tools != null) {
                    for (int i = tools.size() - 1; i >= 0; i--) {
                        if (!allowed.contains(tools.get(i).path("function").path("name").asText())) {
                            tools.remove(i);
                        }
                    }
                }
                String mode = choice.path("mode").asText("auto");
                if (!mode.equals("auto") && !mode.equals("required")) {
                    throw GatewayException.invalidRequest("Invalid value for 'tool_choice.mode': expected 'auto' or "
                            + "'required'.", "tool_choice.mode", "invalid_value");
                }
                return NODES.textNode(mode);
            }
            default -> throw GatewayException.invalidRequest("Invalid value for 'tool_choice': GigaChat cannot be made "
                    + "to call the built-in tool '" + type + "' (only function and custom tools can be chosen).",
                    "tool_choice", "unsupported_value");
        }
    }

    /** {@code text.format} as chat's {@code response_format}; plain text sends none. */
    private static JsonNode responseFormat(JsonNode text) {
        if (text == null || text.isNull() || !text.has("format") || text.get("format").isNull()) {
            return null;
        }
        JsonNode format = text.get("format");
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> NODES.objectNode().put("type", "json_object");
            case "json_schema" -> {
                JsonNode schema = format.get("schema");
                if (schema == null || !schema.isObject()) {
                    throw missing("text.format.schema");
                }
                ObjectNode jsonSchema = NODES.objectNode().put("name", format.path("name").asText("response"));
                if (format.path("description").isTextual()) {
                    jsonSchema.put("description", format.get("description").asText());
                }
                jsonSchema.set("schema", schema);
                if (format.path("strict").isBoolean()) {
                    jsonSchema.put("strict", format.get("strict").asBoolean());
                }
                ObjectNode out = NODES.objectNode().put("type", "json_schema");
                out.set("json_schema", jsonSchema);
                yield out;
            }
            default -> throw GatewayException.invalidRequest("Invalid value for 'text.format.type': expected 'text', "
                    + "'json_object' or 'json_schema'.", "text.format.type", "invalid_value");
        };
    }

    /**
     * The chat request with only its texts (for counting input tokens): content parts other than text are
     * left out, so nothing is downloaded or uploaded to count.
     */
    public static ChatCompletionRequest textOnly(ChatCompletionRequest chat) {
        ObjectNode tree = WireJson.mapper().valueToTree(chat);
        for (JsonNode message : tree.path("messages")) {
            JsonNode content = message.get("content");
            if (content != null && content.isArray()) {
                ArrayNode texts = NODES.arrayNode();
                for (JsonNode part : content) {
                    if ("text".equals(part.path("type").asText())) {
                        texts.add(part);
                    }
                }
                ((ObjectNode) message).set("content", texts.isEmpty() ? NODES.textNode("") : texts);
            }
        }
        tree.remove("stream");
        return WireJson.mapper().convertValue(tree, ChatCompletionRequest.class);
    }
}
