package io.gigagate.camel;

import io.gigagate.responses.InMemoryResponseStore;
import io.gigagate.responses.ResponseStore;
import io.gigagate.state.RedisResponseStore;
import io.gigagate.state.SharedState;
import io.gigagate.stream.StreamLimits;
import java.time.Clock;
import java.time.Duration;

/**
 * Spring-free factories of the OpenAI Responses front's beans (/v1/responses): the one construction path
 * for the Spring Boot app ({@code io.gigagate.config.ResponsesConfiguration}, from gigagate.responses.*) and
 * for Camel Main, {@code camel run} and Camel K (deploy/camel-k/beans.camel.yaml, from the same properties).
 */
public final class ResponsesBeans {

    private ResponsesBeans() {
    }

    /**
     * The stored responses: on the shared Redis when there is one (GIGAGATE_STATE=redis), else in this
     * replica's memory.
     *
     * @param state      the sharedState bean
     * @param maxEntries gigagate.responses.store.max-entries: the most responses kept in memory (Redis' own
     *                   memory policy bounds the shared store)
     * @param ttl        gigagate.responses.store.ttl: how long one is kept after it was last written or read
     */
    public static ResponseStore responseStore(SharedState state, long maxEntries, Duration ttl) {
        return state.redis().<ResponseStore>map(redis -> new RedisResponseStore(redis, ttl))
                .orElseGet(() -> new InMemoryResponseStore(maxEntries, ttl));
    }

    /** {@code POST /v1/responses}: bytes → the turn's chat request on the body. */
    public static ResponsesRequestProcessor responsesRequestProcessor(ResponseStore store, BuiltInToolPolicy toolPolicy) {
        return new ResponsesRequestProcessor(store, toolPolicy, Clock.systemUTC(), false);
    }

    /** {@code POST /v1/responses/input_tokens}: the same request read for counting. */
    public static ResponsesRequestProcessor responsesCountRequestProcessor(ResponseStore store,
                                                                           BuiltInToolPolicy toolPolicy) {
        return new ResponsesRequestProcessor(store, toolPolicy, Clock.systemUTC(), true);
    }

    public static ResponsesAnswerProcessor responsesAnswerProcessor(ResponseStore store) {
        return new ResponsesAnswerProcessor(GatewayBeans.chatAnswers(), store);
    }

    /** @param totalTimeout gigagate.stream.total-timeout, as for chat's streams */
    public static ResponsesStreamProcessor responsesStreamProcessor(ResponseStore store, Duration totalTimeout) {
        return new ResponsesStreamProcessor(new StreamLimits(totalTimeout), Clock.systemUTC(), store);
    }

    public static ResponsesStoreProcessor responsesStoreProcessor(ResponseStore store) {
        return new ResponsesStoreProcessor(store);
    }

    public static ResponsesInputTokensProcessor responsesInputTokensProcessor() {
        return new ResponsesInputTokensProcessor();
    }
}
