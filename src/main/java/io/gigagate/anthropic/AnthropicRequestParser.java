package io.gigagate.anthropic;

import static io.gigagate.wire.JsonRequestReader.atLeast;
import static io.gigagate.wire.JsonRequestReader.emptyArray;
import static io.gigagate.wire.JsonRequestReader.invalidType;
import static io.gigagate.wire.JsonRequestReader.missing;
import static io.gigagate.wire.JsonRequestReader.range;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.BuiltInTool;
import io.gigagate.gigachat.ReasoningPolicy;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.wire.JsonRequestReader;
import io.gigagate.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads an Anthropic Messages request ({@code POST /v1/messages} and {@code /v1/messages/count_tokens}) and
 * makes the internal chat request of it (OpenAI's chat records, the gateway's lingua franca). Pure.
 * Every failure is a 400 naming the field in path form ({@code messages[1].content[0].source.type}).
 *
 * <ul>
 *   <li>mapped: {@code model}, {@code max_tokens} (required for messages, as at Anthropic), {@code system}
 *       (a string or text blocks, joined), {@code messages} (string content or {@code text}, {@code image}
 *       (base64 and url sources), {@code document} (base64 PDF, plain-text and content sources),
 *       {@code tool_use}, {@code tool_result} (string or blocks, {@code is_error}) blocks), {@code tools}
 *       ({@code input_schema} as the function's parameters), {@code tool_choice} ({@code auto}, {@code any}
 *       → required, {@code tool} → that function, {@code none}, {@code disable_parallel_tool_use}),
 *       {@code temperature}, {@code top_p}, {@code stream}, {@code metadata.user_id} (as the chat
 *       request's {@code user}), {@code thinking} ({@code budget_tokens} → GigaChat's
 *       {@code reasoning_effort} by the gateway's one rule, see {@link #reasoningEffort});</li>
 *   <li>handled by the front: {@code stop_sequences} (the answer is cut by the front, which names the
 *       sequence that matched);</li>
 *   <li>Anthropic's built-in tools (any tool with a {@code type} other than {@code custom}): web search,
 *       web fetch and code execution are GigaChat's own {@code web_search}, {@code url_content_extraction}
 *       and {@code code_interpreter} ({@link AnthropicRequest#builtInTools()}, served by the chat step on
 *       GigaChat's v2 contract); the rest (bash, text_editor, computer, memory, ...) are left out of the
 *       upstream request and named ({@link AnthropicRequest#ignoredTools()});</li>
 *   <li>accepted and ignored: {@code top_k}, {@code cache_control} anywhere, {@code thinking} and
 *       {@code redacted_thinking} blocks in the history, the server tools' own blocks in the history
 *       ({@code server_tool_use}, {@code web_search_tool_result}, ...), {@code citations},
 *       {@code service_tier}, {@code container}, {@code mcp_servers}, {@code context_management} and any
 *       other unknown top-level field;</li>
 *   <li>refused (400): a block type that is none of the above, a {@code document} with a url or file
 *       source, an {@code image} with a file source.</li>
 * </ul>
 */
public final class AnthropicRequestParser {

    /** Anthropic's wording for a body that is not JSON. */
    static final String UNPARSABLE_BODY = "The request body is not valid JSON.";
    static final JsonRequestReader READER = new JsonRequestReader(WireJson.mapper(), UNPARSABLE_BODY);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Block types in the history that belong to Anthropic's server tools: nothing GigaChat can take back. */
    private static final List<String> SERVER_TOOL_BLOCKS = List.of("server_tool_use", "web_search_tool_result",
            "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
            "text_editor_code_execution_tool_result", "tool_search_tool_result", "mcp_tool_use", "mcp_tool_result",
            "container_upload");

    private AnthropicRequestParser() {
    }

    /** The front's request and the internal chat request made of it. */
    public record Parsed(AnthropicRequest front, ChatCompletionRequest chat) {
    }

    /** @param counting a count_tokens request: {@code max_tokens} is not required */
    public static Parsed parse(byte[] body, boolean counting) {
        JsonNode root = READER.readObject(body);
        ObjectNode chat = NODES.objectNode();

        String model = requiredString(root, "model");
        chat.put("model", model);
        JsonNode maxTokens = root.get("max_tokens");
        if (present(maxTokens)) {
            if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()) {
                throw invalidType("max_tokens", "an integer", maxTokens);
            }
            atLeast("max_tokens", maxTokens.intValue(), 1);
            chat.put("max_tokens", maxTokens.intValue());
        } else if (!counting) {
            throw missing("max_tokens");
        }
        boolean stream = bool(root, "stream");
        if (stream && !counting) {
            chat.put("stream", true);
        }
        number(root, "temperature", 0, 1, chat);
        number(root, "top_p", 0, 1, chat);
        JsonNode topK = root.get("top_k");
        if (present(topK) && !topK.isIntegralNumber()) {
            throw invalidType("top_k", "an integer", topK);
        }
        List<String> stops = stopSequences(root.get("stop_sequences"));
        JsonNode metadata = root.get("metadata");
        if (present(metadata)) {
            if (!metadata.isObject()) {
                throw invalidType("metadata", "an object", metadata);
            }
            JsonNode user = metadata.get("user_id");
            if (present(user)) {
                if (!user.isTextual()) {
                    throw invalidType("metadata.user_id", "a string", user);
                }
                chat.put("user", user.asText());
            }
        }

        ArrayNode messages = chat.putArray("messages");
        String system = system(root.get("system"));
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages(root.get("messages"), messages, counting);

        List<String> ignored = new ArrayList<>();
        List<BuiltInTool.Requested> builtIn = new ArrayList<>();
        tools(root.get("tools"), chat, ignored, builtIn);
        toolChoice(root.get("tool_choice"), chat);

        boolean thinking = false;
        String effort = null;
        JsonNode thinkingNode = root.get("thinking");
        if (present(thinkingNode)) {
            effort = reasoningEffort(thinkingNode);
            thinking = effort != null;
            if (thinking) {
                chat.put("reasoning_effort", effort); // the gateway's reasoning settings apply to it as to chat's
            }
        }

        ChatCompletionRequest request = READER.bind(chat, ChatCompletionRequest.class);
        return new Parsed(new AnthropicRequest(model, stream, stops, thinking, ignored, builtIn), request);
    }

    /**
     * {@code thinking}: {@code {"type": "enabled", "budget_tokens": n}} → GigaChat's {@code reasoning_effort} by
     * the gateway's one rule ({@link ReasoningPolicy#effortForBudget}: {@code low} below 3,000 tokens,
     * {@code medium} below 8,000, {@code high} from 8,000); {@code adaptive} → {@code medium}; {@code disabled}
     * → none (null).
     */
    static String reasoningEffort(JsonNode thinking) {
        if (!thinking.isObject()) {
            throw invalidType("thinking", "an object", thinking);
        }
        String type = requiredString(thinking, "type", "thinking.type");
        switch (type) {
            case "disabled":
                return null;
            case "adaptive":
                return "medium";
            case "enabled":
                JsonNode budget = thinking.get("budget_tokens");
                if (!present(budget)) {
                    throw missing("thinking.budget_tokens");
                }
                if (!budget.isIntegralNumber() || !budget.canConvertToInt()) {
                    throw invalidType("thinking.budget_tokens", "an integer", budget);
                }
                int tokens = budget.intValue();
                atLeast("thinking.budget_tokens", tokens, 1);
                return ReasoningPolicy.effortForBudget(tokens);
            default:
                throw JsonRequestReader.invalidValue("thinking.type", type, "'enabled', 'disabled', and 'adaptive'");
        }
    }

    private static List<String> stopSequences(JsonNode node) {
        if (!present(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalidType("stop_sequences", "an array of strings", node);
        }
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode stop = node.get(i);
            if (!stop.isTextual()) {
                throw invalidType("stop_sequences[" + i + "]", "a string", stop);
            }
            if (!stop.asText().isEmpty()) {
                stops.add(stop.asText());
            }
        }
        return stops;
    }

    /** {@code system}: a string or text blocks ({@code cache_control} ignored), joined by blank lines. */
    private static String system(JsonNode node) {
        if (!present(node)) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText().isEmpty() ? null : node.asText();
        }
        if (!node.isArray()) {
            throw invalidType("system", "a string or an array of text blocks", node);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "system[" + i + "]";
            JsonNode block = object(node.get(i), at);
            String type = requiredString(block, "type", at + ".type");
            if (!"text".equals(type)) {
                throw JsonRequestReader.invalidValue(at + ".type", type, "'text'");
            }
            texts.add(requiredString(block, "text", at + ".text"));
        }
        return texts.isEmpty() ? null : String.join("\n\n", texts);
    }

    private static void messages(JsonNode node, ArrayNode out, boolean counting) {
        if (!present(node)) {
            throw missing("messages");
        }
        if (!node.isArray()) {
            throw invalidType("messages", "an array", node);
        }
        if (node.isEmpty()) {
            throw emptyArray("messages");
        }
        for (int i = 0; i < node.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode message = object(node.get(i), at);
            String role = requiredString(message, "role", at + ".role");
            JsonNode content = message.get("content");
            if (!present(content)) {
                throw missing(at + ".content");
            }
            if (!content.isTextual() && !content.isArray()) {
                throw invalidType(at + ".content", "a string or an array of content blocks", content);
            }
            switch (role) {
                case "user" -> user(content, at, out, counting);
                case "assistant" -> assistant(content, at, out);
                default -> throw JsonRequestReader.invalidValue(at + ".role", role, "'user' and 'assistant'");
            }
        }
    }

    /**
     * A user turn: its {@code tool_result} blocks become tool messages (first, right after the assistant's
     * calls), the rest one user message with text, image and file parts. For counting, images and binary
     * documents are checked and left out (GigaChat counts text only) and text documents count as text.
     */
    private static void user(JsonNode content, String at, ArrayNode out, boolean counting) {
        if (content.isTextual()) {
            out.addObject().put("role", "user").put("content", content.asText());
            return;
        }
        ArrayNode parts = NODES.arrayNode();
        for (int j = 0; j < content.size(); j++) {
            String blockAt = at + ".content[" + j + "]";
            JsonNode block = object(content.get(j), blockAt);
            String type = requiredString(block, "type", blockAt + ".type");
            switch (type) {
                case "text" -> parts.addObject().put("type", "text").put("text", requiredString(block, "text",
                        blockAt + ".text"));
                case "image" -> {
                    ObjectNode image = image(block, blockAt);
                    if (!counting) {
                        parts.add(image);
                    }
                }
                case "document" -> {
                    ObjectNode document = document(block, blockAt);
                    if (!counting) {
                        parts.add(document);
                    } else if ("text".equals(block.path("source").path("type").asText())) {
                        parts.addObject().put("type", "text").put("text", block.path("source").path("data").asText());
                    } else if ("text".equals(document.path("type").asText())) {
                        parts.add(document);
                    }
                }
                case "tool_result" -> out.add(toolResult(block, blockAt));
                case "thinking", "redacted_thinking" -> {
                    // a model's thinking is never sent back to GigaChat
                }
                default -> {
                    if (!SERVER_TOOL_BLOCKS.contains(type)) {
                        throw unsupportedBlock(blockAt, type);
                    }
                }
            }
        }
        if (!parts.isEmpty()) {
            out.addObject().put("role", "user").set("content", parts);
        }
    }

    /** An assistant turn: its text joined, its {@code tool_use} blocks as tool calls; thinking dropped. */
    private static void assistant(JsonNode content, String at, ArrayNode out) {
        ObjectNode message = NODES.objectNode().put("role", "assistant");
        if (content.isTextual()) {
            out.add(message.put("content", content.asText()));
            return;
        }
        List<String> texts = new ArrayList<>();
        ArrayNode calls = NODES.arrayNode();
        for (int j = 0; j < content.size(); j++) {
            String blockAt = at + ".content[" + j + "]";
            JsonNode block = object(content.get(j), blockAt);
            String type = requiredString(block, "type", blockAt + ".type");
            switch (type) {
                case "text" -> texts.add(requiredString(block, "text", blockAt + ".text"));
                case "tool_use" -> {
                    JsonNode input = block.get("input");
                    if (present(input) && !input.isObject()) {
                        throw invalidType(blockAt + ".input", "an object", input);
                    }
                    ObjectNode call = calls.addObject();
                    call.put("id", ToolUseIds.toChat(requiredString(block, "id", blockAt + ".id")));
                    call.put("type", "function");
                    call.putObject("function")
                            .put("name", requiredString(block, "name", blockAt + ".name"))
                            .put("arguments", present(input) ? input.toString() : "{}");
                }
                case "thinking", "redacted_thinking" -> {
                    // dropped: GigaChat does not take reasoning back
                }
                default -> {
                    if (!SERVER_TOOL_BLOCKS.contains(type)) {
                        throw unsupportedBlock(blockAt, type);
                    }
                }
            }
        }
        String text = String.join("\n", texts);
        if (calls.isEmpty()) {
            message.put("content", text);
        } else {
            if (!text.isEmpty()) {
                message.put("content", text);
            }
            message.set("tool_calls", calls);
        }
        out.add(message);
    }

    /** {@code image}: base64 → a data URL, url → the URL; both go through the chat's attachment step. */
    private static ObjectNode image(JsonNode block, String at) {
        JsonNode source = object(block.get("source"), at + ".source");
        String type = requiredString(source, "type", at + ".source.type");
        String url = switch (type) {
            case "base64" -> "data:" + requiredString(source, "media_type", at + ".source.media_type") + ";base64,"
                    + requiredString(source, "data", at + ".source.data");
            case "url" -> requiredString(source, "url", at + ".source.url");
            default -> throw JsonRequestReader.invalidValue(at + ".source.type", type, "'base64' and 'url'");
        };
        ObjectNode part = NODES.objectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    /**
     * {@code document}: a base64 PDF, or plain text, becomes a file part (a GigaChat file); a {@code content}
     * source (text blocks) is text.
     */
    private static ObjectNode document(JsonNode block, String at) {
        JsonNode source = object(block.get("source"), at + ".source");
        String type = requiredString(source, "type", at + ".source.type");
        JsonNode title = block.get("title");
        String name = title != null && title.isTextual() && !title.asText().isBlank() ? title.asText() : "document";
        switch (type) {
            case "base64": {
                String mediaType = requiredString(source, "media_type", at + ".source.media_type");
                String data = requiredString(source, "data", at + ".source.data");
                return filePart("data:" + mediaType + ";base64," + data, withExtension(name, mediaType));
            }
            case "text": {
                String data = requiredString(source, "data", at + ".source.data");
                String encoded = Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
                return filePart("data:text/plain;base64," + encoded, withExtension(name, "text/plain"));
            }
            case "content": {
                JsonNode content = source.get("content");
                String text = content != null && content.isTextual() ? content.asText()
                        : textOfBlocks(content, at + ".source.content");
                return NODES.objectNode().put("type", "text").put("text", text);
            }
            default:
                throw GatewayException.invalidRequest("Invalid value for '" + at + ".source.type': the gateway takes "
                        + "documents as 'base64' (PDF) or 'text' sources; '" + type + "' is not supported.",
                        at + ".source.type", "invalid_value");
        }
    }

    private static String withExtension(String name, String mediaType) {
        String extension = "application/pdf".equals(mediaType) ? ".pdf" : "text/plain".equals(mediaType) ? ".txt" : "";
        return extension.isEmpty() || name.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? name
                : name + extension;
    }

    private static ObjectNode filePart(String dataUrl, String filename) {
        ObjectNode part = NODES.objectNode().put("type", "file");
        part.putObject("file").put("file_data", dataUrl).put("filename", filename);
        return part;
    }

    /**
     * {@code tool_result}: a tool message for the call with that id; its content a string or the text of its
     * blocks (images in results are left out: GigaChat's function results are text). {@code is_error}
     * results are sent as {@code {"is_error": true, "content": "..."}}.
     */
    private static ObjectNode toolResult(JsonNode block, String at) {
        String id = requiredString(block, "tool_use_id", at + ".tool_use_id");
        JsonNode content = block.get("content");
        String text;
        if (!present(content)) {
            text = "";
        } else if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            text = textOfBlocks(content, at + ".content");
        } else {
            throw invalidType(at + ".content", "a string or an array of content blocks", content);
        }
        JsonNode isError = block.get("is_error");
        if (present(isError) && !isError.isBoolean()) {
            throw invalidType(at + ".is_error", "a boolean", isError);
        }
        if (present(isError) && isError.asBoolean()) {
            text = NODES.objectNode().put("is_error", true).put("content", text).toString();
        }
        return NODES.objectNode().put("role", "tool").put("tool_call_id", ToolUseIds.toChat(id)).put("content", text);
    }

    /** The text of content blocks (text only; images and documents inside are left out). */
    private static String textOfBlocks(JsonNode blocks, String at) {
        if (blocks == null || !blocks.isArray()) {
            throw invalidType(at, "an array of content blocks", blocks == null ? NODES.nullNode() : blocks);
        }
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < blocks.size(); k++) {
            JsonNode block = object(blocks.get(k), at + "[" + k + "]");
            if ("text".equals(block.path("type").asText())) {
                texts.add(requiredString(block, "text", at + "[" + k + "].text"));
            }
        }
        return String.join("\n", texts);
    }

    /**
     * {@code tools}: custom tools ({@code type} absent or {@code custom}) become functions with
     * {@code input_schema} as parameters; Anthropic's built-in tools are left out and named.
     */
    private static void tools(JsonNode node, ObjectNode chat, List<String> ignored, List<BuiltInTool.Requested> builtIn) {
        if (!present(node)) {
            return;
        }
        if (!node.isArray()) {
            throw invalidType("tools", "an array", node);
        }
        ArrayNode tools = NODES.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = object(node.get(i), at);
            JsonNode type = tool.get("type");
            if (present(type) && !"custom".equals(type.asText())) {
                JsonNode name = tool.get("name");
                String clientName = name != null && name.isTextual() ? name.asText() : type.asText();
                BuiltInTool gigaChats = gigaChatsOwn(type.asText());
                if (gigaChats != null) {
                    builtIn.add(new BuiltInTool.Requested(gigaChats, clientName));
                } else {
                    ignored.add(clientName);
                }
                continue;
            }
            String name = requiredString(tool, "name", at + ".name");
            JsonNode schema = tool.get("input_schema");
            if (!present(schema)) {
                throw missing(at + ".input_schema");
            }
            if (!schema.isObject()) {
                throw invalidType(at + ".input_schema", "an object", schema);
            }
            ObjectNode function = tools.addObject().put("type", "function").putObject("function");
            function.put("name", name);
            JsonNode description = tool.get("description");
            if (description != null && description.isTextual()) {
                function.put("description", description.asText());
            }
            function.set("parameters", schema);
        }
        if (!tools.isEmpty()) {
            chat.set("tools", tools);
        }
    }

    /** GigaChat's own tool for one of Anthropic's server tools ({@code web_search_20250305}, ...), or null. */
    static BuiltInTool gigaChatsOwn(String type) {
        if (type.startsWith("web_search_")) {
            return BuiltInTool.WEB_SEARCH;
        }
        if (type.startsWith("web_fetch_")) {
            return BuiltInTool.URL_CONTENT_EXTRACTION;
        }
        if (type.startsWith("code_execution_")) {
            return BuiltInTool.CODE_INTERPRETER;
        }
        return null;
    }

    /** {@code tool_choice}: auto, any (required), tool (that function), none; disable_parallel_tool_use. */
    private static void toolChoice(JsonNode node, ObjectNode chat) {
        if (!present(node)) {
            return;
        }
        JsonNode choice = object(node, "tool_choice");
        String type = requiredString(choice, "type", "tool_choice.type");
        switch (type) {
            case "auto" -> chat.put("tool_choice", "auto");
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = chat.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", requiredString(choice, "name", "tool_choice.name"));
            }
            default -> throw JsonRequestReader.invalidValue("tool_choice.type", type,
                    "'auto', 'any', 'tool', and 'none'");
        }
        JsonNode parallel = choice.get("disable_parallel_tool_use");
        if (present(parallel)) {
            if (!parallel.isBoolean()) {
                throw invalidType("tool_choice.disable_parallel_tool_use", "a boolean", parallel);
            }
            chat.put("parallel_tool_calls", !parallel.asBoolean());
        }
        if (!chat.has("tools")) {
            chat.remove("tool_choice"); // only built-in tools, all left out: nothing to choose from
        }
    }

    private static GatewayException unsupportedBlock(String at, String type) {
        return GatewayException.invalidRequest("Invalid value for '" + at + ".type': content blocks of type '"
                + type + "' are not supported by this gateway.", at + ".type", "invalid_value");
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static JsonNode object(JsonNode node, String at) {
        if (!present(node)) {
            throw missing(at);
        }
        if (!node.isObject()) {
            throw invalidType(at, "an object", node);
        }
        return node;
    }

    private static String requiredString(JsonNode parent, String field) {
        return requiredString(parent, field, field);
    }

    private static String requiredString(JsonNode parent, String field, String at) {
        JsonNode value = parent.get(field);
        if (!present(value)) {
            throw missing(at);
        }
        if (!value.isTextual()) {
            throw invalidType(at, "a string", value);
        }
        return value.asText();
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (!present(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalidType(field, "a boolean", value);
        }
        return value.asBoolean();
    }

    private static void number(JsonNode root, String field, double min, double max, ObjectNode chat) {
        JsonNode value = root.get(field);
        if (!present(value)) {
            return;
        }
        if (!value.isNumber()) {
            throw invalidType(field, "a number", value);
        }
        range(field, value.doubleValue(), min, max);
        chat.set(field, value);
    }
}
