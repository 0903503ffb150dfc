package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.responses.InMemoryResponseStore;
import io.gigagate.responses.ResponseStore;
import io.gigagate.state.RedisResponseStore;
import io.gigagate.state.SharedState;
import io.gigagate.stream.StreamLimits;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spring-free factories of the OpenAI Responses front's beans (/v1/responses): the one construction path
 * for the Spring Boot app ({@code io.gigagate.config.ResponsesConfiguration}, from gigagate.responses.*) and
 * for Camel Main, {@code camel run} and Camel K (deploy/camel-k/beans.camel.yaml, from the same properties).
 */
public final class ResponsesBeans {

    private static final Logger LOG = LoggerFactory.getLogger(ResponsesBeans.class);

    private ResponsesBeans() {
    }

    /**
     * The stored responses: on the shared Redis when there is one (GIGAGATE_STATE=redis), else in this
     * replica's memory.
     *
     * @param state      the sharedState bean
     * @param maxEntries gigagate.responses.store.max-entries: the most responses kept in memory (Redis' own
     *                   memory policy bounds the shared store)
     * @param maxBytes   gigagate.responses.store.max-bytes: the most bytes of responses kept in memory
     * @param ttl        gigagate.responses.store.ttl: how long one is kept after it was last written or read
     */
    public static ResponseStore responseStore(SharedState state, long maxEntries, long maxBytes, Duration ttl) {
        return state.redis().<ResponseStore>map(redis -> new RedisResponseStore(redis, ttl))
                .orElseGet(() -> new InMemoryResponseStore(maxEntries, maxBytes, ttl));
    }

    /** The same with the byte bound as the setting's text ({@code 64MB}; Camel K's beans). */
    public static ResponseStore responseStoreFromText(SharedState state, long maxEntries, String maxBytes, Duration ttl) {
        return responseStore(state, maxEntries, SettingFormats.bytes(maxBytes), ttl);
    }

    /** {@code POST /v1/responses}: bytes → the turn's chat request on the body. */
    public static ResponsesRequestProcessor responsesRequestProcessor(ResponseStore store, BuiltInToolPolicy toolPolicy) {
        return new ResponsesRequestProcessor(store, toolPolicy, Clock.systemUTC(), false);
    }

    /**
     * The same with GigaChat's own storage for stored turns on v2 models.
     *
     * @param upstreamStorage gigagate.responses.upstream-storage (off by default; on with every model on v1 it
     *                        changes nothing, which start-up says in the log)
     */
    public static ResponsesRequestProcessor responsesRequestProcessor(ResponseStore store, BuiltInToolPolicy toolPolicy,
            boolean upstreamStorage, GigaChatApiModes apiModes, ModelResolver models) {
        UpstreamStorageSetting setting = new UpstreamStorageSetting(upstreamStorage, apiModes, models);
        if (upstreamStorage && !setting.effective()) {
            LOG.info("gigagate.responses.upstream-storage is on, but every model is called on GigaChat's v1 contract "
                    + "(GIGACHAT_API_MODE, GIGAGATE_API_MODES): it changes nothing; stored responses are continued from "
                    + "the gateway's own store");
        } else if (setting.effective()) {
            LOG.info("Responses: stored turns on v2 models use GigaChat's storage threads "
                    + "(gigagate.responses.upstream-storage)");
        }
        return new ResponsesRequestProcessor(store, toolPolicy, Clock.systemUTC(), false, setting);
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
