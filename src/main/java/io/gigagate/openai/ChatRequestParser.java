package io.gigagate.openai;

import io.gigagate.wire.JsonRequestReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.List;
import java.util.Set;

import static io.gigagate.wire.JsonRequestReader.atLeast;
import static io.gigagate.wire.JsonRequestReader.emptyArray;
import static io.gigagate.wire.JsonRequestReader.invalidType;
import static io.gigagate.wire.JsonRequestReader.invalidValue;
import static io.gigagate.wire.JsonRequestReader.maxItems;
import static io.gigagate.wire.JsonRequestReader.missing;
import static io.gigagate.wire.JsonRequestReader.range;

/**
 * Reads and validates a Chat Completions body the way OpenAI does, before anything goes upstream:
 * every failure is a 400 {@code invalid_request_error} whose {@code param} names the field in
 * OpenAI's path form ({@code messages[2].content}). Reading, binding and the shared checks are
 * {@link JsonRequestReader}'s ({@link OpenAiWire#READER}); the rules here are chat's own.
 */
public final class ChatRequestParser {

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final String SUPPORTED_ROLES = "'system', 'assistant', 'user', 'function', 'tool', and 'developer'";
    private static final Set<String> ROLES_NEEDING_CONTENT = Set.of("system", "developer", "user");
    private static final int MAX_STOP_SEQUENCES = 4;

    private ChatRequestParser() {
    }

    public static ChatCompletionRequest parse(byte[] body) {
        ChatCompletionRequest request = OpenAiWire.READER.read(body, ChatCompletionRequest.class);
        validate(request);
        return request;
    }

    private static void validate(ChatCompletionRequest r) {
        validateMessages(r.messages());
        range("temperature", r.temperature(), 0, 2);
        range("top_p", r.topP(), 0, 1);
        atLeast("n", r.n(), 1);
        atLeast("max_tokens", r.maxTokens(), 1);
        atLeast("max_completion_tokens", r.maxCompletionTokens(), 1);
        if (r.stop() != null) {
            maxItems("stop", r.stop().size(), MAX_STOP_SEQUENCES);
        }
    }

    private static void validateMessages(List<ChatMessage> messages) {
        if (messages == null) {
            throw missing("messages");
        }
        if (messages.isEmpty()) {
            throw emptyArray("messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            validateMessage(messages.get(i), "messages[" + i + "]");
        }
    }

    private static void validateMessage(ChatMessage m, String at) {
        if (m == null) {
            throw invalidType(at, "an object", NullNode.getInstance());
        }
        if (m.role() == null) {
            throw missing(at + ".role");
        }
        if (!ROLES.contains(m.role())) {
            throw invalidValue(at + ".role", m.role(), SUPPORTED_ROLES);
        }
        JsonNode content = m.content();
        boolean noContent = content == null || content.isNull();
        if (noContent && ROLES_NEEDING_CONTENT.contains(m.role())) {
            throw missing(at + ".content");
        }
        if (!noContent && !content.isTextual() && !content.isArray()) {
            throw invalidType(at + ".content", "one of a string or array of objects", content);
        }
        if ("tool".equals(m.role()) && (m.toolCallId() == null || m.toolCallId().isEmpty())) {
            throw missing(at + ".tool_call_id");
        }
    }
}
