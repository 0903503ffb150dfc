package io.gigagate.camel;

import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.GigaChatModelList;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.gigachat.auth.MissingCredentialsAuth;
import io.gigagate.gigachat.auth.RefreshingTokenAuth;
import io.gigagate.gigachat.auth.StaticTokenAuth;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.gigagate.gigachat.EmbeddingsRequestMapper;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatRequestParser;
import io.gigagate.openai.TokenIdsDecoder;
import io.gigagate.openai.WireJson;
import io.gigagate.resilience.RetryPolicy;
import io.gigagate.security.ModelConcurrency;
import io.gigagate.security.Redactor;
import io.gigagate.stream.StreamLimits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;

/**
 * Builds the gateway's beans from plain settings, without Spring. The Spring configuration calls these
 * factories, and so do YAML {@code beans:} blocks on Camel Main, {@code camel run} and Camel K
 * ({@code factoryBean: io.gigagate.camel.GatewayBeans}, {@code factoryMethod: ...}): one wiring for
 * both. In YAML, durations are ISO-8601 ({@code PT25M}) and timeouts are milliseconds.
 */
public final class GatewayBeans {

    private GatewayBeans() {
    }

    /** {@link #modelAliases(boolean, String, Map)} without configured aliases (YAML beans). */
    public static Map<String, String> modelAliases(boolean defaultAliases, String embeddingsModel) {
        return modelAliases(defaultAliases, embeddingsModel, Map.of());
    }

    /** The built-in aliases (when {@code defaultAliases}) overridden by the configured ones. */
    public static Map<String, String> modelAliases(boolean defaultAliases, String embeddingsModel, Map<String, String> configured) {
        Map<String, String> aliases = new LinkedHashMap<>();
        if (defaultAliases) {
            aliases.putAll(ModelResolver.defaultAliases(embeddingsModel));
        }
        if (configured != null) {
            aliases.putAll(configured);
        }
        return aliases;
    }

    public static ModelResolver modelResolver(String defaultModel, boolean passModel, Map<String, String> aliases) {
        return new ModelResolver(defaultModel, ModelResolver.DEFAULT_EMBEDDINGS_MODEL, passModel, false, aliases);
    }

    /** The OpenAI front's chat parser: bytes → {@code ChatCompletionRequest} on the body. */
    public static FrontRequestParser<ChatCompletionRequest> openAiChatRequestParser() {
        return new FrontRequestParser<>(ChatRequestParser::parse);
    }

    /** The route template every public endpoint is made from. */
    public static FrontEndpointTemplate frontEndpointTemplate() {
        return new FrontEndpointTemplate();
    }

    public static ChatRequestProcessor chatRequestProcessor(ModelResolver models, Boolean profanityCheck) {
        return new ChatRequestProcessor(models, new ChatRequestMapper(profanityCheck), ChatRequestProcessor.MAX_MESSAGES);
    }

    /** GigaChat's chat answers read back as chat completions; shared by every front's answer step. */
    public static ChatAnswers chatAnswers() {
        return new ChatAnswers(new ChatResponseMapper(), Clock.systemUTC());
    }

    public static ChatResponseProcessor chatResponseProcessor() {
        return new ChatResponseProcessor(chatAnswers());
    }

    public static ChatStreamProcessor chatStreamProcessor(Duration totalTimeout) {
        return new ChatStreamProcessor(new StreamLimits(totalTimeout), Clock.systemUTC());
    }

    /** GigaChat's model list through {@code direct:gigachat-models}, cached for {@code ttl}. */
    public static ModelCatalog modelCatalog(ProducerTemplate template, Map<String, String> aliases, Duration ttl) {
        return new ModelCatalog(() -> {
            byte[] body = template.requestBody("direct:gigachat-models", null, byte[].class);
            try {
                return WireJson.mapper().readValue(body, GigaChatModelList.class);
            } catch (IOException e) {
                throw new IllegalStateException("GigaChat's model list could not be read", e);
            }
        }, aliases, ttl);
    }

    public static ModelsProcessor modelsProcessor(ModelCatalog catalog) {
        return new ModelsProcessor(catalog);
    }

    /**
     * Token-based auth from gpt2giga's settings, in its order of preference: a ready access token,
     * else OAuth with the authorization key, else user/password; null when none is set (the caller
     * then tries a client certificate or reports the missing credentials).
     */
    public static GigaChatAuth tokenAuth(ProducerTemplate template, String accessToken, String credentials, String scope,
            String user, String password) {
        if (notBlank(accessToken)) {
            return new StaticTokenAuth(accessToken.strip());
        }
        if (notBlank(credentials)) {
            return new RefreshingTokenAuth(CamelTokenSource.oauth(template, credentials, scope));
        }
        if (notBlank(user) && notBlank(password)) {
            return new RefreshingTokenAuth(CamelTokenSource.userPassword(template, user, password, scope));
        }
        return null;
    }

    /** {@link #tokenAuth} for YAML beans; without any credential every call fails with a clear 401. */
    public static GigaChatAuth gigaChatAuth(ProducerTemplate template, String accessToken, String credentials, String scope,
            String user, String password) {
        GigaChatAuth auth = tokenAuth(template, accessToken, credentials, scope, user, password);
        return auth != null ? auth : new MissingCredentialsAuth();
    }

    /**
     * The door with the defaults of application.yaml: 3 attempts with backoff from 250 ms, a breaker
     * opening at 50 % failures, no per-model limit, traffic logged at DEBUG of io.gigagate.traffic.
     */
    public static GigaChatUpstreamRoutes upstreamRoutes(String baseUrl, long readTimeoutMillis, long streamIdleTimeoutMillis,
            GigaChatAuth auth) {
        return new GigaChatUpstreamRoutes(baseUrl, readTimeoutMillis, streamIdleTimeoutMillis, auth,
                new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(20)),
                new UpstreamBreaker(CircuitBreaker.ofDefaults(GigaChatUpstreamRoutes.CIRCUIT_BREAKER)),
                new ModelSlot(new ModelConcurrency(Map.of(), 0, 0, Duration.ZERO)), trafficLog(false));
    }

    public static TrafficLog trafficLog(boolean verbose) {
        return new TrafficLog(new Redactor(16_384), verbose);
    }

    public static GigaChatAuthRoutes authRoutes(String authUrl, String baseUrl, long readTimeoutMillis) {
        return new GigaChatAuthRoutes(authUrl, baseUrl, readTimeoutMillis);
    }

    /** The shared route configuration, without pass-token mode. */
    public static FrontRouteConfiguration errorRouteConfiguration() {
        return FrontRouteConfiguration.openAi(new ClientContextCapture(null), trafficLog(false));
    }

    /** Runs the parallel upstream calls of n > 1, batches and image sets on at most {@code threads} daemon threads. */
    public static UpstreamFanOut upstreamFanOut(ProducerTemplate template, int threads, int maxParallelPerRequest) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(0, Math.max(1, threads), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "gigagate-fan-out-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        return new UpstreamFanOut(template, pool, maxParallelPerRequest);
    }

    /** n &gt; 1 with stream: n GigaChat streams interleaved; one daemon reader thread per choice stream. */
    public static ChatStreamChoicesProcessor chatStreamChoicesProcessor(ProducerTemplate template, Duration totalTimeout,
            int maxChoices) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService readers = java.util.concurrent.Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "gigagate-choice-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new ChatStreamChoicesProcessor(template, new StreamLimits(totalTimeout), readers, Clock.systemUTC(),
                maxChoices);
    }

    public static EmbeddingsProcessor embeddingsProcessor(ModelResolver models, String tokenEncoding, int batchSize) {
        return new EmbeddingsProcessor(models, new TokenIdsDecoder(tokenEncoding), new EmbeddingsRequestMapper(batchSize));
    }

    public static ChatChoicesProcessor chatChoicesProcessor(int maxChoices) {
        return new ChatChoicesProcessor(chatAnswers(), maxChoices);
    }

    public static CompletionsProcessor completionsProcessor(ModelResolver models, String tokenEncoding, Boolean profanityCheck,
            int maxChoices) {
        return new CompletionsProcessor(models, new TokenIdsDecoder(tokenEncoding), new ChatRequestMapper(profanityCheck),
                Clock.systemUTC(), maxChoices);
    }

    public static CompletionsStreamProcessor completionsStreamProcessor(Duration totalTimeout) {
        return new CompletionsStreamProcessor(new StreamLimits(totalTimeout), Clock.systemUTC());
    }

    /** @param publicBaseUrl how clients reach the gateway, for image URLs; null = from the request */
    public static ImagesProcessor imagesProcessor(String model, Duration urlTtl, long cacheBytes, String publicBaseUrl) {
        return new ImagesProcessor(model, new GeneratedImageStore(urlTtl, cacheBytes), publicBaseUrl, Clock.systemUTC());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
