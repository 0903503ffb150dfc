package io.gigagate.camel;

import io.gigagate.gigachat.ChatResponseContext;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.GeneratedImages;
import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The front-neutral half of a chat answer: GigaChat's JSON answer to the exchange's {@link ChatCall} read
 * back as the internal {@link ChatCompletion} (function names restored, structured output, stop
 * sequences, the images GigaChat drew fetched: {@link ExchangeImages}), its token usage recorded for the metrics. Each front's answer step maps the completion to
 * its own shape and writes it; OpenAI's is {@link ChatResponseProcessor}.
 */
public final class ChatAnswers {

    private final ChatResponseMapper mapper;
    private final Clock clock;

    public ChatAnswers(ChatResponseMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The completion for the answer on the body (GigaChat's JSON; {@code X-Request-Id} from its headers). */
    public ChatCompletion read(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        GigaChatChatResponse upstream = WireJson.mapper().readValue(message.getBody(byte[].class), GigaChatChatResponse.class);
        UsageProperties.record(exchange, upstream.usage());
        return ExchangeImages.fetched(read(upstream, call, message.getHeader("X-Request-Id", String.class)),
                ExchangeImages.of(exchange));
    }

    /** The answers of a fan-out on the body ({@code List<UpstreamAnswer>}, n &gt; 1 or several prompts), in order. */
    public List<ChatCompletion> readAll(Exchange exchange) throws Exception {
        ChatCall call = exchange.getProperty(ExchangeKeys.CHAT_CALL, ChatCall.class);
        @SuppressWarnings("unchecked")
        List<UpstreamAnswer> upstream = exchange.getMessage().getMandatoryBody(List.class);
        List<ChatCompletion> completions = new ArrayList<>(upstream.size());
        for (UpstreamAnswer answer : upstream) {
            GigaChatChatResponse response = WireJson.mapper().readValue(answer.body(), GigaChatChatResponse.class);
            UsageProperties.add(exchange, response.usage());
            completions.add(read(response, call, answer.requestId()));
        }
        if (completions.stream().anyMatch(ExchangeImages::drew)) {
            GeneratedImages images = ExchangeImages.of(exchange);
            completions.replaceAll(c -> ExchangeImages.fetched(c, images));
        }
        return completions;
    }

    /** One answer of a fan-out (n &gt; 1): the same mapping, without touching the exchange. */
    public ChatCompletion read(GigaChatChatResponse upstream, ChatCall call, String upstreamRequestId) {
        return mapper.toOpenAi(upstream, ChatResponseContext.forRequest(call.request(), call.functions(),
                upstreamRequestId, clock.instant().getEpochSecond()));
    }
}
