package io.gigagate.camel;

import io.gigagate.openai.ChatChoicesMerger;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.error.GatewayException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code n > 1} on {@code /v1/chat/completions}: GigaChat has no {@code n}, so {@link #request} turns
 * the one GigaChat request into n identical calls for {@link UpstreamFanOut}, and {@link #response}
 * maps each answer like a single one and joins them ({@link ChatChoicesMerger}).
 */
public final class ChatChoicesProcessor {

    private final ChatAnswers answers;
    private final int maxChoices;

    public ChatChoicesProcessor(ChatAnswers answers, int maxChoices) {
        this.answers = answers;
        this.maxChoices = maxChoices;
    }

    public void request(Exchange exchange) {
        int n = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class).choices();
        if (n > maxChoices) {
            throw GatewayException.invalidRequest("Invalid value for 'n': this gateway makes one GigaChat call per "
                    + "choice and allows at most " + maxChoices + ", but got " + n + ".", "n", "invalid_value");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(new ArrayList<>(Collections.nCopies(n, UpstreamCall.json(body))));
    }

    public void response(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        String requestId = ((List<UpstreamAnswer>) message.getMandatoryBody(List.class)).get(0).requestId();
        List<ChatCompletion> completions = answers.readAll(exchange);
        completions.replaceAll(ChatCompletion::withImageLinks);
        HttpAnswers.json(message, 200, ChatChoicesMerger.merge(completions));
        if (requestId != null) {
            message.setHeader("x-request-id", requestId);
        }
    }
}
