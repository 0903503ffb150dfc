package io.gigagate.stream;

import io.gigagate.gigachat.FunctionReplyMapper;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.GigaChatChatChunk;
import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.gigachat.GigaChatMessage;
import io.gigagate.gigachat.StopSequences;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionChunk;

import java.util.ArrayList;
import java.util.List;

/**
 * GigaChat stream chunks to OpenAI {@code chat.completion.chunk}s: a per-chunk function plus the
 * little state a stream needs (role sent, stop-sequence hold-back, finished, last usage).
 *
 * <ul>
 *   <li>Every chunk has the context's id and {@code created}, object {@code chat.completion.chunk}
 *       and the requested model (else GigaChat's without {@code :version}).</li>
 *   <li>{@code role: "assistant"} is on the first emitted delta only.</li>
 *   <li>Content passes through as it arrives; with stop sequences the {@link StopSequences.Cutter}
 *       holds back only what could start one, and a hit ends the choice with {@code stop}.</li>
 *   <li>Empty deltas produce nothing; {@code function_in_progress} deltas (built-in function
 *       progress text) are not part of the answer and are dropped.</li>
 *   <li>GigaChat's whole {@code function_call} becomes one {@code tool_calls} delta
 *       (id {@code call_<functions_state_id>}, the client's function name) or, for legacy clients,
 *       one {@code function_call} delta. A call of the function emulating json_schema becomes one
 *       content delta (its arguments) and finish_reason {@code stop}.</li>
 *   <li>When the client asked for JSON content (json_object, native json_schema) the text is held
 *       until the finish and sent as one delta holding only the JSON (see
 *       {@link FunctionReplyMapper#jsonContentIsExtracted}).</li>
 *   <li>The finish reason always comes in its own last choice chunk with an empty delta
 *       ({@code "delta":{}}), after any content or call, as OpenAI sends it; exactly once.</li>
 *   <li>Usage never rides on a choice chunk: with {@code include_usage}, {@link #onEnd()} adds one
 *       chunk with {@code choices: []} and the usage (zeros when GigaChat sent none).</li>
 * </ul>
 *
 * <p>One instance per stream; not thread-safe.
 */
public final class ChatStreamTranslator {

    private final StreamContext ctx;
    private final StopSequences.Cutter cutter;
    private String model;
    private boolean roleSent;
    private boolean finished;
    private boolean ended;
    private String functionsStateId;
    private final StringBuilder heldJson = new StringBuilder();
    private GigaChatChatResponse.Usage usage;

    public ChatStreamTranslator(StreamContext ctx) {
        this.ctx = ctx;
        this.cutter = new StopSequences.Cutter(ctx.stop());
        this.model = ctx.requestedModel() == null || ctx.requestedModel().isBlank() ? null : ctx.requestedModel();
    }

    /** GigaChat's usage from the stream so far (it rides on the last chunk), or null if none came. */
    public GigaChatChatResponse.Usage lastUsage() {
        return usage;
    }

    /** The OpenAI chunks for one GigaChat chunk (often one, sometimes none or two). */
    public List<TranslatedChunk> onChunk(GigaChatChatChunk chunk) {
        if (chunk == null || ended) {
            return List.of();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (model == null && chunk.model() != null) {
            model = ChatResponseMapper.withoutVersion(chunk.model());
        }
        if (finished || chunk.choices() == null || chunk.choices().isEmpty() || chunk.choices().get(0) == null) {
            return List.of();
        }
        GigaChatChatChunk.Choice choice = chunk.choices().get(0);
        GigaChatChatResponse.Message delta = choice.delta();
        List<TranslatedChunk> out = new ArrayList<>();
        GigaChatMessage.FunctionCall call = null;
        if (delta != null && !"function_in_progress".equals(delta.role())) {
            if (delta.functionsStateId() != null && !delta.functionsStateId().isBlank()) {
                functionsStateId = delta.functionsStateId();
            }
            if (delta.reasoningContent() != null && !delta.reasoningContent().isEmpty()) {
                out.add(choiceChunk(new ChatCompletionChunk.Delta(role(), null, null, null, delta.reasoningContent()),
                        null, null));
            }
            String text = cutter.accept(delta.content());
            if (!text.isEmpty()) {
                text(out, text);
            }
            if (cutter.stopped()) {
                releaseJson(out);
                out.add(finish("stop"));
                return out;
            }
            call = delta.functionCall();
        }
        if (call == null && choice.finishReason() == null) {
            return out;
        }
        String rest = cutter.finish();
        if (!rest.isEmpty()) {
            text(out, rest);
        }
        releaseJson(out);
        if (FunctionReplyMapper.isStructuredOutput(call, ctx.functions())) {
            out.add(content(FunctionReplyMapper.structuredOutputContent(call, ctx.functions())));
            out.add(finish("stop"));
            return out;
        }
        if (call != null) {
            out.add(functionCall(call));
        }
        out.add(finish(ChatResponseMapper.finishReason(choice.finishReason(), call != null, ctx.legacyFunctions())));
        return out;
    }

    /**
     * The chunks that close the stream, at upstream {@code [DONE]} or end: the held-back text and a
     * {@code stop} finish if GigaChat never sent a finish reason, then the usage chunk when asked
     * for. Later calls return nothing.
     */
    public List<TranslatedChunk> onEnd() {
        if (ended) {
            return List.of();
        }
        List<TranslatedChunk> out = new ArrayList<>();
        if (!finished) {
            String rest = cutter.finish();
            if (!rest.isEmpty()) {
                text(out, rest);
            }
            releaseJson(out);
            out.add(finish("stop"));
        }
        if (ctx.includeUsage()) {
            out.add(TranslatedChunk.of(new ChatCompletionChunk(ctx.completionId(), ChatCompletionChunk.OBJECT,
                    ctx.created(), model(), List.of(), ChatResponseMapper.usage(usage), null)));
        }
        ended = true;
        return out;
    }

    /** The choice has finished (a finish reason or a stop sequence); only usage may still matter. */
    public boolean finished() {
        return finished;
    }

    /**
     * Whether GigaChat ended the choice itself (its finish reason), rather than a stop sequence cutting
     * it short: then nothing but the end of its answer is left upstream.
     */
    public boolean finishedByUpstream() {
        return finished && !cutter.stopped();
    }

    /**
     * Whether reading more upstream events can still change the output: false once the choice has
     * finished and usage is either not wanted or already known.
     */
    public boolean needsMoreUpstream() {
        return !ended && (!finished || ctx.includeUsage() && usage == null);
    }

    /** Text goes out as it comes, unless JSON content was asked for: then it is held for {@link #releaseJson}. */
    private void text(List<TranslatedChunk> out, String text) {
        if (ctx.functions().jsonContent()) {
            heldJson.append(text);
        } else {
            out.add(content(text));
        }
    }

    private void releaseJson(List<TranslatedChunk> out) {
        if (heldJson.length() > 0) {
            out.add(content(FunctionReplyMapper.jsonContentIsExtracted(heldJson.toString())));
            heldJson.setLength(0);
        }
    }

    private TranslatedChunk content(String text) {
        return choiceChunk(new ChatCompletionChunk.Delta(role(), text, null, null, null), null, null);
    }

    private TranslatedChunk functionCall(GigaChatMessage.FunctionCall call) {
        ChatCompletion.FunctionCall openAi = FunctionReplyMapper.toOpenAi(call, ctx.functions());
        if (ctx.legacyFunctions()) {
            return choiceChunk(new ChatCompletionChunk.Delta(role(), null, null, null, null), null, openAi);
        }
        ChatCompletionChunk.ToolCallDelta toolCall = new ChatCompletionChunk.ToolCallDelta(0,
                ChatResponseMapper.toolCallId(functionsStateId, ctx.completionId()), "function", openAi);
        return choiceChunk(new ChatCompletionChunk.Delta(role(), null, List.of(toolCall), null, null), null, null);
    }

    private TranslatedChunk finish(String reason) {
        finished = true;
        return choiceChunk(new ChatCompletionChunk.Delta(role(), null, null, null, null), reason, null);
    }

    private TranslatedChunk choiceChunk(ChatCompletionChunk.Delta delta, String finishReason,
                                        ChatCompletion.FunctionCall legacyCall) {
        ChatCompletionChunk.Choice choice = new ChatCompletionChunk.Choice(0, delta, null, finishReason);
        return new TranslatedChunk(new ChatCompletionChunk(ctx.completionId(), ChatCompletionChunk.OBJECT,
                ctx.created(), model(), List.of(choice), null, null), legacyCall);
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
