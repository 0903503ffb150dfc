package io.gigagate.camel;

import io.gigagate.gemini.GeminiModels;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code GET /v1beta/models} (paginated) and {@code GET /v1beta/models/{model}} in Gemini's shape, from the
 * same cached model catalog as OpenAI's {@code /v1/models} ({@link GeminiModels}).
 */
public final class GeminiModelsProcessor {

    private final ModelCatalog catalog;
    private final ModelResolver models;

    public GeminiModelsProcessor(ModelCatalog catalog, ModelResolver models) {
        this.catalog = catalog;
        this.models = models;
    }

    public void list(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        HttpAnswers.json(message, 200, GeminiModels.page(catalog.list(), message.getHeader("pageSize", String.class),
                message.getHeader("pageToken", String.class)));
    }

    public void get(Exchange exchange) throws Exception {
        String model = exchange.getProperty(GeminiRequestProcessor.MODEL, String.class);
        HttpAnswers.json(exchange.getMessage(), 200, GeminiModels.get(catalog.list(), model, models.resolveChat(model)));
    }
}
