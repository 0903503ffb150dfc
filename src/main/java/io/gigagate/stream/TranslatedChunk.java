package io.gigagate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionChunk;
import io.gigagate.wire.WireJson;

/**
 * One outbound {@code chat.completion.chunk}, plus the legacy {@code delta.function_call} that
 * {@link ChatCompletionChunk.Delta} has no field for (it is written into the first choice's delta).
 * {@link ChatChunkEncoder} uses it for legacy clients' function calls only. Once {@code Delta} gains a
 * {@code function_call} field this wrapper can go.
 *
 * @param chunk        the chunk
 * @param functionCall legacy {@code delta.function_call}, or null
 */
public record TranslatedChunk(ChatCompletionChunk chunk, ChatCompletion.FunctionCall functionCall) {

    public static TranslatedChunk of(ChatCompletionChunk chunk) {
        return new TranslatedChunk(chunk, null);
    }

    /** Compact UTF-8 JSON, as written after {@code data: } (bytes straight from Jackson: no String between). */
    public byte[] jsonBytes() {
        try {
            if (functionCall == null) {
                return WireJson.mapper().writeValueAsBytes(chunk);
            }
            ObjectNode tree = WireJson.mapper().valueToTree(chunk);
            ObjectNode delta = (ObjectNode) tree.path("choices").path(0).path("delta");
            delta.set("function_call", WireJson.mapper().valueToTree(functionCall));
            return WireJson.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chunk", e);
        }
    }
}
