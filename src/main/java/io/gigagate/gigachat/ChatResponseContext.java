package io.gigagate.gigachat;

import io.gigagate.openai.ChatCompletionRequest;

import java.util.List;
import java.util.UUID;

/**
 * What {@link ChatResponseMapper} needs besides GigaChat's body: the completion id (already
 * formatted, see {@link #completionId(String)}), the model the client asked for (echoed),
 * its stop sequences, whether it used legacy {@code functions}, "now" for when GigaChat
 * gives no {@code created}, how its functions were sent ({@link FunctionsContext}), and the question it
 * asked (the last user message's text: what a web search call says it searched for). Values that vary per call (ids, time) are decided by the caller so the
 * mapper stays pure.
 */
public record ChatResponseContext(
        String completionId,
        String requestedModel,
        List<String> stop,
        boolean legacyFunctions,
        long nowEpochSeconds,
        FunctionsContext functions,
        String question) {

    public ChatResponseContext {
        functions = functions == null ? FunctionsContext.NONE : functions;
    }

    public ChatResponseContext(String completionId, String requestedModel, List<String> stop, boolean legacyFunctions,
                               long nowEpochSeconds, FunctionsContext functions) {
        this(completionId, requestedModel, stop, legacyFunctions, nowEpochSeconds, functions, null);
    }

    public ChatResponseContext(String completionId, String requestedModel, List<String> stop, boolean legacyFunctions,
                               long nowEpochSeconds) {
        this(completionId, requestedModel, stop, legacyFunctions, nowEpochSeconds, FunctionsContext.NONE);
    }

    /** {@code chatcmpl-<X-Request-Id>}, or {@code chatcmpl-<random uuid>} when GigaChat sent none. */
    public static String completionId(String upstreamRequestId) {
        String id = upstreamRequestId == null || upstreamRequestId.isBlank()
                ? UUID.randomUUID().toString() : upstreamRequestId.trim();
        return "chatcmpl-" + id;
    }

    /** The context for a parsed request: legacy mode means {@code functions} without {@code tools}. */
    public static ChatResponseContext forRequest(ChatCompletionRequest request, String upstreamRequestId,
                                                 long nowEpochSeconds) {
        return forRequest(request, FunctionsContext.NONE, upstreamRequestId, nowEpochSeconds);
    }

    /** As above, with the request's {@link FunctionsContext} (from {@link ChatRequestMapper#functionsContext}). */
    public static ChatResponseContext forRequest(ChatCompletionRequest request, FunctionsContext functions,
                                                 String upstreamRequestId, long nowEpochSeconds) {
        boolean legacy = request.functions() != null && !request.functions().isEmpty()
                && (request.tools() == null || request.tools().isEmpty());
        return new ChatResponseContext(completionId(upstreamRequestId), request.model(), request.stop(), legacy,
                nowEpochSeconds, functions, request.lastUserText());
    }
}
