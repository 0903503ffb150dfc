package io.gigagate.camel;

import io.gigagate.anthropic.AnthropicRequestParser;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The Anthropic front's first step ({@code POST /v1/messages} and its count_tokens): the request's bytes
 * become the internal chat request on the body ({@link AnthropicRequestParser}), what the answer needs is
 * kept as {@link ExchangeKeys#FRONT_REQUEST}, and the built-in tools left out go to the
 * {@link BuiltInToolPolicy} (a WARN line and the {@value BuiltInToolPolicy#HEADER} header, or a 400 when
 * strict).
 */
public final class AnthropicRequestProcessor implements Processor {

    private final boolean counting;
    private final Predicate<String> reasoningModel;
    private final BuiltInToolPolicy tools;

    /**
     * @param counting       the count_tokens endpoint ({@code max_tokens} not required, no stream)
     * @param reasoningModel whether a requested model reaches a GigaChat model that reasons
     */
    public AnthropicRequestProcessor(boolean counting, Predicate<String> reasoningModel, BuiltInToolPolicy tools) {
        this.counting = counting;
        this.reasoningModel = reasoningModel;
        this.tools = tools;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        AnthropicRequestParser.Parsed parsed = AnthropicRequestParser.parse(message.getBody(byte[].class), counting,
                reasoningModel);
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, parsed.front());
        tools.apply(exchange, parsed.front().ignoredTools());
        message.setBody(parsed.chat());
    }
}
