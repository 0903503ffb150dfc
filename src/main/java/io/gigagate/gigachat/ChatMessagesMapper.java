package io.gigagate.gigachat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.openai.ChatMessage;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenAI chat history to GigaChat messages: roles, text content, tool calls and tool results.
 * Part of {@link ChatRequestMapper}; each GigaChat rule is one method.
 */
final class ChatMessagesMapper {

    /** The id form we issue for tool calls (see {@link ChatResponseMapper}): {@code call_<functions_state_id>}. */
    private static final Pattern STATE_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ChatMessagesMapper() {
    }

    static List<GigaChatMessage> toGigaChat(List<ChatMessage> history) {
        return toGigaChat(history, FunctionNames.none(), null);
    }

    /**
     * @param names             the request's function names (history uses GigaChat's names too)
     * @param systemInstruction gateway text for the system message (JSON mode...), or null
     */
    static List<GigaChatMessage> toGigaChat(List<ChatMessage> history, FunctionNames names, String systemInstruction) {
        return toGigaChat(history, names, systemInstruction, ContentAttachments.none());
    }

    /** @param attachments the file ids of the user messages' image, audio and file parts */
    static List<GigaChatMessage> toGigaChat(List<ChatMessage> history, FunctionNames names, String systemInstruction,
                                            ContentAttachments attachments) {
        List<GigaChatMessage> out = new ArrayList<>();
        Map<String, String> toolNamesById = new HashMap<>();
        boolean systemSeen = false;
        for (int i = 0; i < history.size(); i++) {
            ChatMessage m = history.get(i);
            String at = "messages[" + i + "]";
            switch (m.role()) {
                case "system", "developer" -> {
                    out.add(text(onlyFirstSystemStaysSystem(systemSeen), ContentText.of(m.content(), at)));
                    systemSeen = true;
                }
                case "user" -> out.addAll(user(m, at, attachments));
                case "assistant" -> {
                    int results = toolResultsAfter(history, i);
                    out.addAll(assistant(m, at, history.subList(i + 1, i + 1 + results), i + 1, names, toolNamesById));
                    i += results;
                }
                case "tool" -> out.add(toolBecomesFunction(m, at, names, toolNamesById));
                case "function" -> out.add(legacyFunctionResult(m, at, names));
                default -> throw GatewayException.invalidRequest("Unsupported role '" + m.role() + "'.", at + ".role");
            }
        }
        return systemInstructionIsAdded(moveSystemMessageFirst(out), systemInstruction);
    }

    private static List<GigaChatMessage> user(ChatMessage m, String at, ContentAttachments attachments) {
        String content = ContentText.of(m.content(), at, attachments);
        int parts = m.content() != null && m.content().isArray() ? m.content().size() : 0;
        List<ContentAttachments.Attachment> files = attachments.inMessage(at, parts);
        if (files.isEmpty()) {
            return List.of(text("user", content));
        }
        return oneImagePerMessage(content, files);
    }

    /**
     * GigaChat reads one image per message (422 "only one image can be attached to a message"), so a
     * message with several images becomes consecutive user messages: the first carries the text, the
     * first image and any documents or audio; each further image follows in a message of its own.
     */
    static List<GigaChatMessage> oneImagePerMessage(String content, List<ContentAttachments.Attachment> files) {
        List<String> first = new ArrayList<>();
        List<String> moreImages = new ArrayList<>();
        boolean imageTaken = false;
        for (ContentAttachments.Attachment a : files) {
            boolean image = a.kind() == GigaChatFileKind.IMAGE;
            if (image && imageTaken) {
                moreImages.add(a.fileId());
            } else {
                first.add(a.fileId());
                imageTaken |= image;
            }
        }
        List<GigaChatMessage> out = new ArrayList<>();
        out.add(new GigaChatMessage("user", content, null, null, null, List.copyOf(first)));
        for (String image : moreImages) {
            out.add(new GigaChatMessage("user", "", null, null, null, List.of(image)));
        }
        return out;
    }

    /** How many {@code tool} messages directly follow message {@code i} (its results, when it made calls). */
    private static int toolResultsAfter(List<ChatMessage> history, int i) {
        int n = 0;
        while (i + 1 + n < history.size() && "tool".equals(history.get(i + 1 + n).role())) {
            n++;
        }
        return n;
    }

    /**
     * GigaChat has no JSON mode and no "must call" flag; what the gateway asks the model for in
     * words goes at the end of the system message (a new one when there is none).
     */
    static List<GigaChatMessage> systemInstructionIsAdded(List<GigaChatMessage> messages, String instruction) {
        if (instruction == null) {
            return messages;
        }
        List<GigaChatMessage> out = new ArrayList<>(messages);
        if (!out.isEmpty() && "system".equals(out.get(0).role())) {
            String current = out.get(0).content();
            out.set(0, text("system", current.isEmpty() ? instruction : current + "\n\n" + instruction));
        } else {
            out.add(0, text("system", instruction));
        }
        return out;
    }

    /** GigaChat allows one system message (422 otherwise), so developer/system after the first become user. */
    private static String onlyFirstSystemStaysSystem(boolean systemSeen) {
        return systemSeen ? "user" : "system";
    }

    /**
     * A request that continues a GigaChat storage thread ({@code storage.thread_id}): the thread's earlier turns come
     * first, so none of this request's messages is the first one and a system message (the gateway's own text for
     * JSON mode or a forced function, say) would be refused: it goes as a user message, as a second system
     * message does.
     */
    static List<GigaChatMessage> continuingAThread(List<GigaChatMessage> messages) {
        List<GigaChatMessage> out = new ArrayList<>(messages.size());
        for (GigaChatMessage m : messages) {
            out.add("system".equals(m.role()) ? new GigaChatMessage("user", m.content(), m.name(), m.functionCall(),
                    m.functionsStateId(), m.attachments()) : m);
        }
        return out;
    }

    /** GigaChat rejects a system message that is not the first one (422 "system message must be the first message"). */
    private static List<GigaChatMessage> moveSystemMessageFirst(List<GigaChatMessage> messages) {
        for (int i = 1; i < messages.size(); i++) {
            if ("system".equals(messages.get(i).role())) {
                List<GigaChatMessage> reordered = new ArrayList<>(messages);
                reordered.add(0, reordered.remove(i));
                return reordered;
            }
        }
        return messages;
    }

    private static List<GigaChatMessage> assistant(ChatMessage m, String at, List<ChatMessage> results, int firstResult,
                                                   FunctionNames names, Map<String, String> toolNamesById) {
        String content = assistantText(m, at);
        List<GigaChatMessage> out = new ArrayList<>();
        List<ChatMessage> unclaimed = new ArrayList<>(results);
        if (m.toolCalls() != null && !m.toolCalls().isEmpty()) {
            out.addAll(toolCallsBecomeCallResultPairs(m.toolCalls(), content, at, unclaimed, firstResult, names,
                    toolNamesById));
        } else if (m.functionCall() != null && !m.functionCall().isNull()) {
            out.add(new GigaChatMessage("assistant", content,
                    null, functionCall(m.functionCall(), at + ".function_call", names), null, null));
        } else {
            out.add(text("assistant", content));
        }
        for (int k = 0; k < unclaimed.size(); k++) {
            if (unclaimed.get(k) != null) { // a result no call of this message claimed
                out.add(toolBecomesFunction(unclaimed.get(k), "messages[" + (firstResult + k) + "]", names,
                        toolNamesById));
            }
        }
        return out;
    }

    /** An assistant turn that only refused keeps its refusal text, or GigaChat would see an empty turn. */
    private static String assistantText(ChatMessage m, String at) {
        String content = ContentText.of(m.content(), at);
        return content.isEmpty() && m.refusal() != null ? m.refusal() : content;
    }

    /**
     * GigaChat makes one call per turn and wants every function result right after its own call
     * (422 "every assistant function result must have an assistant function in history"), so N
     * parallel tool calls and their N results become N ordered call/result pairs. Each call is an
     * assistant {@code function_call} with OBJECT arguments and the {@code functions_state_id} our
     * call id carries; any text goes on the first. Results are matched by {@code tool_call_id}
     * (claimed ones are set to null in {@code unclaimed}); a call without a result stays alone.
     */
    private static List<GigaChatMessage> toolCallsBecomeCallResultPairs(List<JsonNode> toolCalls, String content,
                                                                        String at, List<ChatMessage> unclaimed,
                                                                        int firstResult, FunctionNames names,
                                                                        Map<String, String> toolNamesById) {
        List<GigaChatMessage> out = new ArrayList<>();
        for (int j = 0; j < toolCalls.size(); j++) {
            String callAt = at + ".tool_calls[" + j + "]";
            JsonNode call = toolCalls.get(j);
            if (call == null || !call.isObject() || !call.path("function").isObject()) {
                throw GatewayException.invalidRequest("Invalid '" + callAt + "': expected an object with a "
                        + "'function'.", callAt);
            }
            GigaChatMessage.FunctionCall fc = functionCall(call.get("function"), callAt + ".function", names);
            String id = call.path("id").asText(null);
            if (id != null) {
                toolNamesById.put(id, call.get("function").get("name").asText());
            }
            out.add(new GigaChatMessage("assistant", j == 0 ? content : "", null, fc, stateIdOf(id), null));
            int k = indexOfResult(unclaimed, id);
            if (k >= 0) {
                out.add(toolBecomesFunction(unclaimed.get(k), "messages[" + (firstResult + k) + "]", names,
                        toolNamesById));
                unclaimed.set(k, null);
            }
        }
        return out;
    }

    private static int indexOfResult(List<ChatMessage> results, String toolCallId) {
        for (int k = 0; toolCallId != null && k < results.size(); k++) {
            if (results.get(k) != null && toolCallId.equals(results.get(k).toolCallId())) {
                return k;
            }
        }
        return -1;
    }

    /** Tool call ids we issue are {@code call_<functions_state_id>}; GigaChat needs the state id back. */
    static String stateIdOf(String toolCallId) {
        if (toolCallId == null) {
            return null;
        }
        String candidate = toolCallId.startsWith("call_") ? toolCallId.substring(5) : toolCallId;
        return STATE_ID.matcher(candidate).matches() ? candidate : null;
    }

    private static GigaChatMessage.FunctionCall functionCall(JsonNode function, String at, FunctionNames names) {
        JsonNode name = function.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + ".name'.", at + ".name",
                    "missing_required_parameter");
        }
        return new GigaChatMessage.FunctionCall(names.toGigaChat(name.asText()), argumentsAsObject(function.get("arguments"),
                at + ".arguments"));
    }

    /** GigaChat takes function arguments as a JSON object, OpenAI sends a JSON-encoded string. */
    private static JsonNode argumentsAsObject(JsonNode arguments, String at) {
        if (arguments == null || arguments.isNull() || (arguments.isTextual() && arguments.asText().isBlank())) {
            return WireJson.mapper().createObjectNode();
        }
        if (arguments.isObject()) {
            return arguments;
        }
        JsonNode parsed = arguments.isTextual() ? parseOrNull(arguments.asText()) : null;
        if (parsed == null || !parsed.isObject()) {
            throw GatewayException.invalidRequest("Invalid value for '" + at + "': expected a JSON object encoded "
                    + "as a string.", at, "invalid_value");
        }
        return parsed;
    }

    /**
     * GigaChat has no {@code tool} role: a tool result is a {@code function} message named after the
     * function, which GigaChat needs and finds in the assistant call with the same id.
     */
    private static GigaChatMessage toolBecomesFunction(ChatMessage m, String at, FunctionNames names,
                                                       Map<String, String> toolNamesById) {
        String name = toolNamesById.getOrDefault(m.toolCallId(), m.name());
        if (name == null) {
            throw GatewayException.invalidRequest("Invalid '" + at + ".tool_call_id': no earlier assistant message "
                    + "has a tool call with this id.", at + ".tool_call_id", "invalid_value");
        }
        if (!toolNamesById.containsKey(m.toolCallId()) && stateIdOf(m.toolCallId()) != null) {
            // the call is not in this request (GigaChat's storage thread holds it): the result carries its state id
            return new GigaChatMessage("function", functionContentIsJsonObject(ContentText.of(m.content(), at)),
                    names.toGigaChat(name), null, stateIdOf(m.toolCallId()), null);
        }
        return functionResult(names.toGigaChat(name), ContentText.of(m.content(), at));
    }

    /** GigaChat needs the function's name on a result; OpenAI's legacy {@code function} role carries it in {@code name}. */
    private static GigaChatMessage legacyFunctionResult(ChatMessage m, String at, FunctionNames names) {
        if (m.name() == null || m.name().isEmpty()) {
            throw GatewayException.invalidRequest("Missing required parameter: '" + at + ".name'.", at + ".name",
                    "missing_required_parameter");
        }
        return functionResult(names.toGigaChat(m.name()), ContentText.of(m.content(), at));
    }

    private static GigaChatMessage functionResult(String name, String content) {
        return new GigaChatMessage("function", functionContentIsJsonObject(content), name, null, null, null);
    }

    /** GigaChat requires a function result to be a JSON object string; anything else is wrapped as {"result": ...}. */
    static String functionContentIsJsonObject(String content) {
        JsonNode parsed = parseOrNull(content);
        if (parsed != null && parsed.isObject()) {
            return content;
        }
        ObjectNode wrapped = WireJson.mapper().createObjectNode();
        wrapped.set("result", parsed != null ? parsed : wrapped.textNode(content));
        return wrapped.toString();
    }

    private static JsonNode parseOrNull(String text) {
        try {
            JsonNode node = WireJson.mapper().readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static GigaChatMessage text(String role, String content) {
        return new GigaChatMessage(role, content, null, null, null, null);
    }
}
