package io.gigagate.stream;

import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionChunk;
import io.gigagate.openai.OpenAiErrors;

import java.util.List;

/**
 * OpenAI's chat stream: neutral events as {@code chat.completion.chunk}s in {@code data:} events, ended by
 * {@code data: [DONE]}.
 *
 * <ul>
 *   <li>Every chunk has the context's id and {@code created}, object {@code chat.completion.chunk} and the
 *       requested model, else GigaChat's ({@link StreamEvent.Model}), else {@code GigaChat}; fixed at the
 *       first chunk.</li>
 *   <li>{@code role: "assistant"} is on the first chunk only.</li>
 *   <li>{@link StreamEvent.Text} is a {@code content} delta, {@link StreamEvent.Reasoning} a
 *       {@code reasoning_content} delta.</li>
 *   <li>{@link StreamEvent.Citation} (web search) is a delta with one {@code url_citation} in
 *       {@code annotations}, after the text it cites, as OpenAI's search models stream them.</li>
 *   <li>{@link StreamEvent.ToolCall} is one {@code tool_calls} delta or, for legacy clients
 *       ({@code functions} without {@code tools}), one {@code delta.function_call}.</li>
 *   <li>{@link StreamEvent.Finish} is its own chunk with an empty delta ({@code "delta":{}}), as OpenAI
 *       sends it: {@code stop}, {@code length}, {@code content_filter}, {@code tool_calls} (or
 *       {@code function_call} for legacy clients).</li>
 *   <li>{@link StreamEvent.Usage} (only with {@code include_usage}) is one chunk with {@code choices: []}.</li>
 *   <li>A failure is {@code data: {"error": {...}}} in OpenAI's error shape, with no {@code [DONE]}.</li>
 * </ul>
 *
 * <p>For {@code n > 1} the choice index is set per stream ({@link InterleavedSseBody}).
 */
public final class ChatChunkEncoder implements StreamEncoder {

    private final String id;
    private final long created;
    private final boolean includeUsage;
    private final boolean legacyFunctions;
    private final int choiceIndex;
    private String model;
    private boolean roleSent;

    /** The single choice's encoder for a stream with this context. */
    public ChatChunkEncoder(StreamContext ctx) {
        this(ctx, 0, ctx.includeUsage());
    }

    /**
     * @param choiceIndex  the index every choice chunk carries
     * @param includeUsage whether usage is wanted and written as its own chunk
     */
    ChatChunkEncoder(StreamContext ctx, int choiceIndex, boolean includeUsage) {
        this.id = ctx.completionId();
        this.created = ctx.created();
        this.includeUsage = includeUsage;
        this.legacyFunctions = ctx.legacyFunctions();
        this.choiceIndex = choiceIndex;
        this.model = ctx.requestedModel() == null || ctx.requestedModel().isBlank() ? null : ctx.requestedModel();
    }

    @Override
    public boolean wantsUsage() {
        return includeUsage;
    }

    @Override
    public void encode(StreamEvent event, EventStream.Writer out) {
        if (event instanceof StreamEvent.Text text) {
            out.data(EventStream.Writer.json(choiceChunk(new ChatCompletionChunk.Delta(role(), text.text(), null, null,
                    null), null)));
        } else if (event instanceof StreamEvent.Reasoning reasoning) {
            out.data(EventStream.Writer.json(choiceChunk(new ChatCompletionChunk.Delta(role(), null, null, null,
                    reasoning.text()), null)));
        } else if (event instanceof StreamEvent.Citation cited) {
            out.data(EventStream.Writer.json(choiceChunk(new ChatCompletionChunk.Delta(role(), null, null, null, null,
                    List.of(ChatCompletion.Annotation.urlCitation(cited.start(), cited.end(), cited.url(),
                            cited.title()))), null)));
        } else if (event instanceof StreamEvent.Finish finish) {
            out.data(EventStream.Writer.json(choiceChunk(new ChatCompletionChunk.Delta(role(), null, null, null, null),
                    finishReason(finish.reason()))));
        } else if (event instanceof StreamEvent.ToolCall call) {
            toolCall(call, out);
        } else if (event instanceof StreamEvent.Usage usage) {
            if (includeUsage) {
                out.data(EventStream.Writer.json(usageChunk(id, created, model(), usage)));
            }
        } else if (event instanceof StreamEvent.Model upstreamModel) {
            if (model == null) {
                model = upstreamModel.name();
            }
        }
    }

    @Override
    public void end(EventStream.Writer out) {
        out.done();
    }

    @Override
    public void error(GatewayException error, EventStream.Writer out) {
        out.data(OpenAiErrors.INSTANCE.body(error));
    }

    /** The chunk with usage and {@code choices: []} that ends a stream whose client asked for usage. */
    static ChatCompletionChunk usageChunk(String id, long created, String model, StreamEvent.Usage usage) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model, List.of(), openAiUsage(usage),
                null);
    }

    /** Neutral usage in OpenAI's shape (cached and reasoning tokens always written). */
    static ChatCompletion.Usage openAiUsage(StreamEvent.Usage u) {
        return new ChatCompletion.Usage(u.promptTokens(), u.completionTokens(), u.totalTokens(),
                new ChatCompletion.PromptTokensDetails(u.cachedTokens()),
                new ChatCompletion.CompletionTokensDetails(u.reasoningTokens()));
    }

    private void toolCall(StreamEvent.ToolCall call, EventStream.Writer out) {
        ChatCompletion.FunctionCall function = new ChatCompletion.FunctionCall(call.name(), call.arguments());
        if (legacyFunctions) {
            out.data(new TranslatedChunk(choiceChunk(new ChatCompletionChunk.Delta(role(), null, null, null, null),
                    null), function).jsonBytes());
            return;
        }
        ChatCompletionChunk.ToolCallDelta toolCall = new ChatCompletionChunk.ToolCallDelta(0, call.id(), "function",
                function);
        out.data(EventStream.Writer.json(choiceChunk(new ChatCompletionChunk.Delta(role(), null, List.of(toolCall),
                null, null), null)));
    }

    private String finishReason(StreamEvent.FinishReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            case TOOL_CALLS -> legacyFunctions ? "function_call" : "tool_calls";
        };
    }

    private ChatCompletionChunk choiceChunk(ChatCompletionChunk.Delta delta, String finishReason) {
        ChatCompletionChunk.Choice choice = new ChatCompletionChunk.Choice(choiceIndex, delta, null, finishReason);
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model(), List.of(choice), null, null);
    }

    /** "assistant" the first time it is asked for, then null. */
    private String role() {
        if (roleSent) {
            return null;
        }
        roleSent = true;
        return "assistant";
    }

    private String model() {
        if (model == null) {
            model = "GigaChat"; // neither the client nor GigaChat named one; fixed for the rest of the stream
        }
        return model;
    }
}
