package io.gigagate.stream;

import io.gigagate.error.GatewayException;
import io.gigagate.openai.Completion;
import io.gigagate.openai.OpenAiErrors;

import java.util.List;

/**
 * OpenAI's legacy {@code text_completion} stream ({@code /v1/completions} with {@code stream: true}), from
 * the same neutral events as the chat stream: {@link StreamEvent.Text} is a chunk with that {@code text};
 * the {@link StreamEvent.Finish} is a chunk with {@code text: ""} and its reason ({@code length} and
 * {@code content_filter} as they are, anything else {@code stop}); {@link StreamEvent.Usage} (only with
 * {@code include_usage}) is a chunk with {@code choices: []}. Reasoning, tool calls and empty text have
 * nothing to say here and write nothing. With {@code echo}, the prompt is the first chunk's text, sent at
 * once. Errors and the {@code [DONE]} ending are the chat stream's.
 */
public final class TextCompletionEncoder implements StreamEncoder {

    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;
    private final String echo;

    /**
     * @param ctx   the stream's context: id, {@code created}, whether usage is wanted
     * @param model the model every chunk names
     * @param echo  the prompt to send first, or null
     */
    public TextCompletionEncoder(StreamContext ctx, String model, String echo) {
        this.id = ctx.completionId();
        this.created = ctx.created();
        this.includeUsage = ctx.includeUsage();
        this.model = model;
        this.echo = echo == null || echo.isEmpty() ? null : echo;
    }

    @Override
    public boolean wantsUsage() {
        return includeUsage;
    }

    @Override
    public void start(EventStream.Writer out) {
        if (echo != null) {
            out.data(chunk(echo, null));
        }
    }

    @Override
    public void encode(StreamEvent event, EventStream.Writer out) {
        if (event instanceof StreamEvent.Text text) {
            if (text.text() != null && !text.text().isEmpty()) {
                out.data(chunk(text.text(), null));
            }
        } else if (event instanceof StreamEvent.Finish finish) {
            out.data(chunk("", switch (finish.reason()) {
                case LENGTH -> "length";
                case CONTENT_FILTER -> "content_filter";
                default -> "stop";
            }));
        } else if (event instanceof StreamEvent.Usage usage) {
            if (includeUsage) {
                out.data(new Completion(id, Completion.OBJECT, created, model, List.of(),
                        ChatChunkEncoder.openAiUsage(usage)));
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

    private Completion chunk(String text, String finishReason) {
        return new Completion(id, Completion.OBJECT, created, model,
                List.of(new Completion.Choice(text, 0, null, finishReason)), null);
    }
}
