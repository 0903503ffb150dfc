package io.gigagate.camel;

import io.gigagate.gigachat.EmbeddingsRequestMapper;
import io.gigagate.gigachat.EmbeddingsResponseMapper;
import io.gigagate.gigachat.GigaChatEmbeddingsRequest;
import io.gigagate.gigachat.GigaChatEmbeddingsResponse;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.openai.EmbeddingsRequest;
import io.gigagate.openai.EmbeddingsRequestParser;
import io.gigagate.openai.TokenIdsDecoder;
import io.gigagate.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The two ends of {@code POST /v1/embeddings}, around the batch calls made by {@link UpstreamFanOut}:
 * {@link #request} validates, resolves the embedder and puts the batches on the body;
 * {@link #response} joins GigaChat's answers into OpenAI's list.
 */
public final class EmbeddingsProcessor {

    private static final String BATCHES = "gigagate.embeddingsBatches";

    private final ModelResolver models;
    private final TokenIdsDecoder tokens;
    private final EmbeddingsRequestMapper requestMapper;
    private final EmbeddingsResponseMapper responseMapper = new EmbeddingsResponseMapper();

    public EmbeddingsProcessor(ModelResolver models, TokenIdsDecoder tokens, EmbeddingsRequestMapper requestMapper) {
        this.models = models;
        this.tokens = tokens;
        this.requestMapper = requestMapper;
    }

    public void request(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        EmbeddingsRequest request = EmbeddingsRequestParser.parse(message.getBody(byte[].class));
        List<String> texts = EmbeddingsRequestParser.texts(request, tokens);
        List<GigaChatEmbeddingsRequest> batches = requestMapper.toGigaChat(texts,
                models.resolveEmbeddings(request.model()), request.dimensions());
        List<UpstreamCall> calls = new ArrayList<>(batches.size());
        for (GigaChatEmbeddingsRequest batch : batches) {
            calls.add(UpstreamCall.json(WireJson.mapper().writeValueAsBytes(batch)));
        }
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, request);
        exchange.setProperty(ExchangeKeys.REQUESTED_MODEL, request.model());
        exchange.setProperty(BATCHES, batches);
        message.setBody(calls);
    }

    /**
     * GigaChat's answers to the batches of a fan-out ({@code List<UpstreamAnswer>} on the body), read in
     * order and checked to match the batches kept as {@code batchesProperty}.
     */
    static List<GigaChatEmbeddingsResponse> answers(Exchange exchange, String batchesProperty) throws Exception {
        @SuppressWarnings("unchecked")
        List<GigaChatEmbeddingsRequest> batches = exchange.getProperty(batchesProperty, List.class);
        @SuppressWarnings("unchecked")
        List<UpstreamAnswer> answers = exchange.getMessage().getMandatoryBody(List.class);
        List<GigaChatEmbeddingsResponse> upstream = new ArrayList<>(answers.size());
        for (UpstreamAnswer answer : answers) {
            upstream.add(WireJson.mapper().readValue(answer.body(), GigaChatEmbeddingsResponse.class));
        }
        EmbeddingsResponseMapper.sameCount(batches, upstream);
        return upstream;
    }

    public void response(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        EmbeddingsRequest request = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, EmbeddingsRequest.class);
        List<GigaChatEmbeddingsResponse> upstream = answers(exchange, BATCHES);
        var response = responseMapper.toOpenAi(upstream, request.model(), request.base64(), request.dimensions());
        if (response.usage() != null) {
            UsageProperties.recordInput(exchange, response.usage().promptTokens());
        }
        HttpAnswers.json(message, 200, response);
    }
}
