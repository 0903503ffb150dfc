package io.gigagate.config;

import io.gigagate.camel.ChatRequestProcessor;
import io.gigagate.camel.ChatResponseProcessor;
import io.gigagate.camel.ChatStreamProcessor;
import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.ModelSlot;
import io.gigagate.camel.TrafficLog;
import io.gigagate.camel.UpstreamBreaker;
import io.gigagate.security.Redactor;
import io.gigagate.camel.CamelTokenSource;
import io.gigagate.camel.FrontRequestParser;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.gigachat.auth.RefreshingTokenAuth;
import java.util.LinkedHashMap;
import io.gigagate.camel.GigaChatAuthRoutes;
import io.gigagate.camel.GigaChatUpstreamRoutes;
import io.gigagate.camel.ModelsProcessor;
import io.gigagate.camel.FrontRouteConfiguration;
import io.gigagate.error.FrontErrors;
import io.gigagate.openai.OpenAiErrors;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.gigachat.auth.CertificateAuth;
import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.gigachat.auth.MissingCredentialsAuth;
import io.gigagate.gigachat.auth.StaticTokenAuth;
import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.gigachat.ChatResponseMapper;
import io.gigagate.gigachat.StructuredOutputMode;
import io.gigagate.resilience.CredentialPool;
import io.gigagate.resilience.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import io.gigagate.stream.StreamLimits;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring only: turns the settings into the plain-Java beans the routes use. The YAML routes
 * refer to processors by these bean names ({@code chatRequestProcessor}, ...).
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    GigaChatAuth gigaChatAuth(GigaChatProperties gigachat, GigaGateProperties gigagate, ProducerTemplate template) {
        GigaChatAuth auth = gigagate.credentialPool().isEmpty() ? chooseAuth(gigachat, template)
                : credentialPool(gigagate, gigachat.scope(), template);
        LOG.info("GigaChat at {} with {}", gigachat.baseUrl(), describe(auth, gigachat));
        return auth;
    }

    static GigaChatAuth chooseAuth(GigaChatProperties p, ProducerTemplate template) {
        if (p.mtlsAuth() && p.hasClientCertificate()) {
            return new CertificateAuth();
        }
        GigaChatAuth tokenAuth = GatewayBeans.tokenAuth(template, p.accessToken(), p.credentials(), p.scope(), p.user(), p.password());
        if (tokenAuth != null) {
            return tokenAuth;
        }
        if (p.hasClientCertificate()) {
            return new CertificateAuth();
        }
        LOG.warn(MissingCredentialsAuth.MESSAGE);
        return new MissingCredentialsAuth();
    }

    /** GIGAGATE_CREDENTIAL_POOL: several authorization keys, each {@code key} or {@code key:scope}. */
    static CredentialPool credentialPool(GigaGateProperties gigagate, String defaultScope, ProducerTemplate template) {
        List<GigaChatAuth> members = new ArrayList<>();
        for (String entry : gigagate.credentialPool()) {
            String value = entry.strip();
            int colon = value.lastIndexOf(':');
            String key = colon > 0 ? value.substring(0, colon) : value;
            String scope = colon > 0 ? value.substring(colon + 1) : defaultScope;
            members.add(new RefreshingTokenAuth(CamelTokenSource.oauth(template, key, scope)));
        }
        return new CredentialPool(members, gigagate.credentialRest(), Clock.systemUTC());
    }

    private static String describe(GigaChatAuth auth, GigaChatProperties p) {
        if (auth instanceof CredentialPool pool) {
            return "a pool of " + pool.size() + " OAuth credentials";
        }
        if (auth instanceof StaticTokenAuth) {
            return "a ready access token (GIGACHAT_ACCESS_TOKEN); it cannot be renewed";
        }
        if (auth instanceof CertificateAuth) {
            return "the mTLS client certificate " + p.certFile();
        }
        if (auth instanceof MissingCredentialsAuth) {
            return "NO credentials";
        }
        return GigaChatProperties.notBlank(p.credentials())
                ? "OAuth (authorization key, scope " + p.scope() + ", auth URL " + p.authUrl() + ")"
                : "user/password auth for user " + p.user();
    }

    @Bean
    RoutesBuilder gigaChatUpstreamRoutes(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga,
            GigaGateProperties gigagate, GigaChatAuth auth, RetryPolicy retryPolicy,
            io.github.resilience4j.circuitbreaker.CircuitBreaker gigaChatCircuitBreaker, ModelSlot modelSlot,
            TrafficLog trafficLog) {
        return new GigaChatUpstreamRoutes(gigachat.baseUrl(),
                UpstreamHttpConfiguration.readTimeoutMillis(gigachat, gpt2giga, gigagate),
                gigagate.stream().idleTimeout().toMillis(), auth, retryPolicy,
                new UpstreamBreaker(gigaChatCircuitBreaker), modelSlot, trafficLog);
    }

    @Bean
    RoutesBuilder gigaChatAuthRoutes(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga, GigaGateProperties gigagate) {
        return new GigaChatAuthRoutes(gigachat.authUrl(), gigachat.baseUrl(),
                UpstreamHttpConfiguration.readTimeoutMillis(gigachat, gpt2giga, gigagate));
    }

    @Bean
    FrontRouteConfiguration openAiErrorRouteConfiguration(ClientContextCapture clientContextCapture, TrafficLog trafficLog,
                                                          FrontErrors frontErrors) {
        return FrontRouteConfiguration.openAi(clientContextCapture, trafficLog).addTo(frontErrors);
    }

    /**
     * Which front's error shape answers a refusal made before the routes: each front's route configuration
     * adds its path prefixes as it is made; OpenAI's answers any other path. No dependencies, so the
     * servlet filters can have it before Camel exists.
     */
    @Bean
    FrontErrors frontErrors() {
        return new FrontErrors(OpenAiErrors.INSTANCE);
    }

    @Bean
    TrafficLog trafficLog(Gpt2GigaProperties gpt2giga) {
        return new TrafficLog(new Redactor(16_384), gpt2giga.verbose());
    }

    @Bean
    ModelResolver modelResolver(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga, GigaGateProperties gigagate) {
        Map<String, String> overrides = new LinkedHashMap<>(gigagate.modelAliases());
        overrides.putAll(ModelAliasList.parse(gigagate.aliases()));
        return new ModelResolver(gigachat.model(), gpt2giga.embeddings(), gpt2giga.passModel(), gigagate.defaultAliases(),
                overrides);
    }

    @Bean
    ChatRequestProcessor chatRequestProcessor(ModelResolver modelResolver, GigaChatProperties gigachat,
            GigaGateProperties gigagate, Gpt2GigaProperties gpt2giga, SecurityProperties security) {
        StructuredOutputMode mode = structuredOutputMode(gigagate.structuredOutputMode(), gpt2giga.structuredOutputMode());
        LOG.info("Structured output (response_format json_schema) is sent to GigaChat as {}",
                mode == StructuredOutputMode.NATIVE ? "its native response_format" : "a forced function call");
        return new ChatRequestProcessor(modelResolver, new ChatRequestMapper(gigachat.profanityCheck(), mode),
                security.maxMessages());
    }

    /** GIGAGATE_STRUCTURED_OUTPUT_MODE, else gpt2giga's GPT2GIGA_STRUCTURED_OUTPUT_MODE, else the default (function). */
    static StructuredOutputMode structuredOutputMode(String gigagateMode, String gpt2gigaMode) {
        return StructuredOutputMode.parse(gigagateMode,
                StructuredOutputMode.parse(gpt2gigaMode, ChatRequestMapper.DEFAULT_STRUCTURED_OUTPUT_MODE));
    }

    @Bean
    ChatResponseProcessor chatResponseProcessor() {
        return GatewayBeans.chatResponseProcessor();
    }

    @Bean
    FrontRequestParser<ChatCompletionRequest> openAiChatRequestParser() {
        return GatewayBeans.openAiChatRequestParser();
    }

    @Bean
    RoutesBuilder frontEndpointTemplate() {
        return GatewayBeans.frontEndpointTemplate();
    }

    @Bean
    ChatStreamProcessor chatStreamProcessor(GigaGateProperties gigagate) {
        return new ChatStreamProcessor(new StreamLimits(gigagate.stream().totalTimeout()), Clock.systemUTC());
    }

    @Bean
    ModelCatalog modelCatalog(ProducerTemplate template, GigaGateProperties gigagate, ModelResolver modelResolver) {
        return GatewayBeans.modelCatalog(template, modelResolver.aliases(), gigagate.modelsCacheTtl());
    }

    @Bean
    ModelsProcessor modelsProcessor(ModelCatalog modelCatalog) {
        return new ModelsProcessor(modelCatalog);
    }
}
