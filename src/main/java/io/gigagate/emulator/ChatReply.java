package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted chat completion reply: either text, or a function call (name + object arguments).
 *
 * @param content          the assistant text ("" for a function call)
 * @param functionName     the called function, or null for a text reply
 * @param functionArguments the call's arguments (a JSON object), or null for a text reply
 * @param finishReason     "stop", "length", "function_call", "blacklist", "error", ...
 * @param streamPieces     explicit content pieces for a streamed reply, or null to split automatically
 * @param functionsStateId the {@code functions_state_id} to put on the message, or null (a fresh uuid is
 *                         generated for function calls)
 */
public record ChatReply(String content, String functionName, ObjectNode functionArguments, String finishReason,
                        List<String> streamPieces, String functionsStateId) {

    public ChatReply {
        if (functionName != null && functionArguments == null) {
            functionArguments = EmulatorContext.JSON.createObjectNode();
        }
        if (content == null) {
            content = streamPieces != null ? String.join("", streamPieces) : "";
        }
        if (finishReason == null) {
            finishReason = functionName != null ? "function_call" : "stop";
        }
        streamPieces = streamPieces == null ? null : List.copyOf(streamPieces);
    }

    /** A plain text reply with finish_reason "stop". */
    public static ChatReply text(String content) {
        return new ChatReply(content, null, null, "stop", null, null);
    }

    /** A function call with the given arguments (a Map, a POJO, or a JsonNode object). */
    public static ChatReply functionCall(String name, Object arguments) {
        return builder().functionCall(name, arguments).build();
    }

    /** A text reply streamed as exactly these pieces. */
    public static ChatReply streamed(String... pieces) {
        return builder().streamPieces(List.of(pieces)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isFunctionCall() {
        return functionName != null;
    }

    public static final class Builder {
        private String content;
        private String functionName;
        private ObjectNode functionArguments;
        private String finishReason;
        private List<String> streamPieces;
        private String functionsStateId;

        private Builder() {
        }

        public Builder content(String content) {
            this.content = content;
            return this;
        }

        /** arguments: a Map, POJO or JsonNode that serialises to a JSON object; null means {}. */
        public Builder functionCall(String name, Object arguments) {
            this.functionName = Objects.requireNonNull(name, "name");
            if (arguments == null) {
                this.functionArguments = EmulatorContext.JSON.createObjectNode();
            } else {
                JsonNode n = arguments instanceof JsonNode j ? j : EmulatorContext.JSON.valueToTree(arguments);
                if (!(n instanceof ObjectNode o)) {
                    throw new IllegalArgumentException("function arguments must be a JSON object: " + n);
                }
                this.functionArguments = o.deepCopy();
            }
            return this;
        }

        public Builder functionCall(String name, Map<String, ?> arguments) {
            return functionCall(name, (Object) arguments);
        }

        public Builder finishReason(String finishReason) {
            this.finishReason = finishReason;
            return this;
        }

        public Builder streamPieces(List<String> pieces) {
            this.streamPieces = pieces;
            return this;
        }

        public Builder functionsStateId(String id) {
            this.functionsStateId = id;
            return this;
        }

        public ChatReply build() {
            return new ChatReply(content, functionName, functionArguments, finishReason, streamPieces,
                    functionsStateId);
        }
    }
}
