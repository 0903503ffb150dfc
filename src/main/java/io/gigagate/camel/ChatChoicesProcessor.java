package io.gigagate.camel;

import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.openai.ChatChoicesMerger;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.WireJson;
import java.time.Clock;
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

    private final ChatResponseMapper mapper;
    private final Clock clock;
    private final int maxChoices;

    public ChatChoicesProcessor(ChatResponseMapper mapper, Clock clock, int maxChoices) {
        this.mapper = mapper;
        this.clock = clock;
        this.maxChoices = maxChoices;
    }

    public void request(Exchange exchange) {
        int n = exchange.getProperty(ExchangeKeys.CHOICES, 1, Integer.class);
        if (n > maxChoices) {
            throw GatewayException.invalidRequest("Invalid value for 'n': this gateway makes one GigaChat call per "
                    + "choice and allows at most " + maxChoices + ", but got " + n + ".", "n", "invalid_value");
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(new ArrayList<>(Collections.nCopies(n, UpstreamCall.json(body))));
    }

    public void response(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ChatCompletionRequest request = exchange.getProperty(ExchangeKeys.OPENAI_REQUEST, ChatCompletionRequest.class);
        @SuppressWarnings("unchecked")
        List<UpstreamAnswer> answers = message.getMandatoryBody(List.class);
        long now = clock.instant().getEpochSecond();
        List<ChatCompletion> completions = new ArrayList<>(answers.size());
        for (UpstreamAnswer answer : answers) {
            GigaChatChatResponse upstream = WireJson.mapper().readValue(answer.body(), GigaChatChatResponse.class);
            completions.add(mapper.toOpenAi(upstream, ChatResponseContext.forRequest(request, answer.requestId(), now)));
        }
        String requestId = answers.get(0).requestId();
        OpenAiResponses.json(message, 200, ChatChoicesMerger.merge(completions));
        if (requestId != null) {
            message.setHeader("x-request-id", requestId);
        }
    }
}
