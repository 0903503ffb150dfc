package io.gigagate.config;

import io.gigagate.camel.BuiltInToolPolicy;
import io.gigagate.camel.ResponsesAnswerProcessor;
import io.gigagate.camel.ResponsesBeans;
import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.camel.ResponsesInputTokensProcessor;
import io.gigagate.camel.ResponsesRequestProcessor;
import io.gigagate.camel.ResponsesStoreProcessor;
import io.gigagate.camel.ResponsesStreamProcessor;
import io.gigagate.responses.ResponseStore;
import io.gigagate.state.SharedState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the OpenAI Responses front (routes/openai-responses*.camel.yaml): reads
 * gigagate.responses.* and calls {@link ResponsesBeans}, which deploy/camel-k/beans.camel.yaml calls too.
 */
@Configuration(proxyBeanMethods = false)
public class ResponsesConfiguration {

    @Bean
    ResponseStore responseStore(SharedState sharedState, ResponsesProperties responses) {
        return ResponsesBeans.responseStore(sharedState, responses.store().maxEntries(),
                responses.store().maxBytes().toBytes(), responses.store().ttl());
    }

    @Bean
    ResponsesRequestProcessor responsesRequestProcessor(ResponseStore store, BuiltInToolPolicy builtInToolPolicy,
            ResponsesProperties responses, GigaChatApiModes gigaChatApiModes, ModelResolver modelResolver) {
        return ResponsesBeans.responsesRequestProcessor(store, builtInToolPolicy, responses.upstreamStorage(),
                gigaChatApiModes, modelResolver);
    }

    @Bean
    ResponsesRequestProcessor responsesCountRequestProcessor(ResponseStore store, BuiltInToolPolicy builtInToolPolicy) {
        return ResponsesBeans.responsesCountRequestProcessor(store, builtInToolPolicy);
    }

    @Bean
    ResponsesAnswerProcessor responsesAnswerProcessor(ResponseStore store) {
        return ResponsesBeans.responsesAnswerProcessor(store);
    }

    @Bean
    ResponsesStreamProcessor responsesStreamProcessor(ResponseStore store, GigaGateProperties gigagate) {
        return ResponsesBeans.responsesStreamProcessor(store, gigagate.stream().totalTimeout());
    }

    @Bean
    ResponsesStoreProcessor responsesStoreProcessor(ResponseStore store) {
        return ResponsesBeans.responsesStoreProcessor(store);
    }

    @Bean
    ResponsesInputTokensProcessor responsesInputTokensProcessor() {
        return ResponsesBeans.responsesInputTokensProcessor();
    }
}
