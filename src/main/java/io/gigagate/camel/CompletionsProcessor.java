package io.gigagate.camel;

import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.CompletionsMapper;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.CompletionRequest;
import io.gigagate.openai.CompletionRequestParser;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.TokenIdsDecoder;
import io.gigagate.wire.WireJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The ends of {@code POST /v1/completions}: {@link #request} validates and builds one GigaChat chat
 * call per prompt and sample (for {@link UpstreamFanOut}), or, when streamed, the one streaming call;
 * {@link #response} joins the answers into a {@code text_completion}.
 */
public final class CompletionsProcessor {

    /** The front's request as {@link ExchangeKeys#FRONT_REQUEST}: the completions request and its prompts, decoded. */
    record Call(CompletionRequest request, List<String> prompts) {
    }

    private final ModelResolver models;
    private final TokenIdsDecoder tokens;
    private final ChatRequestMapper chatMapper;
    private final ChatAnswers answers;
    private final CompletionsMapper mapper = new CompletionsMapper();
    private final Clock clock;
    private final int maxChoices;

    public CompletionsProcessor(ModelResolver models, TokenIdsDecoder tokens, ChatRequestMapper chatMapper, Clock clock,
                                int maxChoices) {
        this.models = models;
        this.tokens = tokens;
        this.chatMapper = chatMapper;
        this.answers = new ChatAnswers(new ChatResponseMapper(), clock);
        this.clock = clock;
        this.maxChoices = maxChoices;
    }

    public void request(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        CompletionRequest request = CompletionRequestParser.parse(message.getBody(byte[].class));
        List<String> prompts = CompletionRequestParser.prompts(request, tokens);
        int calls = prompts.size() * request.choicesPerPrompt();
        if (request.streamed() && calls > 1) {
            throw GatewayException.invalidRequest("Streaming supports one prompt and n = 1 on this gateway; send "
                    + "several prompts or n > 1 without 'stream'.", prompts.size() > 1 ? "prompt" : "n",
                    "unsupported_value");
        }
        if (calls > maxChoices) {
            throw GatewayException.invalidRequest("This gateway makes one GigaChat call per prompt and choice and "
                    + "allows at most " + maxChoices + " per request, but got " + calls + " (prompts x n).",
                    prompts.size() > 1 ? "prompt" : "n", "invalid_value");
        }
        String model = models.resolveChat(request.model());
        List<UpstreamCall> upstream = new ArrayList<>(calls);
        ChatCompletionRequest first = null;
        for (String prompt : prompts) {
            ChatCompletionRequest chat = mapper.toChat(request, prompt);
            first = first == null ? chat : first;
            byte[] body = WireJson.mapper().writeValueAsBytes(chatMapper.toGigaChat(chat, model));
            for (int k = 0; k < request.choicesPerPrompt(); k++) {
                upstream.add(UpstreamCall.json(body));
            }
        }
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, new Call(request, prompts));
        exchange.setProperty(ExchangeKeys.CHAT_CALL, new ChatCall(first, model, null));
        exchange.setProperty(ExchangeKeys.STREAM, request.streamed());
        message.setBody(request.streamed() ? upstream.get(0).body() : upstream);
    }

    public void response(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Call completion = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, Call.class);
        @SuppressWarnings("unchecked")
        String requestId = ((List<UpstreamAnswer>) message.getMandatoryBody(List.class)).get(0).requestId();
        List<ChatCompletion> completions = answers.readAll(exchange);
        HttpAnswers.json(message, 200, mapper.toCompletion(completion.request(), completion.prompts(), completions,
                completionId(requestId), clock.instant().getEpochSecond()));
        if (requestId != null) {
            message.setHeader("x-request-id", requestId);
        }
    }

    /** {@code cmpl-<X-Request-Id>}, or a random one when GigaChat sent none. */
    static String completionId(String upstreamRequestId) {
        return "cmpl-" + (upstreamRequestId == null || upstreamRequestId.isBlank()
                ? UUID.randomUUID().toString() : upstreamRequestId.trim());
    }
}
