package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.openai.ChatCompletionRequest;
import java.util.List;

import java.util.function.Function;

/**
 * OpenAI Chat Completions request to GigaChat's v1 chat request. Pure: no I/O, the same input
 * always gives the same output. Failures are 400 {@link io.gigagate.error.GatewayException}s
 * naming the field.
 *
 * <p>Fields decided here:
 * <ul>
 *   <li>mapped: messages, model (resolved by the caller), stream, temperature/top_p,
 *       max_tokens/max_completion_tokens (else the configured default max_tokens, if any),
 *       tools/functions, tool_choice/function_call,
 *       response_format (json_schema natively or as a forced function, json_object as an
 *       instruction; see {@link ChatFunctionsMapper}), reasoning/reasoning_effort, and GigaChat's own fields
 *       (top level or {@code extra_body});</li>
 *   <li>not sent, handled by the gateway: stop (the response is cut by {@link StopSequences}),
 *       stream_options (the stream encoder reads it);</li>
 *   <li>not sent, handled by the gateway: n (GigaChat answers one choice; the route makes n calls);</li>
 *   <li>accepted and dropped: user, seed, frequency_penalty,
 *       presence_penalty, logit_bias, logprobs, top_logprobs, metadata, store, service_tier,
 *       parallel_tool_calls, modalities, audio, prediction, web_search_options.</li>
 * </ul>
 */
public final class ChatRequestMapper {

    /** Temperatures up to this are GigaChat's greedy mode anyway (its docs: (0, 0.001] is deterministic). */
    static final double GREEDY_TEMPERATURE = 0.001;

    /** The structured-output mode when none is configured: a forced function works on every GigaChat model. */
    public static final StructuredOutputMode DEFAULT_STRUCTURED_OUTPUT_MODE = StructuredOutputMode.FUNCTION;

    private final Boolean defaultProfanityCheck;
    private final StructuredOutputMode structuredOutputMode;
    private final Integer defaultMaxTokens;
    private final ReasoningPolicy reasoning;

    public ChatRequestMapper() {
        this(null, DEFAULT_STRUCTURED_OUTPUT_MODE);
    }

    /** @param defaultProfanityCheck GIGACHAT_PROFANITY_CHECK: sent when the client does not say; null sends nothing */
    public ChatRequestMapper(Boolean defaultProfanityCheck) {
        this(defaultProfanityCheck, DEFAULT_STRUCTURED_OUTPUT_MODE);
    }

    /** @param structuredOutputMode how {@code response_format: json_schema} is sent (see {@link StructuredOutputMode}) */
    public ChatRequestMapper(Boolean defaultProfanityCheck, StructuredOutputMode structuredOutputMode) {
        this(defaultProfanityCheck, structuredOutputMode, null);
    }

    /**
     * @param defaultMaxTokens max_tokens sent when the client gives neither max_tokens nor
     *     max_completion_tokens (gpt2giga's GPT2GIGA_DEFAULT_MAX_TOKENS); null or 0 sends none
     */
    public ChatRequestMapper(Boolean defaultProfanityCheck, StructuredOutputMode structuredOutputMode,
                             Integer defaultMaxTokens) {
        this(defaultProfanityCheck, structuredOutputMode, defaultMaxTokens, ReasoningPolicy.AS_ASKED);
    }

    /** @param reasoning the gateway's reasoning settings (a default effort, or none at all) */
    public ChatRequestMapper(Boolean defaultProfanityCheck, StructuredOutputMode structuredOutputMode,
                             Integer defaultMaxTokens, ReasoningPolicy reasoning) {
        this.defaultProfanityCheck = defaultProfanityCheck;
        this.structuredOutputMode = structuredOutputMode;
        this.defaultMaxTokens = defaultMaxTokens != null && defaultMaxTokens > 0 ? defaultMaxTokens : null;
        this.reasoning = reasoning == null ? ReasoningPolicy.AS_ASKED : reasoning;
    }

    /** What {@link ChatResponseMapper} and the stream decoder need to know about this request's functions. */
    public FunctionsContext functionsContext(ChatCompletionRequest request) {
        return ChatFunctionsMapper.plan(request, structuredOutputMode).replies();
    }

    public GigaChatChatRequest toGigaChat(ChatCompletionRequest request, String gigaChatModel) {
        return toGigaChat(request, gigaChatModel, ContentAttachments.none());
    }

    /** @param attachments file ids the gateway uploaded for the request's image, audio and file parts */
    public GigaChatChatRequest toGigaChat(ChatCompletionRequest request, String gigaChatModel,
                                          ContentAttachments attachments) {
        ChatFunctionsMapper.Plan functions = ChatFunctionsMapper.plan(request, structuredOutputMode);
        Sampling sampling = temperatureZeroBecomesTopPZero(request.temperature(), request.topP());
        ChatCompletionRequest.ExtraBody extra = request.extraBody();
        JsonNode storage = topLevelOrExtraBody(request.storage(), extra, ChatCompletionRequest.ExtraBody::storage);
        List<GigaChatMessage> messages = ChatMessagesMapper.toGigaChat(request.messages(), functions.names(),
                functions.systemInstruction(), attachments);
        if (storage != null && storage.path("thread_id").isTextual()) {
            messages = ChatMessagesMapper.continuingAThread(messages);
        }
        return new GigaChatChatRequest(
                gigaChatModel,
                messages,
                sampling.temperature(),
                sampling.topP(),
                request.stream(),
                maxTokensOrDefault(maxCompletionTokensBecomesMaxTokens(request)),
                topLevelOrExtraBody(request.repetitionPenalty(), extra, ChatCompletionRequest.ExtraBody::repetitionPenalty),
                topLevelOrExtraBody(request.updateInterval(), extra, ChatCompletionRequest.ExtraBody::updateInterval),
                profanityCheckOrDefault(topLevelOrExtraBody(request.profanityCheck(), extra,
                        ChatCompletionRequest.ExtraBody::profanityCheck)),
                functions.functionCall(),
                functions.functions(),
                topLevelOrExtraBody(request.flags(), extra, ChatCompletionRequest.ExtraBody::flags),
                reasoning.effort(reasoningBecomesReasoningEffort(request)),
                functions.responseFormat(),
                topLevelOrExtraBody(request.functionRanker(), extra, ChatCompletionRequest.ExtraBody::functionRanker),
                storage, null);
    }

    /** The client's profanity_check wins; otherwise the gateway's GIGACHAT_PROFANITY_CHECK, as gpt2giga applies it. */
    private Boolean profanityCheckOrDefault(Boolean requested) {
        return requested != null ? requested : defaultProfanityCheck;
    }

    record Sampling(Double temperature, Double topP) {
    }

    /**
     * GigaChat's schema requires temperature &gt; 0, so OpenAI's temperature 0 (greedy) is sent as
     * GigaChat's deterministic mode: top_p 0 and no temperature.
     */
    static Sampling temperatureZeroBecomesTopPZero(Double temperature, Double topP) {
        if (temperature != null && temperature <= GREEDY_TEMPERATURE) {
            return new Sampling(null, 0.0);
        }
        return new Sampling(temperature, topP);
    }

    /** The client's limit; without one, the gateway's default max_tokens (none unless configured). */
    private Integer maxTokensOrDefault(Integer requested) {
        return requested != null ? requested : defaultMaxTokens;
    }

    /** GigaChat only knows max_tokens; max_tokens wins when a client sends both. */
    static Integer maxCompletionTokensBecomesMaxTokens(ChatCompletionRequest r) {
        return r.maxTokens() != null ? r.maxTokens() : r.maxCompletionTokens();
    }

    /** GigaChat's reasoning_effort: the top-level field, else {@code reasoning.effort}, else extra_body. */
    static String reasoningBecomesReasoningEffort(ChatCompletionRequest r) {
        String effort = r.reasoningEffort() != null ? r.reasoningEffort()
                : r.reasoning() == null ? null : r.reasoning().effort();
        return topLevelOrExtraBody(effort, r.extraBody(), ChatCompletionRequest.ExtraBody::reasoningEffort);
    }

    /**
     * GigaChat's own fields may come top-level (openai SDKs merge extra_body) or inside a literal
     * {@code extra_body}; the top level wins.
     */
    static <T> T topLevelOrExtraBody(T topLevel, ChatCompletionRequest.ExtraBody extra,
                                     Function<ChatCompletionRequest.ExtraBody, T> field) {
        if (topLevel != null || extra == null) {
            return topLevel;
        }
        return field.apply(extra);
    }
}
