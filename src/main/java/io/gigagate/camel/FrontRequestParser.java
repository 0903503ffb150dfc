package io.gigagate.camel;

import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A front's first step: the request's bytes become that front's parsed request on the body (for OpenAI's
 * chat, the {@code ChatCompletionRequest} the chat steps take). Parsing and validation are the front's
 * pure parser; failures are its {@code GatewayException}s, rendered by the front's route configuration.
 *
 * @param <T> the front's request record
 */
public final class FrontRequestParser<T> implements Processor {

    private final Function<byte[], T> parser;

    public FrontRequestParser(Function<byte[], T> parser) {
        this.parser = parser;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setBody(parser.apply(message.getBody(byte[].class)));
    }
}
