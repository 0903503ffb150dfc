package io.gigagate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The chat request a front's mapper wrote as a JSON tree (Responses, Gemini), made into the
 * {@link ChatCompletionRequest} record field by field, without a round trip through Jackson's data binding
 * ({@code convertValue} wrote the whole tree out as tokens and bound them back: a few per cent of such a
 * request's CPU). The record is the one data binding would give for the fields a mapper writes; a field
 * outside that set is a programming error ({@link IllegalArgumentException}), never silently dropped.
 * JSON nodes in the tree are taken as they are (not copied): a mapper's tree is its own. Pure.
 */
public final class ChatRequestTree {

    private ChatRequestTree() {
    }

    /**
     * @param chat top-level fields: {@code model}, {@code messages}, {@code stream}, {@code temperature},
     *             {@code top_p}, {@code n}, {@code max_tokens}, {@code max_completion_tokens}, {@code stop},
     *             {@code tools}, {@code tool_choice}, {@code response_format}, {@code parallel_tool_calls},
     *             {@code user}, {@code reasoning_effort}, {@code reasoning} ({@code effort}), {@code storage}; messages:
     *             {@code role}, {@code content}, {@code name}, {@code tool_calls}, {@code tool_call_id}
     */
    public static ChatCompletionRequest toRequest(ObjectNode chat) {
        String model = null;
        List<ChatMessage> messages = null;
        Boolean stream = null;
        Double temperature = null;
        Double topP = null;
        Integer n = null;
        Integer maxTokens = null;
        Integer maxCompletionTokens = null;
        List<String> stop = null;
        List<JsonNode> tools = null;
        JsonNode toolChoice = null;
        JsonNode responseFormat = null;
        Boolean parallelToolCalls = null;
        String user = null;
        String reasoningEffort = null;
        ChatCompletionRequest.Reasoning reasoning = null;
        JsonNode storage = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = chat.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "model" -> model = text(value);
                case "messages" -> messages = messages(value);
                case "stream" -> stream = bool(value);
                case "temperature" -> temperature = number(value);
                case "top_p" -> topP = number(value);
                case "n" -> n = integer(value);
                case "max_tokens" -> maxTokens = integer(value);
                case "max_completion_tokens" -> maxCompletionTokens = integer(value);
                case "stop" -> stop = texts(value);
                case "tools" -> tools = nodes(value);
                case "tool_choice" -> toolChoice = value;
                case "response_format" -> responseFormat = value;
                case "parallel_tool_calls" -> parallelToolCalls = bool(value);
                case "user" -> user = text(value);
                case "reasoning_effort" -> reasoningEffort = text(value);
                case "reasoning" -> reasoning = value.isNull() ? null
                        : new ChatCompletionRequest.Reasoning(text(value.get("effort")));
                case "storage" -> storage = value; // GigaChat's own storage (the Responses front, v2)
                default -> throw new IllegalArgumentException("not a field a front's chat tree may have: " + field.getKey());
            }
        }
        return new ChatCompletionRequest(model, messages, stream, null, temperature, topP, n, maxTokens,
                maxCompletionTokens, stop, tools, toolChoice, null, null, responseFormat, parallelToolCalls, user, null,
                null, null, null, null, null, null, null, null, null, null, null, reasoningEffort, reasoning, null, null,
                null, null, null, null, storage, null);
    }

    private static List<ChatMessage> messages(JsonNode array) {
        if (array.isNull()) {
            return null;
        }
        List<ChatMessage> messages = new ArrayList<>(array.size());
        for (JsonNode message : array) {
            messages.add(message(message));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode message) {
        String role = null;
        JsonNode content = null;
        String name = null;
        List<JsonNode> toolCalls = null;
        String toolCallId = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = message.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "role" -> role = text(value);
                case "content" -> content = value;
                case "name" -> name = text(value);
                case "tool_calls" -> toolCalls = nodes(value);
                case "tool_call_id" -> toolCallId = text(value);
                default -> throw new IllegalArgumentException("not a field a front's chat message may have: "
                        + field.getKey());
            }
        }
        return new ChatMessage(role, content, name, toolCalls, toolCallId, null, null);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("expected a string, got " + value.getNodeType());
        }
        return value.textValue();
    }

    private static Boolean bool(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("expected a boolean, got " + value.getNodeType());
        }
        return value.booleanValue();
    }

    private static Double number(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("expected a number, got " + value.getNodeType());
        }
        return value.doubleValue();
    }

    private static Integer integer(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("expected an int, got " + value);
        }
        return value.intValue();
    }

    private static List<String> texts(JsonNode array) {
        if (array.isNull()) {
            return null;
        }
        List<String> texts = new ArrayList<>(array.size());
        for (JsonNode text : array) {
            texts.add(text(text));
        }
        return List.copyOf(texts);
    }

    private static List<JsonNode> nodes(JsonNode array) {
        if (array.isNull()) {
            return null;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected an array, got " + array.getNodeType());
        }
        List<JsonNode> nodes = new ArrayList<>(array.size());
        array.forEach(nodes::add);
        return nodes;
    }
}
