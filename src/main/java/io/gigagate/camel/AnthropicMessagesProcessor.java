package io.gigagate.camel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gigagate.anthropic.AnthropicRequest;
import io.gigagate.anthropic.AnthropicResponseMapper;
import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.stream.ImageLinks;
import io.gigagate.stream.AnthropicStreamEncoder;
import io.gigagate.stream.StreamContext;
import io.gigagate.stream.StreamLimits;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/**
 * The Anthropic front's answers: GigaChat's JSON answer as an Anthropic {@code message} ({@link #answer}),
 * GigaChat's stream as Anthropic's named events ({@link #stream}, through the shared stream body with
 * {@link AnthropicStreamEncoder}), and count_tokens' {@code {"input_tokens": n}} ({@link #inputTokens}).
 */
public final class AnthropicMessagesProcessor {

    /** count_tokens' answer. */
    public record InputTokensAnswer(@JsonProperty("input_tokens") int inputTokens) {
    }

    private final ChatAnswers answers;
    private final StreamLimits limits;
    private final Clock clock;

    public AnthropicMessagesProcessor(ChatAnswers answers, StreamLimits limits, Clock clock) {
        this.answers = answers;
        this.limits = limits;
        this.clock = clock;
    }

    /** The JSON answer, after {@code direct:gigachat-chat}. */
    public void answer(Exchange exchange) throws Exception {
        AnthropicRequest request = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, AnthropicRequest.class);
        HttpAnswers.json(exchange.getMessage(), 200, AnthropicResponseMapper.toMessage(answers.read(exchange), request));
    }

    /** The stream, after {@code direct:gigachat-chat-stream}: the first event is read before the status goes out. */
    public void stream(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        AnthropicRequest request = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, AnthropicRequest.class);
        String upstreamRequestId = message.getHeader("X-Request-Id", String.class);
        StreamContext context = StreamContext.forRequest(call.request(), call.functions(),
                ChatResponseContext.completionId(upstreamRequestId), clock.instant().getEpochSecond());
        ChatStreamProcessor.answer(exchange, context, ImageLinks.around(new AnthropicStreamEncoder(context, request)), limits,
                upstreamRequestId, true);
    }

    /** count_tokens' answer, after {@code direct:chat-input-tokens}. */
    public void inputTokens(Exchange exchange) throws Exception {
        Integer tokens = exchange.getProperty(ExchangeKeys.INPUT_TOKENS, Integer.class);
        HttpAnswers.json(exchange.getMessage(), 200, new InputTokensAnswer(tokens == null ? 0 : tokens));
    }
}
