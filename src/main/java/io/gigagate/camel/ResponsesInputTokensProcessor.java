package io.gigagate.camel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.responses.ResponsesChatMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code POST /v1/responses/input_tokens}: the turn's chat request (from {@link ResponsesRequestProcessor}
 * in counting mode) with its texts only ({@link #textOnly}: images and files are not counted, nothing is
 * uploaded), then the chat steps and {@code direct:chat-input-tokens} (GigaChat's {@code /tokens/count}),
 * then {@link #answer}: {@code {"object": "response.input_tokens", "input_tokens": n}}.
 */
public final class ResponsesInputTokensProcessor {

    public void textOnly(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setBody(ResponsesChatMapper.textOnly(message.getBody(ChatCompletionRequest.class)));
    }

    public void answer(Exchange exchange) throws Exception {
        Integer tokens = exchange.getProperty(ExchangeKeys.INPUT_TOKENS, Integer.class);
        HttpAnswers.json(exchange.getMessage(), 200, JsonNodeFactory.instance.objectNode()
                .put("object", "response.input_tokens").put("input_tokens", tokens == null ? 0 : tokens));
    }
}
