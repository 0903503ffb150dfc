package io.gigagate.camel;

import io.gigagate.anthropic.AnthropicErrors;
import io.gigagate.anthropic.AnthropicModels;
import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.ModelCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code GET /v1/models} and {@code /v1/models/{id}} for Anthropic's clients (the models route chooses it by
 * the {@code anthropic-version} header): the same cached catalog as OpenAI's answer, in Anthropic's shape,
 * and its failures (an unknown model, GigaChat failing) in Anthropic's error shape.
 */
public final class AnthropicModelsProcessor {

    /** The header Anthropic's clients send on every request. */
    public static final String VERSION_HEADER = "anthropic-version";

    private final ModelCatalog catalog;

    public AnthropicModelsProcessor(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public void list(Exchange exchange) throws Exception {
        try {
            HttpAnswers.json(exchange.getMessage(), 200, AnthropicModels.page(catalog.list()));
        } catch (Exception e) {
            fail(exchange, e);
        }
    }

    public void get(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        try {
            HttpAnswers.json(message, 200, AnthropicModels.info(catalog.get(message.getHeader("id", String.class))));
        } catch (Exception e) {
            fail(exchange, e);
        }
    }

    private static void fail(Exchange exchange, Exception e) throws Exception {
        GatewayException error = UpstreamFailures.toGatewayException(e);
        if (error == null) {
            throw e;
        }
        ErrorResponder.write(exchange, error, AnthropicErrors.INSTANCE);
    }
}
