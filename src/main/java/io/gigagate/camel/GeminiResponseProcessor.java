package io.gigagate.camel;

import io.gigagate.gemini.GeminiRequestMapper;
import io.gigagate.gemini.GeminiResponseMapper;
import io.gigagate.openai.ChatCompletion;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The Gemini front's answers: GigaChat's chat answer read back by the shared {@link ChatAnswers} and
 * written as a {@code GenerateContentResponse} ({@link GeminiResponseMapper}); several candidates from a
 * fan-out; the input token count of {@code :countTokens}.
 */
public final class GeminiResponseProcessor {

    private final ChatAnswers answers;

    public GeminiResponseProcessor(ChatAnswers answers) {
        this.answers = answers;
    }

    /** One GigaChat answer on the body → one candidate. */
    public void answer(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        ChatCompletion completion = answers.read(exchange);
        HttpAnswers.json(message, 200, GeminiResponseMapper.toGemini(completion, includeThoughts(exchange)));
        if (upstreamRequestId != null) {
            message.setHeader("x-request-id", upstreamRequestId);
        }
    }

    /** candidateCount &gt; 1: the fan-out's answers on the body → the candidates, in order. */
    public void candidates(Exchange exchange) throws Exception {
        List<ChatCompletion> completions = answers.readAll(exchange);
        HttpAnswers.json(exchange.getMessage(), 200, GeminiResponseMapper.toGemini(completions, includeThoughts(exchange)));
    }

    /** {@code :countTokens}: {@code {"totalTokens": n}} from {@link ExchangeKeys#INPUT_TOKENS}. */
    public void countTokens(Exchange exchange) throws Exception {
        Integer tokens = exchange.getProperty(ExchangeKeys.INPUT_TOKENS, 0, Integer.class);
        HttpAnswers.json(exchange.getMessage(), 200, Map.of("totalTokens", tokens));
    }

    static boolean includeThoughts(Exchange exchange) {
        GeminiRequestMapper.GeminiChat chat = exchange.getProperty(ExchangeKeys.FRONT_REQUEST,
                GeminiRequestMapper.GeminiChat.class);
        return chat != null && chat.includeThoughts();
    }
}
