package io.gigagate.stream;

import io.gigagate.error.GatewayException;
import io.gigagate.gemini.GeminiErrors;
import io.gigagate.gemini.GeminiResponseMapper;
import io.gigagate.gemini.GenerateContentRequest.Content;
import io.gigagate.gemini.GenerateContentRequest.Part;
import io.gigagate.gemini.GenerateContentResponse;
import io.gigagate.gemini.GenerateContentResponse.Candidate;
import java.util.List;

/**
 * Gemini's stream ({@code :streamGenerateContent?alt=sse}): each neutral event as one
 * {@code GenerateContentResponse} in a {@code data:} event, no ending line (Google sends none). Without
 * {@code alt=sse} the same objects are the elements of a streamed JSON array ({@link GeminiJsonArrayStream}).
 *
 * <ul>
 *   <li>{@link StreamEvent.Text}: a candidate with one text part; {@link StreamEvent.Reasoning}: one
 *       {@code thought: true} part, only when the request asked for thoughts; {@link StreamEvent.ToolCall}:
 *       one {@code functionCall} part ({@code id}, {@code name}, {@code args} object).</li>
 *   <li>{@link StreamEvent.Finish} and the {@link StreamEvent.Usage} after it: one last chunk with the
 *       candidate's {@code finishReason} and {@code usageMetadata}, as Google ends a stream (GigaChat sends
 *       both on its last chunk, so nothing waits); without usage the finish goes out at the end.</li>
 *   <li>GigaChat's web search ({@link StreamEvent.BuiltIn}, {@link StreamEvent.Citation}): the last chunk's
 *       {@code groundingMetadata}, its supports' offsets in the whole answer's text; the pages URL content
 *       extraction read, its {@code urlContextMetadata}; code the interpreter ran, an {@code executableCode} and a
 *       {@code codeExecutionResult} chunk as it comes.</li>
 *   <li>Every chunk carries {@code modelVersion} (the requested model) and {@code responseId}.</li>
 *   <li>A failure after the first event: {@code data: {"error": {"code", "message", "status"}}}.</li>
 * </ul>
 */
public final class GeminiStreamEncoder implements StreamEncoder {

    private final String responseId;
    private final boolean includeThoughts;
    private String model;
    private StreamEvent.FinishReason finish;
    /** The answer's text so far, GigaChat's web searches and the citations: the last chunk's grounding. */
    private final StringBuilder text = new StringBuilder();
    private final List<io.gigagate.openai.ChatCompletion.WebSearchCall> searches = new java.util.ArrayList<>();
    private final List<GeminiResponseMapper.Cite> cites = new java.util.ArrayList<>();
    private final List<io.gigagate.openai.ChatCompletion.BuiltInCall> fetched = new java.util.ArrayList<>();

    /** @param includeThoughts whether GigaChat's reasoning text is sent as thought parts */
    public GeminiStreamEncoder(StreamContext ctx, boolean includeThoughts) {
        this.responseId = ctx.completionId();
        this.includeThoughts = includeThoughts;
        this.model = ctx.requestedModel() == null || ctx.requestedModel().isBlank() ? null : ctx.requestedModel();
    }

    @Override
    public boolean wantsUsage() {
        return true;
    }

    @Override
    public void encode(StreamEvent event, EventStream.Writer out) {
        if (event instanceof StreamEvent.Text text) {
            if (!text.text().isEmpty()) {
                this.text.append(text.text());
                out.data(chunk(Part.ofText(text.text()), null, null));
            }
        } else if (event instanceof StreamEvent.BuiltIn builtIn) {
            if (builtIn.call() instanceof io.gigagate.openai.ChatCompletion.WebSearchCall search) {
                searches.add(search);
            } else if (builtIn.call() instanceof io.gigagate.openai.ChatCompletion.UrlFetchCall) {
                fetched.add(builtIn.call());
            }
            for (Part part : GeminiResponseMapper.codeParts(List.of(builtIn.call()))) {
                out.data(chunk(part, null, null));
            }
        } else if (event instanceof StreamEvent.Citation c) {
            cites.add(new GeminiResponseMapper.Cite(c.start(), c.end(), c.url(), c.title()));
        } else if (event instanceof StreamEvent.Reasoning reasoning) {
            if (includeThoughts && !reasoning.text().isEmpty()) {
                out.data(chunk(Part.ofThought(reasoning.text()), null, null));
            }
        } else if (event instanceof StreamEvent.ToolCall call) {
            out.data(chunk(Part.ofCall(GeminiResponseMapper.functionCall(call.id(), call.name(), call.arguments())),
                    null, null));
        } else if (event instanceof StreamEvent.Finish f) {
            finish = f.reason();
        } else if (event instanceof StreamEvent.Usage usage) {
            out.data(chunk(Part.ofText(""), finish == null ? StreamEvent.FinishReason.STOP : finish,
                    GeminiResponseMapper.usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                            usage.cachedTokens(), usage.reasoningTokens())));
            finish = null;
        } else if (event instanceof StreamEvent.Model upstream) {
            if (model == null) {
                model = upstream.name();
            }
        }
    }

    @Override
    public void end(EventStream.Writer out) {
        if (finish != null) {
            out.data(chunk(Part.ofText(""), finish, null));
            finish = null;
        }
    }

    @Override
    public void error(GatewayException error, EventStream.Writer out) {
        out.data(GeminiErrors.INSTANCE.body(error));
    }

    private GenerateContentResponse chunk(Part part, StreamEvent.FinishReason reason,
                                          GenerateContentResponse.UsageMetadata usage) {
        Candidate candidate = new Candidate(new Content("model", List.of(part)),
                reason == null ? null : finishReason(reason), 0,
                reason == null ? null : GeminiResponseMapper.grounding(searches, cites, text.toString()),
                reason == null ? null : GeminiResponseMapper.urlContext(fetched));
        return new GenerateContentResponse(List.of(candidate), usage, model(), responseId);
    }

    static String finishReason(StreamEvent.FinishReason reason) {
        return switch (reason) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }

    private String model() {
        if (model == null) {
            model = "GigaChat";
        }
        return model;
    }
}
