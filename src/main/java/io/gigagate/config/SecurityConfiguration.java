package io.gigagate.config;

import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.ModelSlot;
import io.gigagate.error.FrontErrors;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.ApiKeys;
import io.gigagate.security.CorsPolicy;
import io.gigagate.security.KeyBudget;
import io.gigagate.state.SharedState;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Spring wiring of the gateway's access rules: the access policy (CORS, keys, limits), the body limit, pass-token mode. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** The gateway's API keys: gpt2giga's one key as "default", and gigagate.security.api-keys by name. */
    @Bean
    ApiKeys apiKeys(SecurityProperties security, Gpt2GigaProperties gpt2giga) {
        return GatewayBeans.apiKeys(security.apiKeys(), gpt2giga.apiKey());
    }

    @Bean
    CorsPolicy corsPolicy(SecurityProperties security) {
        SecurityProperties.Cors cors = security.cors();
        return GatewayBeans.corsPolicy(cors.allowedOrigins(), cors.allowedMethods(), cors.allowedHeaders(), cors.maxAge());
    }

    /**
     * The access policy every front's route configuration runs: the CORS origins, the keys and whether they
     * are required (off on loopback by default; on any other address a key is required and the gateway
     * refuses to start without one, unless explicitly disabled), the keys' budgets (UsageConfiguration) and the
     * per-key limits.
     */
    @Bean
    AccessPolicy accessPolicy(ApiKeys apiKeys, CorsPolicy corsPolicy, SecurityProperties security,
            @Value("${server.address:localhost}") String bindAddress, KeyBudget keyBudget, SharedState sharedState) {
        AccessPolicy policy = GatewayBeans.accessPolicy(apiKeys, security.requireApiKey(), bindAddress,
                security.rateLimitPerMinute(), security.maxConcurrentPerKey(), corsPolicy, keyBudget, sharedState);
        LOG.info("Gateway API keys: {}", policy.enforcesKeys() ? apiKeys.size() + " configured, required" : "not required");
        return policy;
    }

    /** The body limit before a byte is read (the rest of the access policy runs in the routes). */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(SecurityProperties security, FrontErrors frontErrors) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(security.maxBodySize().toBytes(), new ServletErrors(frontErrors)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    ClientContextCapture clientContextCapture(Gpt2GigaProperties gpt2giga, SecurityProperties security,
            GigaChatProperties gigachat, ProducerTemplate template) {
        return GatewayBeans.clientContextCapture(template, gpt2giga.passToken(), security.passTokenCacheSize(),
                gigachat.scope());
    }

    @Bean
    ModelSlot modelSlot(SecurityProperties security, SharedState sharedState) {
        return GatewayBeans.modelSlot(security.modelMaxConcurrency(), security.modelMaxConcurrencyDefault(),
                security.modelQueueSize(), security.modelQueueTimeout(), sharedState);
    }
}
