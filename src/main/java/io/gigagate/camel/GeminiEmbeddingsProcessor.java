package io.gigagate.camel;

import io.gigagate.gemini.BatchEmbedContentsRequest;
import io.gigagate.gemini.EmbedContentRequest;
import io.gigagate.gemini.GeminiEmbeddings;
import io.gigagate.gemini.GeminiWire;
import io.gigagate.gigachat.EmbeddingsRequestMapper;
import io.gigagate.gigachat.EmbeddingsResponseMapper;
import io.gigagate.gigachat.GigaChatEmbeddingsRequest;
import io.gigagate.gigachat.GigaChatEmbeddingsResponse;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.openai.EmbeddingsResponse;
import io.gigagate.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code :embedContent} and {@code :batchEmbedContents} on the embeddings path, around the batch calls of
 * {@link UpstreamFanOut} (as OpenAI's embeddings): {@link #request} reads the texts, resolves the embedder
 * (Gemini's embedding model names mean the configured embeddings model) and puts GigaChat's batches on the
 * body; {@link #response} joins the answers in the requests' order.
 */
public final class GeminiEmbeddingsProcessor {

    private static final String BATCHES = "gigagate.gemini.embeddingsBatches";
    private static final String DIMENSIONS = "gigagate.gemini.embeddingsDimensions";

    private final ModelResolver models;
    private final EmbeddingsRequestMapper requestMapper;
    private final EmbeddingsResponseMapper responseMapper = new EmbeddingsResponseMapper();

    public GeminiEmbeddingsProcessor(ModelResolver models, EmbeddingsRequestMapper requestMapper) {
        this.models = models;
        this.requestMapper = requestMapper;
    }

    public void request(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String model = exchange.getProperty(GeminiRequestProcessor.MODEL, String.class);
        boolean batch = "batchEmbedContents".equals(exchange.getProperty(GeminiRequestProcessor.METHOD, String.class));
        List<String> texts;
        Integer dimensions;
        if (batch) {
            BatchEmbedContentsRequest request = GeminiWire.batchEmbedContents(message.getBody(byte[].class));
            texts = GeminiEmbeddings.texts(request, model);
            EmbedContentRequest first = request.requests().get(0);
            dimensions = first == null ? null : first.outputDimensionality();
        } else {
            EmbedContentRequest request = GeminiWire.embedContent(message.getBody(byte[].class));
            texts = List.of(GeminiEmbeddings.text(request, ""));
            dimensions = request.outputDimensionality();
        }
        List<GigaChatEmbeddingsRequest> batches = requestMapper.toGigaChat(texts, models.resolveEmbeddings(model),
                dimensions);
        List<UpstreamCall> calls = new ArrayList<>(batches.size());
        for (GigaChatEmbeddingsRequest b : batches) {
            calls.add(UpstreamCall.json(WireJson.mapper().writeValueAsBytes(b)));
        }
        exchange.setProperty(BATCHES, batches);
        if (dimensions != null) {
            exchange.setProperty(DIMENSIONS, dimensions);
        }
        message.setBody(calls);
    }

    public void response(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        List<GigaChatEmbeddingsResponse> upstream = EmbeddingsProcessor.answers(exchange, BATCHES);
        EmbeddingsResponse vectors = responseMapper.toOpenAi(upstream, null, false,
                exchange.getProperty(DIMENSIONS, Integer.class));
        boolean batch = "batchEmbedContents".equals(exchange.getProperty(GeminiRequestProcessor.METHOD, String.class));
        HttpAnswers.json(message, 200, batch ? GeminiEmbeddings.all(vectors) : GeminiEmbeddings.one(vectors));
    }
}
