package io.gigagate.camel;

import io.gigagate.responses.ResponseStore;
import io.gigagate.responses.ResponsesTurn;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The Responses front's JSON answer: GigaChat's answer read back as a chat completion ({@link ChatAnswers}),
 * made into the {@code response} object and written as JSON once: those bytes are the answer and, when asked
 * ({@code store}), what is stored.
 */
public final class ResponsesAnswerProcessor implements Processor {

    private final ChatAnswers answers;
    private final ResponseStore store;

    public ResponsesAnswerProcessor(ChatAnswers answers, ResponseStore store) {
        this.answers = answers;
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        ResponsesTurn turn = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, ResponsesTurn.class);
        byte[] json = turn.draft().completed(answers.read(exchange)); // written once: answered and stored as is
        turn.store(store, json, exchange.getProperty(ExchangeKeys.UPSTREAM_THREAD_ID, String.class));
        HttpAnswers.json(message, 200, json);
        if (upstreamRequestId != null) {
            message.setHeader("x-request-id", upstreamRequestId);
        }
    }
}
