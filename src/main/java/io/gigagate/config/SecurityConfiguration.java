package io.gigagate.config;

import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.ModelSlot;
import io.gigagate.security.ApiKeys;
import io.gigagate.security.KeyLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.gigagate.error.FrontErrors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/** Spring wiring of the gateway's access rules: API keys, limits, CORS, pass-token mode. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    ApiKeys apiKeys(SecurityProperties security, Gpt2GigaProperties gpt2giga) {
        Map<String, String> keys = new LinkedHashMap<>(security.apiKeys());
        if (gpt2giga.apiKey() != null && !gpt2giga.apiKey().isBlank()) {
            keys.put("default", gpt2giga.apiKey());
        }
        return ApiKeys.of(keys);
    }

    /**
     * Whether requests must carry a gateway key. Off on loopback by default; on any other address a
     * key is required and the gateway refuses to start without one, unless explicitly disabled.
     */
    static boolean enforceKeys(String requireApiKey, String bindAddress, ApiKeys keys) {
        String mode = requireApiKey.strip().toLowerCase(Locale.ROOT);
        boolean required = switch (mode) {
            case "true" -> true;
            case "false" -> false;
            case "auto" -> !isLoopback(bindAddress);
            default -> throw new IllegalStateException(
                    "gigagate.security.require-api-key must be auto, true or false, not '" + requireApiKey + "'");
        };
        if (required && keys.isEmpty()) {
            throw new IllegalStateException("Refusing to start: the gateway listens on '" + bindAddress
                    + "', reachable from other machines, and no API key is configured. Set GPT2GIGA_API_KEY (or "
                    + "GIGAGATE_SECURITY_APIKEYS_<NAME>), or set GIGAGATE_SECURITY_REQUIRE_API_KEY=false to run open "
                    + "on purpose.");
        }
        return !mode.equals("false") && !keys.isEmpty();
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Bean
    KeyLimits keyLimits(SecurityProperties security) {
        return new KeyLimits(security.rateLimitPerMinute(), security.maxConcurrentPerKey());
    }

    @Bean
    FilterRegistrationBean<GatewayAccessFilter> gatewayAccessFilter(SecurityProperties security, Gpt2GigaProperties gpt2giga,
            ApiKeys apiKeys, KeyLimits keyLimits, @Value("${server.address:localhost}") String bindAddress,
            FrontErrors frontErrors) {
        boolean enforce = enforceKeys(security.requireApiKey(), bindAddress, apiKeys);
        LOG.info("Gateway API keys: {}", enforce ? apiKeys.size() + " configured, required" : "not required");
        FilterRegistrationBean<GatewayAccessFilter> registration = new FilterRegistrationBean<>(new GatewayAccessFilter(
                apiKeys, enforce, gpt2giga.passToken(), keyLimits, security.maxBodySize().toBytes(),
                new ServletErrors(frontErrors)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(SecurityProperties security) {
        SecurityProperties.Cors cors = security.cors();
        CorsConfiguration config = new CorsConfiguration();
        cors.allowedOrigins().forEach(config::addAllowedOriginPattern);
        cors.allowedMethods().forEach(config::addAllowedMethod);
        cors.allowedHeaders().forEach(config::addAllowedHeader);
        config.setMaxAge(cors.maxAge());
        config.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
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
    ModelSlot modelSlot(SecurityProperties security) {
        return GatewayBeans.modelSlot(security.modelMaxConcurrency(), security.modelMaxConcurrencyDefault(),
                security.modelQueueSize(), security.modelQueueTimeout());
    }
}
