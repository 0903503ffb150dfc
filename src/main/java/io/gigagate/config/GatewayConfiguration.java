package io.gigagate.config;

import io.gigagate.camel.BuiltInToolPolicy;
import io.gigagate.camel.BuiltInTools;
import io.gigagate.camel.ChatRequestProcessor;
import io.gigagate.camel.ChatResponseProcessor;
import io.gigagate.camel.ChatStreamProcessor;
import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.FrontRequestParser;
import io.gigagate.camel.FrontRouteConfiguration;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.ModelSlot;
import io.gigagate.camel.ModelsProcessor;
import io.gigagate.camel.TrafficLog;
import io.gigagate.error.FrontErrors;
import io.gigagate.security.AccessPolicy;
import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.gigachat.StructuredOutputMode;
import io.gigagate.gigachat.auth.CertificateAuth;
import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.gigachat.auth.MissingCredentialsAuth;
import io.gigagate.gigachat.auth.StaticTokenAuth;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.OpenAiErrors;
import io.gigagate.resilience.CredentialPool;
import io.gigagate.resilience.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring only: reads the settings and hands them to the Spring-free factories in
 * {@link GatewayBeans}, which deploy/camel-k/beans.camel.yaml calls too, so both runtimes build the same
 * beans. The YAML routes refer to processors by these bean names ({@code chatRequestProcessor}, ...).
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    GigaChatAuth gigaChatAuth(GigaChatProperties gigachat, GigaGateProperties gigagate, ProducerTemplate template) {
        GigaChatAuth auth = GatewayBeans.gigaChatAuth(template, gigachat.accessToken(), gigachat.credentials(),
                gigachat.scope(), gigachat.user(), gigachat.password(), gigachat.mtlsAuth(), gigachat.certFile(),
                gigachat.keyFile(), gigagate.credentialPool(), gigagate.credentialRest());
        LOG.info("GigaChat at {} with {}", gigachat.baseUrl(), describe(auth, gigachat));
        return auth;
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
            GigaGateProperties gigagate, GigaChatApiModes gigaChatApiModes, GigaChatAuth auth, RetryPolicy retryPolicy, CircuitBreaker gigaChatCircuitBreaker,
            ModelSlot modelSlot, TrafficLog trafficLog) {
        return GatewayBeans.upstreamRoutes(gigachat.baseUrl(), gigaChatApiModes,
                UpstreamHttpConfiguration.readTimeoutMillis(gigachat, gpt2giga, gigagate),
                gigagate.stream().idleTimeout().toMillis(), auth, retryPolicy, gigaChatCircuitBreaker, modelSlot, trafficLog);
    }

    @Bean
    RoutesBuilder gigaChatAuthRoutes(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga, GigaGateProperties gigagate) {
        return GatewayBeans.authRoutes(gigachat.authUrl(), gigachat.baseUrl(),
                UpstreamHttpConfiguration.readTimeoutMillis(gigachat, gpt2giga, gigagate));
    }

    @Bean
    FrontRouteConfiguration openAiErrorRouteConfiguration(AccessPolicy accessPolicy, Gpt2GigaProperties gpt2giga,
            ClientContextCapture clientContextCapture, TrafficLog trafficLog, FrontErrors frontErrors) {
        return GatewayBeans.errorRouteConfiguration(accessPolicy, gpt2giga.passToken(), clientContextCapture, trafficLog,
                frontErrors);
    }

    /**
     * Which front's error shape answers a refusal made before the routes: each front's route configuration
     * adds its path prefixes as it is made; OpenAI's answers any other path. No dependencies, so the
     * servlet filters can have it before Camel exists.
     */
    @Bean
    FrontErrors frontErrors() {
        return GatewayBeans.frontErrors();
    }

    @Bean
    TrafficLog trafficLog(Gpt2GigaProperties gpt2giga, UsageSettings usage) {
        return GatewayBeans.trafficLog(gpt2giga.verbose(), usage.captureContent());
    }

    @Bean
    ModelResolver modelResolver(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga, GigaGateProperties gigagate) {
        return GatewayBeans.modelResolver(gigachat.model(), gpt2giga.embeddings(), gpt2giga.passModel(),
                gigagate.defaultAliases(), gigagate.modelAliases(), gigagate.aliases());
    }

    @Bean
    ChatRequestProcessor chatRequestProcessor(ModelResolver modelResolver, GigaChatProperties gigachat,
            GigaGateProperties gigagate, Gpt2GigaProperties gpt2giga, SecurityProperties security,
            BuiltInTools builtInTools) {
        return GatewayBeans.chatRequestProcessor(modelResolver, gigachat.profanityCheck(), gigagate.structuredOutputMode(),
                gpt2giga.structuredOutputMode(), security.maxMessages(), gigagate.defaultMaxTokens(),
                gigagate.reasoning().defaultEffort(), gigagate.reasoning().disabled(), builtInTools);
    }

    /** GIGAGATE_STRUCTURED_OUTPUT_MODE, else gpt2giga's GPT2GIGA_STRUCTURED_OUTPUT_MODE, else the default (function). */
    static StructuredOutputMode structuredOutputMode(String gigagateMode, String gpt2gigaMode) {
        return GatewayBeans.structuredOutputMode(gigagateMode, gpt2gigaMode);
    }

    @Bean
    ChatResponseProcessor chatResponseProcessor() {
        return GatewayBeans.chatResponseProcessor();
    }

    @Bean
    BuiltInToolPolicy builtInToolPolicy(GigaGateProperties gigagate) {
        return GatewayBeans.builtInToolPolicy(gigagate.strictTools());
    }

    @Bean
    GigaChatApiModes gigaChatApiModes(GigaChatProperties gigachat, GigaGateProperties gigagate) {
        return GatewayBeans.gigaChatApiModes(gigachat.apiMode(), gigagate.apiModes());
    }

    @Bean
    BuiltInTools builtInTools(GigaChatApiModes gigaChatApiModes, GigaGateProperties gigagate,
            BuiltInToolPolicy builtInToolPolicy) {
        return GatewayBeans.builtInTools(gigaChatApiModes, gigagate.builtinToolMapping(), builtInToolPolicy);
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
        return GatewayBeans.chatStreamProcessor(gigagate.stream().totalTimeout());
    }

    @Bean
    ModelCatalog modelCatalog(ProducerTemplate template, GigaGateProperties gigagate, ModelResolver modelResolver) {
        return GatewayBeans.modelCatalog(template, modelResolver, gigagate.modelsCacheTtl());
    }

    @Bean
    ModelsProcessor modelsProcessor(ModelCatalog modelCatalog) {
        return GatewayBeans.modelsProcessor(modelCatalog);
    }
}
