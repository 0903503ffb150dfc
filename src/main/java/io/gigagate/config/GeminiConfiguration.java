package io.gigagate.config;

import io.gigagate.camel.BuiltInToolPolicy;
import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.FrontRouteConfiguration;
import io.gigagate.camel.GeminiBeans;
import io.gigagate.camel.GeminiEmbeddingsProcessor;
import io.gigagate.camel.GeminiModelsProcessor;
import io.gigagate.camel.GeminiRequestProcessor;
import io.gigagate.camel.GeminiResponseProcessor;
import io.gigagate.camel.GeminiStreamProcessor;
import io.gigagate.camel.TrafficLog;
import io.gigagate.error.FrontErrors;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.security.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the Gemini front (routes/gemini.camel.yaml): its route configuration
 * {@code gemini-errors} and its processors, each from {@link GeminiBeans}, which
 * deploy/camel-k/beans.camel.yaml calls too.
 */
@Configuration(proxyBeanMethods = false)
public class GeminiConfiguration {

    @Bean
    FrontRouteConfiguration geminiRouteConfiguration(AccessPolicy accessPolicy, Gpt2GigaProperties gpt2giga,
            ClientContextCapture clientContextCapture, TrafficLog trafficLog, FrontErrors frontErrors) {
        return GeminiBeans.geminiRouteConfiguration(accessPolicy, gpt2giga.passToken(), clientContextCapture, trafficLog,
                frontErrors);
    }

    @Bean
    GeminiRequestProcessor geminiRequestProcessor(BuiltInToolPolicy builtInToolPolicy) {
        return GeminiBeans.geminiRequestProcessor(builtInToolPolicy);
    }

    @Bean
    GeminiResponseProcessor geminiResponseProcessor() {
        return GeminiBeans.geminiResponseProcessor();
    }

    @Bean
    GeminiStreamProcessor geminiStreamProcessor(GigaGateProperties gigagate) {
        return GeminiBeans.geminiStreamProcessor(gigagate.stream().totalTimeout());
    }

    @Bean
    GeminiEmbeddingsProcessor geminiEmbeddingsProcessor(ModelResolver modelResolver, SurfaceProperties surface) {
        return GeminiBeans.geminiEmbeddingsProcessor(modelResolver, surface.embeddings().batchSize());
    }

    @Bean
    GeminiModelsProcessor geminiModelsProcessor(ModelCatalog modelCatalog, ModelResolver modelResolver) {
        return GeminiBeans.geminiModelsProcessor(modelCatalog, modelResolver);
    }
}
