package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatChatResponse;
import org.apache.camel.Exchange;

/** Puts GigaChat's reported token usage on the exchange, where the metrics and the usage records read it. */
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
        if (usage.precachedPromptTokens() != null) {
            exchange.setProperty(ExchangeKeys.CACHED_TOKENS, usage.precachedPromptTokens());
        }
    }

    /** Adds one more answer's usage to the exchange's (the answers of a fan-out). */
    static void add(Exchange exchange, GigaChatChatResponse.Usage usage) {
        if (usage == null) {
            return;
        }
        sum(exchange, ExchangeKeys.PROMPT_TOKENS, usage.promptTokens());
        sum(exchange, ExchangeKeys.COMPLETION_TOKENS, usage.completionTokens());
        sum(exchange, ExchangeKeys.CACHED_TOKENS, usage.precachedPromptTokens());
    }

    /** Input tokens of an answer without output (embeddings). */
    static void recordInput(Exchange exchange, int tokens) {
        exchange.setProperty(ExchangeKeys.PROMPT_TOKENS, tokens);
    }

    private static void sum(Exchange exchange, String key, Integer tokens) {
        if (tokens != null) {
            exchange.setProperty(key, exchange.getProperty(key, 0, Integer.class) + tokens);
        }
    }
}
