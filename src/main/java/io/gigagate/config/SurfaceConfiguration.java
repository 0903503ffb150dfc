package io.gigagate.config;

import io.gigagate.camel.ChatChoicesProcessor;
import io.gigagate.camel.ChatStreamChoicesProcessor;
import io.gigagate.camel.CompletionsProcessor;
import io.gigagate.camel.CompletionsStreamProcessor;
import io.gigagate.camel.EmbeddingsProcessor;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.ImagesProcessor;
import io.gigagate.camel.UpstreamFanOut;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.state.SharedState;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the OpenAI surface beyond chat: embeddings, legacy completions, image generation
 * and n &gt; 1. The YAML routes call these beans by name ({@code embeddingsProcessor},
 * {@code upstreamFanOut}, ...).
 */
@Configuration(proxyBeanMethods = false)
public class SurfaceConfiguration {

    /**
     * The pool for the extra workers is made here and owned by the bean (closed with it), not a bean
     * of its own: an {@code Executor} bean would make Spring Boot drop its task executor, which the
     * platform-http engine needs. A full pool rejects, and the caller does the work.
     */
    @Bean
    UpstreamFanOut upstreamFanOut(ProducerTemplate template, SurfaceProperties surface) {
        return GatewayBeans.upstreamFanOut(template, surface.fanOut().threads(), surface.fanOut().maxParallelPerRequest());
    }

    /** The shared resolver is built with GPT2GIGA_EMBEDDINGS, so a non-embedder model means the configured embedder. */
    @Bean
    EmbeddingsProcessor embeddingsProcessor(ModelResolver modelResolver, SurfaceProperties surface) {
        return GatewayBeans.embeddingsProcessor(modelResolver, surface.embeddings().tokenEncoding(),
                surface.embeddings().batchSize());
    }

    @Bean
    ChatChoicesProcessor chatChoicesProcessor(SurfaceProperties surface) {
        return GatewayBeans.chatChoicesProcessor(surface.fanOut().maxChoices());
    }

    @Bean
    ChatStreamChoicesProcessor chatStreamChoicesProcessor(ProducerTemplate template, GigaGateProperties gigagate,
                                                          SurfaceProperties surface) {
        return GatewayBeans.chatStreamChoicesProcessor(template, gigagate.stream().totalTimeout(),
                surface.fanOut().maxChoices(), surface.fanOut().streamReaders());
    }

    @Bean
    CompletionsProcessor completionsProcessor(ModelResolver modelResolver, GigaChatProperties gigachat,
                                              SurfaceProperties surface) {
        return GatewayBeans.completionsProcessor(modelResolver, surface.embeddings().tokenEncoding(),
                gigachat.profanityCheck(), surface.fanOut().maxChoices());
    }

    @Bean
    CompletionsStreamProcessor completionsStreamProcessor(GigaGateProperties gigagate) {
        return GatewayBeans.completionsStreamProcessor(gigagate.stream().totalTimeout());
    }

    @Bean
    ImagesProcessor imagesProcessor(GigaChatProperties gigachat, SurfaceProperties surface, SharedState sharedState) {
        SurfaceProperties.Images images = surface.images();
        return GatewayBeans.imagesProcessor(images.model(), gigachat.model(), images.urlTtl(), images.cacheSize().toBytes(),
                images.publicBaseUrl(), sharedState);
    }
}
