package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatChatResponse;
import org.apache.camel.Exchange;

/** Puts GigaChat's reported token usage on the exchange, where the metrics read it. */
final class UsageProperties {

    private UsageProperties() {
    }

    static void record(Exchange exchange, GigaChatChatResponse.Usage usage) {
        if (usage == null) {
            return;
        }
        if (usage.promptTokens() != null) {
            exchange.setProperty(ExchangeKeys.PROMPT_TOKENS, usage.promptTokens());
        }
        if (usage.completionTokens() != null) {
            exchange.setProperty(ExchangeKeys.COMPLETION_TOKENS, usage.completionTokens());
        }
    }
}
