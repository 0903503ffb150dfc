package io.gigagate.stream;

import io.gigagate.gigachat.FunctionsContext;
import io.gigagate.gigachat.GeneratedImages;
import io.gigagate.openai.ChatCompletionRequest;

import java.util.List;

/**
 * What a stream needs besides GigaChat's chunks, decided once per stream by the caller so decoding and
 * encoding stay pure: the {@link GigaChatStreamDecoder} uses the completion id (for tool call ids), the
 * stop sequences and the functions; a front's {@link StreamEncoder} the rest (ids, model, options).
 *
 * @param completionId    {@code chatcmpl-...}, the same in every chunk
 * @param requestedModel  the model the client asked for (echoed); null falls back to GigaChat's
 *                        model without its {@code :version} suffix
 * @param created         epoch seconds, the same in every chunk
 * @param stop            the client's stop sequences (null or empty for none)
 * @param includeUsage    {@code stream_options.include_usage}: one extra usage-only chunk at the end (the
 *                        OpenAI encoders' {@link StreamEncoder#wantsUsage()})
 * @param legacyFunctions the client sent {@code functions} without {@code tools}: answer with
 *                        {@code delta.function_call} and finish_reason {@code function_call} (a decision
 *                        of {@link ChatChunkEncoder}, not of the decoder)
 * @param functions       how the request's functions were sent (renamed names, structured output)
 * @param question        the last user message's text (what a web search call says it searched for), or null
 * @param images          where the images GigaChat draws are fetched from (the one thing here that calls out:
 *                        the gateway's routes give it; {@link GeneratedImages#NONE} by default)
 */
public record StreamContext(
        String completionId,
        String requestedModel,
        long created,
        List<String> stop,
        boolean includeUsage,
        boolean legacyFunctions,
        FunctionsContext functions,
        String question,
        GeneratedImages images) {

    public StreamContext(String completionId, String requestedModel, long created, List<String> stop,
                         boolean includeUsage, boolean legacyFunctions, FunctionsContext functions) {
        this(completionId, requestedModel, created, stop, includeUsage, legacyFunctions, functions, null);
    }

    public StreamContext(String completionId, String requestedModel, long created, List<String> stop,
                         boolean includeUsage, boolean legacyFunctions, FunctionsContext functions, String question) {
        this(completionId, requestedModel, created, stop, includeUsage, legacyFunctions, functions, question,
                GeneratedImages.NONE);
    }

    /** The same stream, its drawn images fetched from {@code images}. */
    public StreamContext withImages(GeneratedImages images) {
        return new StreamContext(completionId, requestedModel, created, stop, includeUsage, legacyFunctions, functions,
                question, images);
    }

    public StreamContext {
        images = images == null ? GeneratedImages.NONE : images;
        stop = stop == null ? List.of() : List.copyOf(stop.stream().filter(s -> s != null).toList());
        functions = functions == null ? FunctionsContext.NONE : functions;
    }

    public StreamContext(String completionId, String requestedModel, long created, List<String> stop,
                         boolean includeUsage, boolean legacyFunctions) {
        this(completionId, requestedModel, created, stop, includeUsage, legacyFunctions, FunctionsContext.NONE);
    }

    /** The context for a parsed streaming request (legacy mode: {@code functions} without {@code tools}). */
    public static StreamContext forRequest(ChatCompletionRequest request, String completionId, long created) {
        return forRequest(request, FunctionsContext.NONE, completionId, created);
    }

    /** As above, with the request's {@link FunctionsContext}. */
    public static StreamContext forRequest(ChatCompletionRequest request, FunctionsContext functions,
                                           String completionId, long created) {
        boolean legacy = request.functions() != null && !request.functions().isEmpty()
                && (request.tools() == null || request.tools().isEmpty());
        boolean includeUsage = request.streamOptions() != null
                && Boolean.TRUE.equals(request.streamOptions().includeUsage());
        return new StreamContext(completionId, request.model(), created, request.stop(), includeUsage, legacy,
                functions, request.lastUserText());
    }
}
