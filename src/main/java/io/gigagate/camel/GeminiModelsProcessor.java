package io.gigagate.camel;

import io.gigagate.gemini.GeminiModels;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code GET /v1beta/models} (paginated) and {@code GET /v1beta/models/{model}} in Gemini's shape, from the
 * same cached model catalog as OpenAI's {@code /v1/models} ({@link GeminiModels}), followed by the usual
 * Gemini names ({@link GeminiModels#GEMINI_NAMES}) under the GigaChat models the aliases give them.
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
        Map<String, String> geminiNames = new LinkedHashMap<>();
        GeminiModels.GEMINI_NAMES.forEach(name -> geminiNames.put(name, models.resolveChat(name)));
        HttpAnswers.json(message, 200, GeminiModels.page(catalog.list(), geminiNames,
                message.getHeader("pageSize", String.class), message.getHeader("pageToken", String.class)));
    }

    public void get(Exchange exchange) throws Exception {
        String model = exchange.getProperty(GeminiRequestProcessor.MODEL, String.class);
        HttpAnswers.json(exchange.getMessage(), 200, GeminiModels.get(catalog.list(), model, models.resolveChat(model)));
    }
}
