package io.gigagate.stream;

import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletion;
import java.util.ArrayList;
import java.util.List;

/**
 * A front without an image item of its own (chat, Anthropic, Gemini) shows the images GigaChat drew as Markdown
 * links after the answer's text, as its JSON answer does ({@link ChatCompletion#withImageLinks(String, List)}):
 * this encoder keeps each drawn image ({@link StreamEvent.BuiltIn} with an {@link ChatCompletion.ImageCall}) and
 * hands the front's encoder its link as {@link StreamEvent.Text} just before the {@link StreamEvent.Finish};
 * everything else passes unchanged.
 */
public final class ImageLinks implements StreamEncoder {

    private final StreamEncoder front;
    private final List<ChatCompletion.ImageCall> drawn = new ArrayList<>();
    private boolean text;

    private ImageLinks(StreamEncoder front) {
        this.front = front;
    }

    /** The front's encoder, with drawn images as links. */
    public static StreamEncoder around(StreamEncoder front) {
        return new ImageLinks(front);
    }

    @Override
    public boolean wantsUsage() {
        return front.wantsUsage();
    }

    @Override
    public void start(EventStream.Writer out) {
        front.start(out);
    }

    @Override
    public void encode(StreamEvent event, EventStream.Writer out) {
        if (event instanceof StreamEvent.BuiltIn builtIn && builtIn.call() instanceof ChatCompletion.ImageCall image) {
            drawn.add(image);
            return;
        }
        if (event instanceof StreamEvent.Finish && !drawn.isEmpty()) {
            front.encode(new StreamEvent.Text(links()), out);
            drawn.clear();
        }
        if (event instanceof StreamEvent.Text t && !t.text().isEmpty()) {
            text = true;
        }
        front.encode(event, out);
    }

    /** The links, after a blank line when text went before them. */
    private String links() {
        String joined = ChatCompletion.withImageLinks("", List.copyOf(drawn));
        return text ? "\n\n" + joined : joined;
    }

    @Override
    public void end(EventStream.Writer out) {
        front.end(out);
    }

    @Override
    public void error(GatewayException error, EventStream.Writer out) {
        front.error(error, out);
    }
}
