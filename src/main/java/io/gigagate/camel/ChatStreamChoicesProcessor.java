package io.gigagate.camel;

import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.error.GatewayException;
import io.gigagate.stream.InterleavedSseBody;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import io.gigagate.stream.UpstreamEvents;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * {@code n > 1} with {@code stream: true}: opens n GigaChat streams (each through
 * {@code direct:gigachat-chat-stream-choice}, which hands its connection's clean-up over to this
 * exchange, so nothing is drained before the client has read it) and answers with their chunks
 * interleaved by choice index ({@link InterleavedSseBody}, which writes each choice's neutral events as
 * {@code chat.completion.chunk}s with the choice's index). Each stream's first event is read before the
 * status goes out, as for one choice.
 */
public final class ChatStreamChoicesProcessor implements Processor {

    /** The exchange a choice's stream belongs to (its completions are handed over to it). */
    public static final String PARENT = "gigagate.parentExchange";

    private final ProducerTemplate template;
    private final StreamLimits limits;
    private final Executor readers;
    private final Clock clock;
    private final int maxChoices;

    public ChatStreamChoicesProcessor(ProducerTemplate template, StreamLimits limits, Executor readers, Clock clock,
            int maxChoices) {
        this.template = template;
        this.limits = limits;
        this.readers = readers;
        this.clock = clock;
        this.maxChoices = maxChoices;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        int n = call.choices();
        if (n > maxChoices) {
            throw GatewayException.invalidRequest("Invalid value for 'n': this gateway makes one GigaChat call per "
                    + "choice and allows at most " + maxChoices + ", but got " + n + ".", "n", "invalid_value");
        }
        byte[] body = message.getBody(byte[].class);
        String id = ChatResponseContext.completionId(null);
        long created = clock.instant().getEpochSecond();
        // drawn images are fetched by each choice's reader and shown as links, as in a single stream
        StreamContext asked = StreamContext.forRequest(call.request(), call.functions(), id, created)
                .withImages(ExchangeImages.of(exchange));
        List<UpstreamEvents> opened = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                Exchange choice = template.send("direct:gigachat-chat-stream-choice", sub -> {
                    for (String key : ExchangeKeys.CLIENT_CONTEXT) {
                        Object value = exchange.getProperty(key);
                        if (value != null) {
                            sub.setProperty(key, value);
                        }
                    }
                    sub.setProperty(ExchangeKeys.STREAM, Boolean.TRUE);
                    sub.setProperty(PARENT, exchange);
                    sub.getMessage().setBody(body);
                });
                if (choice.getException() != null) {
                    throw choice.getException();
                }
                // each choice reports its usage, so the sum can be sent when the client asked for it
                opened.add(UpstreamEvents.open(new UpstreamStream(choice.getMessage().getMandatoryBody(InputStream.class)),
                        asked, true, limits));
            }
        } catch (Exception e) {
            opened.forEach(UpstreamEvents::close);
            throw e;
        }
        InterleavedSseBody merged = new InterleavedSseBody(opened, asked, readers);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                merged.close();
            }

            @Override
            public int getOrder() {
                return HIGHEST;
            }
        });
        HttpAnswers.eventStream(message, merged, null);
    }
}
