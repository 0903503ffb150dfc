package io.gigagate.camel;

import io.gigagate.openai.ChatCompletion;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** The OpenAI front's chat answer: GigaChat's answer as a {@code chat.completion} ({@link ChatAnswers}), written. */
public final class ChatResponseProcessor implements Processor {

    private final ChatAnswers answers;

    public ChatResponseProcessor(ChatAnswers answers) {
        this.answers = answers;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        ChatCompletion completion = answers.read(exchange).withImageLinks();
        HttpAnswers.json(message, 200, completion);
        if (upstreamRequestId != null) {
            message.setHeader("x-request-id", upstreamRequestId);
        }
    }
}
