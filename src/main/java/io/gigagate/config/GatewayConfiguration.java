package io.gigagate.config;

import io.gigagate.camel.ChatRequestProcessor;
import io.gigagate.camel.ChatResponseProcessor;
import io.gigagate.camel.ChatStreamProcessor;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.GigaChatAuthRoutes;
import io.gigagate.camel.GigaChatUpstreamRoutes;
import io.gigagate.camel.ModelsProcessor;
import io.gigagate.camel.OpenAiErrorRouteConfiguration;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.gigachat.auth.CertificateAuth;
import io.gigagate.gigachat.auth.GigaChatAuth;
import io.gigagate.gigachat.auth.MissingCredentialsAuth;
import io.gigagate.gigachat.auth.StaticTokenAuth;
import io.gigagate.gigachat.ChatRequestMapper;
import io.gigagate.gigachat.ChatResponseMapper;
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
    GigaChatAuth gigaChatAuth(GigaChatProperties gigachat, ProducerTemplate template) {
        GigaChatAuth auth = chooseAuth(gigachat, template);
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

    private static String describe(GigaChatAuth auth, GigaChatProperties p) {
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
            GigaGateProperties gigagate, GigaChatAuth auth) {
        return new GigaChatUpstreamRoutes(gigachat.baseUrl(),
                UpstreamHttpConfiguration.readTimeoutMillis(gigachat, gpt2giga, gigagate),
                gigagate.stream().idleTimeout().toMillis(), auth);
    }

    @Bean
    RoutesBuilder gigaChatAuthRoutes(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga, GigaGateProperties gigagate) {
        return new GigaChatAuthRoutes(gigachat.authUrl(), gigachat.baseUrl(),
                UpstreamHttpConfiguration.readTimeoutMillis(gigachat, gpt2giga, gigagate));
    }

    @Bean
    RoutesBuilder openAiErrorRouteConfiguration() {
        return new OpenAiErrorRouteConfiguration();
    }

    @Bean
    Map<String, String> modelAliases(GigaGateProperties gigagate, Gpt2GigaProperties gpt2giga) {
        return GatewayBeans.modelAliases(gigagate.defaultAliases(), gpt2giga.embeddings(), gigagate.modelAliases());
    }

    @Bean
    ModelResolver modelResolver(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga, Map<String, String> modelAliases) {
        return new ModelResolver(gigachat.model(), gpt2giga.passModel(), modelAliases);
    }

    @Bean
    ChatRequestProcessor chatRequestProcessor(ModelResolver modelResolver, GigaChatProperties gigachat) {
        return new ChatRequestProcessor(modelResolver, new ChatRequestMapper(gigachat.profanityCheck()));
    }

    @Bean
    ChatResponseProcessor chatResponseProcessor() {
        return new ChatResponseProcessor(new ChatResponseMapper(), Clock.systemUTC());
    }

    @Bean
    ChatStreamProcessor chatStreamProcessor(GigaGateProperties gigagate) {
        return new ChatStreamProcessor(new StreamLimits(gigagate.stream().totalTimeout()), Clock.systemUTC());
    }

    @Bean
    ModelCatalog modelCatalog(ProducerTemplate template, GigaGateProperties gigagate, Map<String, String> modelAliases) {
        return GatewayBeans.modelCatalog(template, modelAliases, gigagate.modelsCacheTtl());
    }

    @Bean
    ModelsProcessor modelsProcessor(ModelCatalog modelCatalog) {
        return new ModelsProcessor(modelCatalog);
    }
}
