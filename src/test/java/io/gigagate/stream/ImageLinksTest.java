package io.gigagate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drawn images reach a front without an image item as a link after the text, before the finish. */
class ImageLinksTest {

    /** The front's encoder, remembering what it was handed. */
    private static final class Seen implements StreamEncoder {
        final List<StreamEvent> events = new ArrayList<>();

        @Override
        public boolean wantsUsage() {
            return true;
        }

        @Override
        public void encode(StreamEvent event, EventStream.Writer out) {
            events.add(event);
        }

        @Override
        public void end(EventStream.Writer out) {
        }

        @Override
        public void error(GatewayException error, EventStream.Writer out) {
        }
    }

    private static StreamEvent.BuiltIn drawn(String url) {
        return new StreamEvent.BuiltIn(new ChatCompletion.ImageCall("id", null, new byte[] {1}, url));
    }

    @Test
    void theLinksFollowTheTextAndPrecedeTheFinish() {
        Seen front = new Seen();
        StreamEncoder links = ImageLinks.around(front);
        StreamEvent.Finish finish = StreamEvent.Finish.of(StreamEvent.FinishReason.STOP);

        links.encode(drawn("http://gw/a"), null);
        links.encode(new StreamEvent.Text("Here"), null);
        links.encode(drawn("http://gw/b"), null);
        links.encode(finish, null);

        assertThat(front.events).containsExactly(new StreamEvent.Text("Here"),
                new StreamEvent.Text("\n\n![image](http://gw/a)\n\n![image](http://gw/b)"), finish);
        assertThat(links.wantsUsage()).isTrue();
    }

    @Test
    void withoutTextTheLinkStandsAlone() {
        Seen front = new Seen();
        StreamEncoder links = ImageLinks.around(front);
        StreamEvent.Finish finish = StreamEvent.Finish.of(StreamEvent.FinishReason.STOP);

        links.encode(drawn("http://gw/a"), null);
        links.encode(finish, null);

        assertThat(front.events).containsExactly(new StreamEvent.Text("![image](http://gw/a)"), finish);
    }
}
