package io.gigagate.config;

import io.gigagate.camel.ChatChoicesProcessor;
import io.gigagate.camel.CompletionsProcessor;
import io.gigagate.camel.CompletionsStreamProcessor;
import io.gigagate.camel.EmbeddingsProcessor;
import io.gigagate.camel.GeneratedImageStore;
import io.gigagate.camel.ImagesProcessor;
import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.stream.StreamLimits;
import io.gigagate.gigachat.ChatResponseMapper;
import java.time.Clock;
import io.gigagate.camel.UpstreamFanOut;
import io.gigagate.gigachat.EmbeddingsRequestMapper;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.openai.TokenIdsDecoder;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(0, Math.max(1, surface.fanOut().threads()), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "gigagate-fan-out-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        return new UpstreamFanOut(template, pool, surface.fanOut().maxParallelPerRequest());
    }

    @Bean
    EmbeddingsProcessor embeddingsProcessor(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga,
                                            Map<String, String> modelAliases, SurfaceProperties surface) {
        // its own resolver, built with GPT2GIGA_EMBEDDINGS, so that a blank or non-embedder model means
        // the configured embedder and not the built-in default
        ModelResolver embeddings = new ModelResolver(gigachat.model(), gpt2giga.embeddings(), gpt2giga.passModel(),
                modelAliases);
        return new EmbeddingsProcessor(embeddings, new TokenIdsDecoder(surface.embeddings().tokenEncoding()),
                new EmbeddingsRequestMapper(surface.embeddings().batchSize()));
    }

    @Bean
    ChatChoicesProcessor chatChoicesProcessor(SurfaceProperties surface) {
        return new ChatChoicesProcessor(new ChatResponseMapper(), Clock.systemUTC(), surface.fanOut().maxChoices());
    }

    @Bean
    CompletionsProcessor completionsProcessor(ModelResolver modelResolver, GigaChatProperties gigachat,
                                              SurfaceProperties surface) {
        return new CompletionsProcessor(modelResolver, new TokenIdsDecoder(surface.embeddings().tokenEncoding()),
                new ChatRequestMapper(gigachat.profanityCheck()), Clock.systemUTC(), surface.fanOut().maxChoices());
    }

    @Bean
    CompletionsStreamProcessor completionsStreamProcessor(GigaGateProperties gigagate) {
        return new CompletionsStreamProcessor(new StreamLimits(gigagate.stream().totalTimeout()), Clock.systemUTC());
    }

    @Bean
    ImagesProcessor imagesProcessor(GigaChatProperties gigachat, SurfaceProperties surface) {
        SurfaceProperties.Images images = surface.images();
        String model = images.model() == null || images.model().isBlank() ? gigachat.model() : images.model();
        return new ImagesProcessor(model, new GeneratedImageStore(images.urlTtl(), images.cacheSize().toBytes()),
                images.publicBaseUrl(), Clock.systemUTC());
    }
}
