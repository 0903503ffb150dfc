package io.gigagate.camel;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.ReasoningPolicy;
import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.EmbeddingsRequestMapper;
import io.gigagate.gigachat.GigaChatModelList;
import io.gigagate.gigachat.ModelAliasList;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.gigachat.StructuredOutputMode;
import io.gigagate.gigachat.auth.CertificateAuth;
import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.gigachat.auth.MissingCredentialsAuth;
import io.gigagate.gigachat.auth.RefreshingTokenAuth;
import io.gigagate.gigachat.auth.StaticTokenAuth;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatRequestParser;
import io.gigagate.openai.TokenIdsDecoder;
import io.gigagate.wire.WireJson;
import io.gigagate.resilience.CredentialPool;
import io.gigagate.resilience.RetryPolicy;
import io.gigagate.logging.LogRedaction;
import io.gigagate.security.LogSecrets;
import io.gigagate.security.PassToken;
import io.gigagate.security.PassTokenAuths;
import io.gigagate.security.Redactor;
import io.gigagate.stream.StreamLimits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import io.gigagate.error.FrontErrors;
import io.gigagate.openai.OpenAiErrors;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.ApiKeys;
import io.gigagate.security.CorsPolicy;
import io.gigagate.security.KeyBudget;
import io.gigagate.state.SharedState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the gateway's beans from plain settings, without Spring: the one construction path of every
 * bean both runtimes have. The Spring configuration ({@code io.gigagate.config.*Configuration}) only
 * reads its properties and calls these factories; on Camel Main, {@code camel run} and Camel K the YAML
 * {@code beans:} block (deploy/camel-k/beans.camel.yaml: {@code factoryBean: io.gigagate.camel.GatewayBeans},
 * {@code factoryMethod: ...}) calls the same ones with Camel property placeholders under the Spring
 * properties' names and defaults. Each factory takes every setting the Spring side uses. Where a
 * placeholder cannot carry a value (a map, a list, a data size, an unset number) a {@code ...FromText}
 * variant takes the text form (see {@link SettingFormats}) and hands the parsed value to the typed
 * factory, so both runtimes still end in the same constructor calls. (Text variants have names of their
 * own: Camel chooses a factory method by name and argument count, and same-size overloads that differ
 * in a converted type, a Duration or a boolean say, leave it unable to choose.) Durations are {@code java.time.Duration}; Camel converts
 * ISO-8601 ({@code PT25M}) and Spring-style ({@code 25m}) text to it.
 */
public final class GatewayBeans {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayBeans.class);

    private GatewayBeans() {
    }

    /**
     * The model resolver with the aliases as text only (YAML beans): {@code aliases} is GIGAGATE_ALIASES,
     * {@code alias=target} pairs separated by commas ({@link ModelAliasList}).
     */
    public static ModelResolver modelResolverFromText(String defaultModel, String embeddingsModel, boolean passModel,
            boolean defaultAliases, String aliases) {
        return modelResolver(defaultModel, embeddingsModel, passModel, defaultAliases, Map.of(), aliases);
    }

    /**
     * @param defaultAliases whether the built-in table for OpenAI model names applies (gigagate.default-aliases)
     * @param modelAliases   gigagate.model-aliases: alias → target (Spring only: a map)
     * @param aliases        gigagate.aliases: the same as text, applied over {@code modelAliases}
     */
    public static ModelResolver modelResolver(String defaultModel, String embeddingsModel, boolean passModel,
            boolean defaultAliases, Map<String, String> modelAliases, String aliases) {
        Map<String, String> overrides = new LinkedHashMap<>(modelAliases == null ? Map.of() : modelAliases);
        overrides.putAll(ModelAliasList.parse(aliases));
        return new ModelResolver(defaultModel, embeddingsModel, passModel, defaultAliases, overrides);
    }

    /** The OpenAI front's chat parser: bytes → {@code ChatCompletionRequest} on the body. */
    public static FrontRequestParser<ChatCompletionRequest> openAiChatRequestParser() {
        return new FrontRequestParser<>(ChatRequestParser::parse);
    }

    /** The route template every public endpoint is made from. */
    public static FrontEndpointTemplate frontEndpointTemplate() {
        return new FrontEndpointTemplate();
    }

    /**
     * @param profanityCheck               gigachat.profanity-check, sent when the client does not say; null sends nothing
     * @param structuredOutputMode         gigagate.structured-output-mode; wins over the next one
     * @param gpt2gigaStructuredOutputMode gpt2giga.structured-output-mode
     * @param maxMessages                  gigagate.security.max-messages
     */
    public static ChatRequestProcessor chatRequestProcessor(ModelResolver models, Boolean profanityCheck,
            String structuredOutputMode, String gpt2gigaStructuredOutputMode, int maxMessages) {
        return chatRequestProcessor(models, profanityCheck, structuredOutputMode, gpt2gigaStructuredOutputMode,
                maxMessages, 0, null, false, BuiltInTools.NONE_SERVED);
    }

    /**
     * @param defaultMaxTokens gigagate.default-max-tokens (gpt2giga's GPT2GIGA_DEFAULT_MAX_TOKENS): max_tokens
     *                         for chat requests that give none; 0 sends none
     * @param reasoningDefaultEffort gigagate.reasoning.default-effort (gpt2giga's ENABLE_REASONING: high): the
     *                         effort of requests that ask for none; blank adds none
     * @param reasoningDisabled gigagate.reasoning.disabled (gpt2giga's DISABLE_REASONING): no effort is sent
     * @param builtInTools which GigaChat built-in tools requests may get
     */
    public static ChatRequestProcessor chatRequestProcessor(ModelResolver models, Boolean profanityCheck,
            String structuredOutputMode, String gpt2gigaStructuredOutputMode, int maxMessages, int defaultMaxTokens,
            String reasoningDefaultEffort, boolean reasoningDisabled, BuiltInTools builtInTools) {
        StructuredOutputMode mode = structuredOutputMode(structuredOutputMode, gpt2gigaStructuredOutputMode);
        LOG.info("Structured output (response_format json_schema) is sent to GigaChat as {}",
                mode == StructuredOutputMode.NATIVE ? "its native response_format" : "a forced function call");
        if (defaultMaxTokens > 0) {
            LOG.info("Chat requests without max_tokens are sent with max_tokens {}", defaultMaxTokens);
        }
        ReasoningPolicy reasoning = new ReasoningPolicy(reasoningDefaultEffort, reasoningDisabled);
        if (reasoning.disabled() || reasoning.defaultEffort() != null) {
            LOG.info("Reasoning effort: {}", reasoning.disabled() ? "never sent (disabled)"
                    : reasoning.defaultEffort() + " when the client asks for none");
        }
        return new ChatRequestProcessor(models, new ChatRequestMapper(profanityCheck, mode, defaultMaxTokens, reasoning),
                maxMessages, builtInTools);
    }

    /** GIGAGATE_STRUCTURED_OUTPUT_MODE, else gpt2giga's GPT2GIGA_STRUCTURED_OUTPUT_MODE, else the default (function). */
    public static StructuredOutputMode structuredOutputMode(String gigagateMode, String gpt2gigaMode) {
        return StructuredOutputMode.parse(gigagateMode,
                StructuredOutputMode.parse(gpt2gigaMode, ChatRequestMapper.DEFAULT_STRUCTURED_OUTPUT_MODE));
    }

    /** GigaChat's chat answers read back as chat completions; shared by every front's answer step. */
    public static ChatAnswers chatAnswers() {
        return new ChatAnswers(new ChatResponseMapper(), Clock.systemUTC());
    }

    /** What the fronts do with vendor built-in tools GigaChat cannot serve (gigagate.strict-tools). */
    public static BuiltInToolPolicy builtInToolPolicy(boolean strict) {
        return new BuiltInToolPolicy(strict);
    }

    public static ChatResponseProcessor chatResponseProcessor() {
        return new ChatResponseProcessor(chatAnswers());
    }

    public static ChatStreamProcessor chatStreamProcessor(Duration totalTimeout) {
        return new ChatStreamProcessor(new StreamLimits(totalTimeout), Clock.systemUTC());
    }

    /** GigaChat's model list through {@code direct:gigachat-models} with the resolver's aliases, cached for {@code ttl}. */
    public static ModelCatalog modelCatalog(ProducerTemplate template, ModelResolver models, Duration ttl) {
        return new ModelCatalog(() -> {
            byte[] body = template.requestBody("direct:gigachat-models", null, byte[].class);
            try {
                return WireJson.mapper().readValue(body, GigaChatModelList.class);
            } catch (IOException e) {
                throw new IllegalStateException("GigaChat's model list could not be read", e);
            }
        }, models.aliases(), ttl);
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

    /**
     * GigaChat's auth from gpt2giga's settings, as the YAML beans pass them: {@code credentialPool} is
     * GIGAGATE_CREDENTIAL_POOL's text, {@code key} or {@code key:scope} separated by commas.
     */
    public static GigaChatAuth gigaChatAuthFromText(ProducerTemplate template, String accessToken, String credentials,
            String scope, String user, String password, boolean mtlsAuth, String certFile, String keyFile, String credentialPool,
            Duration credentialRest) {
        return gigaChatAuth(template, accessToken, credentials, scope, user, password, mtlsAuth, certFile, keyFile,
                SettingFormats.list(credentialPool), credentialRest);
    }

    /**
     * GigaChat's auth: a pool of authorization keys when {@code credentialPool} has any; else the client
     * certificate alone when {@code mtlsAuth} and a certificate and key are configured; else
     * {@link #tokenAuth}; else the certificate when one is configured; else every call fails with a
     * clear 401. The certificate itself is presented by the HTTP client's TLS set-up, not here.
     *
     * <p>Every credential given is registered with {@link LogSecrets} first, and log redaction is installed
     * ({@link LogRedaction#install()}: on Spring Boot it already is; on Camel Main and Camel K this is where
     * it starts), so none of them, nor the tokens they bring, can reach a log.
     *
     * @param credentialPool each {@code key} or {@code key:scope} (without a scope, {@code scope} applies)
     * @param credentialRest how long a pooled credential that answered 401/402/429 is left alone
     */
    public static GigaChatAuth gigaChatAuth(ProducerTemplate template, String accessToken, String credentials, String scope,
            String user, String password, boolean mtlsAuth, String certFile, String keyFile, List<String> credentialPool,
            Duration credentialRest) {
        LogRedaction.install();
        registerCredentials(accessToken, credentials, user, password, credentialPool);
        if (credentialPool != null && !credentialPool.isEmpty()) {
            return credentialPool(template, credentialPool, scope, credentialRest);
        }
        boolean certificate = notBlank(certFile) && notBlank(keyFile);
        if (mtlsAuth && certificate) {
            return new CertificateAuth();
        }
        GigaChatAuth tokenAuth = tokenAuth(template, accessToken, credentials, scope, user, password);
        if (tokenAuth != null) {
            return tokenAuth;
        }
        if (certificate) {
            return new CertificateAuth();
        }
        LOG.warn(MissingCredentialsAuth.MESSAGE);
        return new MissingCredentialsAuth();
    }

    /** The configured GigaChat credentials, masked in every log for the life of the process. */
    static void registerCredentials(String accessToken, String credentials, String user, String password,
            List<String> credentialPool) {
        if (notBlank(accessToken)) {
            LogSecrets.register(accessToken);
        }
        if (notBlank(credentials)) {
            LogSecrets.registerAuthorizationKey(credentials, Long.MAX_VALUE);
        }
        if (notBlank(password)) {
            LogSecrets.registerUserPassword(notBlank(user) ? user.strip() : null, password, Long.MAX_VALUE);
        }
        if (credentialPool != null) {
            for (String entry : credentialPool) {
                String value = entry.strip();
                int colon = value.lastIndexOf(':');
                LogSecrets.registerAuthorizationKey(colon > 0 ? value.substring(0, colon) : value, Long.MAX_VALUE);
            }
        }
    }

    private static CredentialPool credentialPool(ProducerTemplate template, List<String> entries, String defaultScope,
            Duration rest) {
        List<GigaChatAuth> members = new ArrayList<>();
        for (String entry : entries) {
            String value = entry.strip();
            int colon = value.lastIndexOf(':');
            String key = colon > 0 ? value.substring(0, colon) : value;
            String scope = colon > 0 ? value.substring(colon + 1) : defaultScope;
            members.add(new RefreshingTokenAuth(CamelTokenSource.oauth(template, key, scope)));
        }
        return new CredentialPool(members, rest, Clock.systemUTC());
    }

    /**
     * Pass-token mode ({@code passToken}): clients bring their own GigaChat credential in
     * {@code Authorization: Bearer giga-...}; the last {@code passTokenCacheSize} keep their token. Off:
     * only the client context (allow-listed headers, API key name) is captured.
     */
    public static ClientContextCapture clientContextCapture(ProducerTemplate template, boolean passToken,
            int passTokenCacheSize, String scope) {
        if (!passToken) {
            return new ClientContextCapture(null);
        }
        // worded so that the log masking (LogSecrets) has nothing to mask in it
        LOG.info("Pass-token mode: clients bring their own GigaChat credentials in the Authorization header "
                + "(Bearer with the prefix giga-cred, giga-auth or giga-user)");
        return new ClientContextCapture(new PassTokenAuths(passTokenCacheSize, Duration.ofHours(1),
                token -> passTokenAuth(token, scope, template)));
    }

    /** The auth for a client's own credential; an authorization key without a scope gets {@code scope}. */
    public static GigaChatAuth passTokenAuth(PassToken token, String scope, ProducerTemplate template) {
        return switch (token.kind()) {
            case ACCESS_TOKEN -> new StaticTokenAuth(token.secret());
            case CREDENTIALS -> new RefreshingTokenAuth(CamelTokenSource.oauth(template, token.secret(),
                    token.scopeOrUser() != null ? token.scopeOrUser() : scope));
            case USER_PASSWORD -> new RefreshingTokenAuth(CamelTokenSource.userPassword(template, token.scopeOrUser(),
                    token.secret(), scope));
        };
    }

    /** GIGACHAT_TIMEOUT, else the legacy GPT2GIGA_TIMEOUT (both seconds), else gigagate.upstream.read-timeout. */
    public static long upstreamReadTimeoutMillis(Double gigachatTimeout, Double gpt2gigaTimeout, Duration readTimeout) {
        Double seconds = gigachatTimeout != null ? gigachatTimeout : gpt2gigaTimeout;
        return seconds != null ? Math.round(seconds * 1000) : readTimeout.toMillis();
    }

    /** Retries of failed GigaChat calls (gigagate.retry.*). */
    public static RetryPolicy retryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, budget);
    }

    /**
     * The breaker around GigaChat (gigagate.circuit-breaker.*), registered as
     * {@value GigaChatUpstreamRoutes#CIRCUIT_BREAKER}: only upstream failures (5xx, broken connections,
     * see {@link UpstreamFailures}) count; it moves from open to half-open by itself.
     *
     * @param failureRateThreshold boxed: Camel's YAML beans cannot pass a primitive float or double
     */
    public static CircuitBreaker circuitBreaker(Float failureRateThreshold, int minimumCalls, int slidingWindow,
            Duration waitInOpen, int halfOpenCalls) {
        return CircuitBreaker.of(GigaChatUpstreamRoutes.CIRCUIT_BREAKER, CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .minimumNumberOfCalls(minimumCalls)
                .slidingWindowSize(slidingWindow)
                .waitDurationInOpenState(waitInOpen)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(UpstreamFailures::isUpstreamFailure)
                .build());
    }

    /** Per-model limits as text (YAML beans): {@code model=limit} pairs separated by commas. */
    public static ModelSlot modelSlotFromText(String perModel, int defaultLimit, int queueSize, Duration queueTimeout,
            SharedState state) {
        return modelSlot(SettingFormats.intMap(perModel), defaultLimit, queueSize, queueTimeout, state);
    }

    /**
     * How many calls may be in flight to each GigaChat model (gigagate.security.model-*).
     *
     * @param perModel model → limit; @param defaultLimit for other models, 0 = unlimited
     */
    public static ModelSlot modelSlot(Map<String, Integer> perModel, int defaultLimit, int queueSize, Duration queueTimeout,
            SharedState state) {
        return new ModelSlot(StateBeans.modelConcurrency(state, perModel, defaultLimit, queueSize, queueTimeout));
    }

    /** The door to GigaChat with the timeouts as the YAML beans pass them: seconds as text (blank = unset). */
    public static GigaChatUpstreamRoutes upstreamRoutesFromText(String baseUrl, GigaChatApiModes apiModes,
            String gigachatTimeout, String gpt2gigaTimeout, Duration readTimeout, Duration streamIdleTimeout,
            GigaChatAuth auth, RetryPolicy retryPolicy, CircuitBreaker circuitBreaker, ModelSlot modelSlot,
            TrafficLog trafficLog) {
        return upstreamRoutes(baseUrl, apiModes, upstreamReadTimeoutMillis(SettingFormats.seconds(gigachatTimeout),
                        SettingFormats.seconds(gpt2gigaTimeout), readTimeout),
                streamIdleTimeout.toMillis(), auth, retryPolicy, circuitBreaker, modelSlot, trafficLog);
    }

    /** @param apiModes which chat contract (v1, v2) each model is called with */
    public static GigaChatUpstreamRoutes upstreamRoutes(String baseUrl, GigaChatApiModes apiModes,
            long readTimeoutMillis, long streamIdleTimeoutMillis, GigaChatAuth auth, RetryPolicy retryPolicy,
            CircuitBreaker circuitBreaker, ModelSlot modelSlot, TrafficLog trafficLog) {
        return new GigaChatUpstreamRoutes(baseUrl, apiModes, readTimeoutMillis, streamIdleTimeoutMillis, auth,
                retryPolicy, new UpstreamBreaker(circuitBreaker), modelSlot, trafficLog);
    }

    /**
     * @param apiMode          GigaChat's chat contract, v1 or v2 (gigachat.api-mode)
     * @param apiModesPerModel per-model exceptions, {@code Model=v2,Other=v1} (gigagate.api-modes)
     */
    public static GigaChatApiModes gigaChatApiModes(String apiMode, String apiModesPerModel) {
        GigaChatApiModes modes = GigaChatApiModes.parse(apiMode, apiModesPerModel);
        if (modes.anyV2()) {
            LOG.info("GigaChat chat contract: {} by default{}", modes.defaultMode(),
                    modes.perModel().isEmpty() ? "" : ", per model " + modes.perModel());
        }
        return modes;
    }

    /**
     * @param mapping whether vendors' built-in tools map to GigaChat's (gigagate.builtin-tool-mapping; gpt2giga's
     *                DISABLE_BUILTIN_TOOL_MAPPING turns it off)
     */
    public static BuiltInTools builtInTools(GigaChatApiModes apiModes, boolean mapping, BuiltInToolPolicy policy) {
        return new BuiltInTools(apiModes, mapping, policy);
    }

    public static TrafficLog trafficLog(boolean verbose) {
        return trafficLog(verbose, false);
    }

    /** {@link #trafficLog} that also keeps the redacted request for the usage record (gigagate.usage.capture-content). */
    public static TrafficLog trafficLog(boolean verbose, boolean captureContent) {
        return new TrafficLog(new Redactor(16_384), verbose, captureContent);
    }

    /** The token endpoints with the timeouts as the YAML beans pass them: seconds as text (blank = unset). */
    public static GigaChatAuthRoutes authRoutesFromText(String authUrl, String baseUrl, String gigachatTimeout,
            String gpt2gigaTimeout, Duration readTimeout) {
        return authRoutes(authUrl, baseUrl, upstreamReadTimeoutMillis(SettingFormats.seconds(gigachatTimeout),
                SettingFormats.seconds(gpt2gigaTimeout), readTimeout));
    }

    public static GigaChatAuthRoutes authRoutes(String authUrl, String baseUrl, long readTimeoutMillis) {
        return new GigaChatAuthRoutes(authUrl, baseUrl, readTimeoutMillis);
    }

    /** The gateway's API keys: {@code named} (name → key or {@code sha256:<hex>}) and gpt2giga's one key as "default". */
    public static ApiKeys apiKeys(Map<String, String> named, String gpt2gigaApiKey) {
        Map<String, String> keys = new LinkedHashMap<>(named == null ? Map.of() : named);
        if (notBlank(gpt2gigaApiKey)) {
            keys.put("default", gpt2gigaApiKey);
        }
        return ApiKeys.of(keys);
    }

    /** {@link #apiKeys} with the named keys as text ({@code name=key,name=sha256:<hex>}), for YAML beans. */
    public static ApiKeys apiKeysFromText(String named, String gpt2gigaApiKey) {
        return apiKeys(SettingFormats.map(named), gpt2gigaApiKey);
    }

    /**
     * The access policy of every front (see {@link AccessPolicy#enforce} for when keys are required).
     *
     * @param listenAddress the address the gateway listens on (server.address; camel.server.host)
     * @param requestsPerMinute per key, 0 = no rate limit
     * @param maxConcurrent     per key, 0 = no concurrency limit
     */
    public static AccessPolicy accessPolicy(ApiKeys keys, String requireApiKey, String listenAddress, int requestsPerMinute,
            int maxConcurrent, CorsPolicy cors) {
        return accessPolicy(keys, requireApiKey, listenAddress, requestsPerMinute, maxConcurrent, cors, SharedState.memory());
    }

    /** {@link #accessPolicy} with the per-key limits counted where {@code state} says (Camel Main/Camel K). */
    public static AccessPolicy accessPolicy(ApiKeys keys, String requireApiKey, String listenAddress, int requestsPerMinute,
            int maxConcurrent, CorsPolicy cors, SharedState state) {
        return accessPolicy(keys, requireApiKey, listenAddress, requestsPerMinute, maxConcurrent, cors, KeyBudget.NONE, state);
    }

    /** {@link #accessPolicy} with the keys' budgets (io.gigagate.usage.Budgets, made by UsageBeans on both runtimes). */
    public static AccessPolicy accessPolicy(ApiKeys keys, String requireApiKey, String listenAddress, int requestsPerMinute,
            int maxConcurrent, CorsPolicy cors, KeyBudget budget, SharedState state) {
        boolean enforce = AccessPolicy.enforce(requireApiKey, isLoopback(listenAddress), listenAddress, keys);
        return new AccessPolicy(keys, enforce, StateBeans.keyLimits(state, requestsPerMinute, maxConcurrent), cors, budget);
    }

    /**
     * {@link #accessPolicy} for a YAML bean whose {@code gigagate.security.require-api-key} is {@code true} or
     * {@code false}: Camel reads such a value as a boolean and would find no method taking it as text.
     */
    public static AccessPolicy accessPolicy(ApiKeys keys, boolean requireApiKey, String listenAddress, int requestsPerMinute,
            int maxConcurrent, CorsPolicy cors, KeyBudget budget, SharedState state) {
        return accessPolicy(keys, String.valueOf(requireApiKey), listenAddress, requestsPerMinute, maxConcurrent, cors, budget,
                state);
    }

    /** Which browser origins may call (gigagate.security.cors.*): origin patterns, methods, headers, pre-flight cache. */
    public static CorsPolicy corsPolicy(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
            Duration maxAge) {
        return new CorsPolicy(allowedOrigins, allowedMethods, allowedHeaders, maxAge);
    }

    /** {@link #corsPolicy} with the lists as comma-separated text, for YAML beans. */
    public static CorsPolicy corsPolicyFromText(String allowedOrigins, String allowedMethods, String allowedHeaders,
            Duration maxAge) {
        return corsPolicy(SettingFormats.list(allowedOrigins), SettingFormats.list(allowedMethods),
                SettingFormats.list(allowedHeaders), maxAge);
    }

    /** Whether the address (a name is resolved) is a loopback address; one that cannot be resolved is not. */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Which front's error shape answers a refusal made before the routes (the body limit, unknown paths): each
     * front's route configuration adds its path prefixes; OpenAI's answers any other path.
     */
    public static FrontErrors frontErrors() {
        return new FrontErrors(OpenAiErrors.INSTANCE);
    }

    /** The OpenAI front's route configuration ({@value FrontRouteConfiguration#OPENAI}), registered with {@code frontErrors}. */
    public static FrontRouteConfiguration errorRouteConfiguration(AccessPolicy accessPolicy, boolean passToken,
            ClientContextCapture clientContextCapture, TrafficLog trafficLog, FrontErrors frontErrors) {
        return FrontRouteConfiguration.openAi(accessPolicy, passToken, clientContextCapture, trafficLog).addTo(frontErrors);
    }

    /** Runs the parallel upstream calls of n > 1, batches and image sets on at most {@code threads} pool threads. */
    public static UpstreamFanOut upstreamFanOut(ProducerTemplate template, int threads, int maxParallelPerRequest) {
        return new UpstreamFanOut(template, camelPool(template, "gigagate-fan-out", threads), maxParallelPerRequest);
    }

    /**
     * n &gt; 1 with stream: n GigaChat streams interleaved, one reader per choice stream on at most
     * {@code readerThreads} pool threads (a request that finds them all busy is refused with a 503).
     */
    public static ChatStreamChoicesProcessor chatStreamChoicesProcessor(ProducerTemplate template, Duration totalTimeout,
            int maxChoices, int readerThreads) {
        return new ChatStreamChoicesProcessor(template, new StreamLimits(totalTimeout),
                camelPool(template, "gigagate-choice-readers", readerThreads), Clock.systemUTC(), maxChoices);
    }

    /**
     * A bounded pool managed by Camel's ExecutorServiceManager: its threads carry the pool's name, it is shut
     * down with the context, and it makes virtual threads where Camel is told to; at most {@code maxThreads},
     * no queue, and a task beyond that is refused (the caller decides: fan-out runs it itself, n &gt; 1
     * streaming answers 503).
     */
    private static ExecutorService camelPool(ProducerTemplate template, String name, int maxThreads) {
        // with no queue Camel keeps the pool at its core size, so the core is the bound; idle threads still end
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder(name)
                .poolSize(Math.max(1, maxThreads))
                .maxPoolSize(Math.max(1, maxThreads))
                .maxQueueSize(0)
                .allowCoreThreadTimeOut(true)
                .keepAliveTime(60L, TimeUnit.SECONDS)
                .rejectedPolicy(ThreadPoolRejectedPolicy.Abort)
                .build();
        return template.getCamelContext().getExecutorServiceManager().newThreadPool(GatewayBeans.class, name, profile);
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

    /** Image generation with the cache size as text ({@code 256MB}; YAML beans). */
    public static ImagesProcessor imagesProcessorFromText(String imagesModel, String defaultModel, Duration urlTtl, String cacheSize,
            String publicBaseUrl, io.gigagate.state.SharedState state) {
        return imagesProcessor(imagesModel, defaultModel, urlTtl, SettingFormats.bytes(cacheSize), publicBaseUrl, state);
    }

    /**
     * @param imagesModel   the model that draws (gigagate.images.model); blank means {@code defaultModel}
     * @param publicBaseUrl how clients reach the gateway, for image URLs; blank = from the request
     * @param state         the sharedState bean: with Redis, generated images (their URLs) are shared by all replicas
     */
    public static ImagesProcessor imagesProcessor(String imagesModel, String defaultModel, Duration urlTtl, long cacheBytes,
            String publicBaseUrl, io.gigagate.state.SharedState state) {
        String model = notBlank(imagesModel) ? imagesModel : defaultModel;
        return new ImagesProcessor(model, new GeneratedImageStore(urlTtl, cacheBytes, state.redis().orElse(null)),
                publicBaseUrl, Clock.systemUTC());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
