package io.gigagate.stream;

import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.FunctionReplyMapper;
import io.gigagate.gigachat.FunctionsContext;
import io.gigagate.gigachat.GeneratedImages;
import io.gigagate.gigachat.GigaChatChatChunk;
import io.gigagate.gigachat.GigaChatFileIds;
import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.gigachat.GigaChatMessage;
import io.gigagate.gigachat.SourceMarkers;
import io.gigagate.gigachat.StopSequences;
import io.gigagate.gigachat.ThinkTags;
import io.gigagate.gigachat.WebSource;
import io.gigagate.openai.ChatCompletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GigaChat stream chunks to neutral {@link StreamEvent}s: every GigaChat decision a stream makes, for any
 * front, as a per-chunk function plus the little state a stream needs (stop-sequence hold-back, JSON
 * hold-back, finished, last usage). Nothing here knows a front's wire format.
 *
 * <ul>
 *   <li>{@link StreamEvent.Model}: GigaChat's model without {@code :version}, once, from the first chunk
 *       that names it.</li>
 *   <li>Content passes through as it arrives; with stop sequences the {@link StopSequences.Cutter} holds
 *       back only what could start one, and a hit ends the choice with {@code STOP} (GigaChat may still be
 *       generating: {@link #finishedByUpstream()} is false).</li>
 *   <li>Web search: when GigaChat's sources first come, one {@link StreamEvent.BuiltIn} with the pages (before
 *       the text of that chunk); its {@code [sources=[n]]} markers become links, each then a
 *       {@link StreamEvent.Citation} after the text that holds it (none for text cut by a stop sequence).</li>
 *   <li>An image GigaChat drew ({@code <img src="id" fuse="true"/>}, v2's {@code files} part): fetched through
 *       the context's {@link GeneratedImages} and sent as one {@link StreamEvent.BuiltIn}; its tag leaves the
 *       text.</li>
 *   <li>Empty deltas produce nothing; {@code function_in_progress} deltas (built-in function progress
 *       text) are not part of the answer and are dropped.</li>
 *   <li>GigaChat's whole {@code function_call} becomes one {@link StreamEvent.ToolCall} (id
 *       {@code call_<functions_state_id>}, else derived from the completion id; the client's function
 *       name; arguments as JSON text). A call of the function emulating json_schema becomes one
 *       {@link StreamEvent.Text} (its arguments) and finish {@code STOP}.</li>
 *   <li>When the client asked for JSON content (json_object, native json_schema) the text is held until
 *       the finish and sent as one {@link StreamEvent.Text} holding only the JSON (see
 *       {@link FunctionReplyMapper#jsonContentIsExtracted}).</li>
 *   <li>The {@link StreamEvent.Finish} comes exactly once, after any text or call: GigaChat's finish
 *       reason ({@code blacklist} is {@code CONTENT_FILTER}, a call or {@code function_call} is
 *       {@code TOOL_CALLS}), {@code STOP} for a stop sequence, or {@code STOP} at the end of a stream that
 *       never said.</li>
 *   <li>When usage is wanted, {@link #onEnd()} adds one {@link StreamEvent.Usage} after the finish (zeros
 *       when GigaChat sent none), and a choice cut short by a stop sequence goes on reading until
 *       GigaChat's usage arrives ({@link #needsMoreUpstream()}).</li>
 * </ul>
 *
 * <p>One instance per stream; not thread-safe.
 */
public final class GigaChatStreamDecoder {

    private final String completionId;
    private final FunctionsContext functions;
    private final boolean wantUsage;
    private final StopSequences.Cutter cutter;
    private final ThinkTags.Splitter think = new ThinkTags.Splitter();
    private final SourceMarkers.Renderer citations = new SourceMarkers.Renderer();
    private final Map<String, WebSource> sources = new LinkedHashMap<>();
    private final List<SourceMarkers.Citation> cited = new ArrayList<>();
    private final String question;
    private final GeneratedImages images;
    private boolean searchAnnounced;
    private boolean afterImage;
    private int textSent;
    private boolean modelKnown;
    private boolean finished;
    private boolean ended;
    private String functionsStateId;
    private final StringBuilder heldJson = new StringBuilder();
    private GigaChatChatResponse.Usage usage;

    /**
     * @param ctx       the stream's context; the decoder uses its completion id (for tool call ids), stop
     *                  sequences and functions, the rest is the encoder's
     * @param wantUsage whether the front writes usage ({@link StreamEncoder#wantsUsage()})
     */
    public GigaChatStreamDecoder(StreamContext ctx, boolean wantUsage) {
        this.completionId = ctx.completionId();
        this.functions = ctx.functions();
        this.wantUsage = wantUsage;
        this.cutter = new StopSequences.Cutter(ctx.stop());
        this.question = ctx.question();
        this.images = ctx.images();
    }

    /** GigaChat's usage from the stream so far (it rides on the last chunk), or null if none came. */
    public GigaChatChatResponse.Usage lastUsage() {
        return usage;
    }

    /** The events one GigaChat chunk amounts to (often one, sometimes none or several). */
    public List<StreamEvent> onChunk(GigaChatChatChunk chunk) {
        if (chunk == null || ended) {
            return List.of();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        StreamEvent.Model model = null;
        if (!modelKnown && chunk.model() != null) {
            modelKnown = true;
            model = new StreamEvent.Model(ChatResponseMapper.withoutVersion(chunk.model()));
        }
        if (finished || chunk.choices() == null || chunk.choices().isEmpty() || chunk.choices().get(0) == null) {
            return model == null ? List.of() : List.of(model);
        }
        GigaChatChatChunk.Choice choice = chunk.choices().get(0);
        GigaChatChatResponse.Message delta = choice.delta();
        List<StreamEvent> out = new ArrayList<>();
        if (model != null) {
            out.add(model);
        }
        GigaChatMessage.FunctionCall call = null;
        if (delta != null && !"function_in_progress".equals(delta.role())) {
            if (delta.functionsStateId() != null && !delta.functionsStateId().isBlank()) {
                functionsStateId = delta.functionsStateId();
            }
            if (delta.reasoningContent() != null && !delta.reasoningContent().isEmpty()) {
                out.add(new StreamEvent.Reasoning(delta.reasoningContent()));
            }
            if (delta.sources() != null) {
                delta.sources().forEach(source -> sources.put(source.id(), source));
            }
            if (!searchAnnounced && !sources.isEmpty()) {
                searchAnnounced = true;
                out.add(new StreamEvent.BuiltIn(ChatResponseMapper.webSearch(question, sources.values())));
            }
            ChatResponseMapper.toolRuns(delta).forEach(run -> out.add(new StreamEvent.BuiltIn(run)));
            ThinkTags.Split split = think.accept(delta.content());
            if (!split.reasoning().isEmpty()) {
                out.add(new StreamEvent.Reasoning(split.reasoning()));
            }
            String text = cutter.accept(citations.accept(drawn(split.text(), out), sources, cited));
            if (!text.isEmpty()) {
                text(out, text);
            }
            if (cutter.stopped()) {
                releaseJson(out);
                out.add(finish(StreamEvent.FinishReason.STOP));
                return out;
            }
            call = delta.functionCall();
        }
        if (call == null && choice.finishReason() == null) {
            return out;
        }
        flushThink(out);
        String rest = cutter.finish();
        if (!rest.isEmpty()) {
            text(out, rest);
        }
        releaseJson(out);
        if (FunctionReplyMapper.isStructuredOutput(call, functions)) {
            out.add(new StreamEvent.Text(FunctionReplyMapper.structuredOutputContent(call, functions)));
            out.add(finish(StreamEvent.FinishReason.STOP));
            return out;
        }
        if (call != null) {
            ChatCompletion.FunctionCall named = FunctionReplyMapper.toOpenAi(call, functions);
            out.add(new StreamEvent.ToolCall(ChatResponseMapper.toolCallId(functionsStateId, completionId),
                    named.name(), named.arguments()));
        }
        out.add(finish(finishReason(choice.finishReason(), call != null)));
        return out;
    }

    /**
     * The events that close the stream, at upstream {@code [DONE]} or end: the held-back text and a
     * {@code STOP} finish if GigaChat never sent a finish reason, then the usage when wanted. Later calls
     * return nothing.
     */
    public List<StreamEvent> onEnd() {
        if (ended) {
            return List.of();
        }
        List<StreamEvent> out = new ArrayList<>();
        if (!finished) {
            flushThink(out);
            String rest = cutter.finish();
            if (!rest.isEmpty()) {
                text(out, rest);
            }
            releaseJson(out);
            out.add(finish(StreamEvent.FinishReason.STOP));
        }
        if (wantUsage) {
            out.add(usage(usage));
        }
        ended = true;
        return out;
    }

    /** What the think-block splitter still holds: an unclosed block's reasoning, or text that only looked like a tag. */
    private void flushThink(List<StreamEvent> out) {
        ThinkTags.Split rest = think.finish();
        if (!rest.reasoning().isEmpty()) {
            out.add(new StreamEvent.Reasoning(rest.reasoning()));
        }
        String text = cutter.accept(citations.accept(rest.text(), sources, cited) + citations.finish());
        if (!text.isEmpty()) {
            text(out, text);
        }
    }

    /**
     * The text without the {@code <img>} tags of the images GigaChat drew, each fetched ({@link GeneratedImages})
     * and sent as a {@link StreamEvent.BuiltIn} first. GigaChat sends a tag whole (v2: one {@code files} part).
     */
    private String drawn(String text, List<StreamEvent> out) {
        List<String> ids = images == GeneratedImages.NONE ? List.of() : GigaChatFileIds.fromImageTags(text);
        if (ids.isEmpty()) {
            return afterImage(text);
        }
        for (String id : ids) {
            GeneratedImages.Fetched image = images.fetch(id);
            out.add(new StreamEvent.BuiltIn(new ChatCompletion.ImageCall(id, question, image.image(), image.url())));
        }
        String rest = GigaChatFileIds.withoutImageTags(text);
        afterImage = textSent == 0 && rest.isBlank(); // the text that follows a leading image starts with no blank
        return rest;
    }

    /** Text after an image that began the answer, without the blanks that separated it from the tag. */
    private String afterImage(String text) {
        if (!afterImage || text.isEmpty()) {
            return text;
        }
        String rest = text.stripLeading();
        afterImage = rest.isEmpty();
        return rest;
    }

    /** The choice has finished (a finish reason or a stop sequence); only usage may still matter. */
    public boolean finished() {
        return finished;
    }

    /**
     * Whether GigaChat ended the choice itself (its finish reason), rather than a stop sequence cutting it
     * short: then nothing but the end of its answer is left upstream.
     */
    public boolean finishedByUpstream() {
        return finished && !cutter.stopped();
    }

    /**
     * Whether reading more upstream events can still change the output: false once the choice has
     * finished and usage is either not wanted or already known.
     */
    public boolean needsMoreUpstream() {
        return !ended && (!finished || wantUsage && usage == null);
    }

    /** GigaChat's finish reason in neutral words (the rules of {@link ChatResponseMapper#finishReason}). */
    static StreamEvent.FinishReason finishReason(String gigaChat, boolean functionCalled) {
        return switch (ChatResponseMapper.finishReason(gigaChat, functionCalled, false)) {
            case "tool_calls" -> StreamEvent.FinishReason.TOOL_CALLS;
            case "length" -> StreamEvent.FinishReason.LENGTH;
            case "content_filter" -> StreamEvent.FinishReason.CONTENT_FILTER;
            default -> StreamEvent.FinishReason.STOP;
        };
    }

    /**
     * GigaChat's usage in neutral counts, zeros for what it left out; the total is the sum when it gave
     * none; cached tokens are its precached ones (the rules of {@link ChatResponseMapper#usage}).
     */
    static StreamEvent.Usage usage(GigaChatChatResponse.Usage u) {
        if (u == null) {
            return new StreamEvent.Usage(0, 0, 0, 0, 0);
        }
        int prompt = orZero(u.promptTokens());
        int completion = orZero(u.completionTokens());
        int total = u.totalTokens() != null ? u.totalTokens() : prompt + completion;
        return new StreamEvent.Usage(prompt, completion, total, orZero(u.precachedPromptTokens()), 0);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Text goes out as it comes, unless JSON content was asked for: then it is held for {@link #releaseJson}. */
    private void text(List<StreamEvent> out, String text) {
        if (functions.jsonContent()) {
            heldJson.append(text);
            cited.clear(); // the JSON is extracted from the text: its links are not where they were
        } else {
            out.add(new StreamEvent.Text(text));
            textSent += text.length();
            while (!cited.isEmpty() && cited.get(0).end() <= textSent) {
                SourceMarkers.Citation c = cited.remove(0);
                out.add(new StreamEvent.Citation(c.start(), c.end(), c.url(), c.title()));
            }
        }
    }

    private void releaseJson(List<StreamEvent> out) {
        if (heldJson.length() > 0) {
            out.add(new StreamEvent.Text(FunctionReplyMapper.jsonContentIsExtracted(heldJson.toString())));
            heldJson.setLength(0);
        }
    }

    private StreamEvent finish(StreamEvent.FinishReason reason) {
        finished = true;
        return StreamEvent.Finish.of(reason);
    }
}
