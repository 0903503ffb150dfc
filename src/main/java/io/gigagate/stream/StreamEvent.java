package io.gigagate.stream;

import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletion;

/**
 * What an answer stream says, independent of GigaChat's chunks and of any front's wire format: the
 * {@link GigaChatStreamDecoder} makes these from GigaChat's chunks, and each front's
 * {@link StreamEncoder} writes them in its own shape ({@code chat.completion.chunk}s, legacy
 * {@code text_completion}s, Anthropic's or Responses' named events...).
 *
 * <p>The order is the answer's: {@link Model} (at most once, before any output), then {@link Reasoning},
 * {@link BuiltIn}, {@link Text}, {@link Citation} (after the text it cites) and {@link ToolCall} as they come, exactly one {@link Finish}, then {@link Usage} when the
 * front wants it ({@link StreamEncoder#wantsUsage()}). {@link Error} can come instead of any of them and
 * is always the last.
 */
public sealed interface StreamEvent {

    /**
     * The model GigaChat says it answers with, without its {@code :version} suffix; sent once, when a chunk
     * first names it. Fronts that echo the client's model use it only as the fallback.
     */
    record Model(String name) implements StreamEvent {
    }

    /** A piece of the answer's text, as it comes (stop sequences already applied; may be empty). */
    record Text(String text) implements StreamEvent {
    }

    /** A piece of the model's reasoning, apart from the answer. */
    record Reasoning(String text) implements StreamEvent {
    }

    /**
     * What one of GigaChat's own tools did (a web search and the pages it found...), as soon as the stream
     * says so: before the text that uses it.
     */
    record BuiltIn(ChatCompletion.BuiltInCall call) implements StreamEvent {
    }

    /**
     * A web page the answer cites: the span {@code [start, end)} of the answer's text (all {@link Text}
     * events so far, joined) that is its link, sent once that text has gone out.
     */
    record Citation(int start, int end, String url, String title) implements StreamEvent {
    }

    /**
     * One whole function call (GigaChat sends a call in one piece).
     *
     * @param id        the call's id as the client must hand it back ({@code call_<functions_state_id>}, or
     *                  derived from the completion id)
     * @param name      the client's function name (names renamed for GigaChat mapped back)
     * @param arguments the arguments as JSON text
     */
    record ToolCall(String id, String name, String arguments) implements StreamEvent {
    }

    /** The choice has ended; exactly once per stream. One shared instance per reason. */
    record Finish(FinishReason reason) implements StreamEvent {

        private static final Finish[] BY_REASON = {new Finish(FinishReason.STOP), new Finish(FinishReason.LENGTH),
                new Finish(FinishReason.TOOL_CALLS), new Finish(FinishReason.CONTENT_FILTER)};

        public static Finish of(FinishReason reason) {
            return BY_REASON[reason.ordinal()];
        }
    }

    /** Why a choice ended, in neutral words; each front names them its own way. */
    enum FinishReason {
        /** A natural end, a stop sequence, or a structured output that was sent as content. */
        STOP,
        /** The token limit. */
        LENGTH,
        /** The model called a function and waits for its result. */
        TOOL_CALLS,
        /** The answer was withheld by the upstream's content filter. */
        CONTENT_FILTER
    }

    /**
     * The token counts of the whole answer, after {@link Finish}; zeros for what the upstream did not say
     * (and all zeros when it sent no usage at all).
     *
     * @param cachedTokens    prompt tokens served from the upstream's cache
     * @param reasoningTokens completion tokens spent on reasoning (GigaChat does not report them: 0)
     */
    record Usage(int promptTokens, int completionTokens, int totalTokens, int cachedTokens, int reasoningTokens)
            implements StreamEvent {
    }

    /**
     * The stream failed after it began (I/O, timeouts, a malformed event, GigaChat's error object); the
     * front writes its mid-stream error event ({@link StreamEncoder#error}) and nothing follows.
     */
    record Error(GatewayException error) implements StreamEvent {
    }
}
