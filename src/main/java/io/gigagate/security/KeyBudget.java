package io.gigagate.security;

/**
 * A per-key budget the access policy asks after the key is known and before its rate and concurrency limits
 * ({@code io.gigagate.usage.Budgets}: tokens per day and month, requests per minute). A refusal is a
 * {@link io.gigagate.error.GatewayException} (429 with the time it resets), rendered by the request's front.
 */
@FunctionalInterface
public interface KeyBudget {

    /** No budgets. */
    KeyBudget NONE = keyName -> { };

    /** @throws io.gigagate.error.GatewayException 429 when the key's budget is spent */
    void admit(String keyName);
}
