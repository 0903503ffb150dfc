package io.gigagate.camel;

import io.gigagate.gigachat.ModelCatalog;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Answers {@code GET /v1/models} and {@code GET /v1/models/{id}} from the cached model catalog. */
public final class ModelsProcessor {

    private final ModelCatalog catalog;

    public ModelsProcessor(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public void list(Exchange exchange) throws Exception {
        HttpAnswers.json(exchange.getMessage(), 200, catalog.list());
    }

    public void get(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String id = message.getHeader("id", String.class);
        HttpAnswers.json(message, 200, catalog.get(id));
    }
}
