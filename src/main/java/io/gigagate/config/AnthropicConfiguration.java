package io.gigagate.config;

import io.gigagate.camel.AnthropicBeans;
import io.gigagate.camel.AnthropicMessagesProcessor;
import io.gigagate.camel.AnthropicModelsProcessor;
import io.gigagate.camel.AnthropicRequestProcessor;
import io.gigagate.camel.BuiltInToolPolicy;
import io.gigagate.camel.ClientContextCapture;
import io.gigagate.camel.FrontRouteConfiguration;
import io.gigagate.camel.TrafficLog;
import io.gigagate.error.FrontErrors;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.security.AccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of the Anthropic Messages front (routes/anthropic-messages.camel.yaml): each bean comes from
 * {@link AnthropicBeans}, which deploy/camel-k/beans.camel.yaml calls too.
 */
@Configuration(proxyBeanMethods = false)
public class AnthropicConfiguration {

    @Bean
    FrontRouteConfiguration anthropicRouteConfiguration(AccessPolicy accessPolicy, Gpt2GigaProperties gpt2giga,
            ClientContextCapture clientContextCapture, TrafficLog trafficLog, FrontErrors frontErrors) {
        return AnthropicBeans.anthropicRouteConfiguration(accessPolicy, gpt2giga.passToken(), clientContextCapture,
                trafficLog, frontErrors);
    }

    @Bean
    AnthropicRequestProcessor anthropicRequestProcessor(BuiltInToolPolicy builtInToolPolicy) {
        return AnthropicBeans.anthropicRequestProcessor(builtInToolPolicy);
    }

    @Bean
    AnthropicRequestProcessor anthropicCountTokensProcessor(BuiltInToolPolicy builtInToolPolicy) {
        return AnthropicBeans.anthropicCountTokensProcessor(builtInToolPolicy);
    }

    @Bean
    AnthropicMessagesProcessor anthropicMessagesProcessor(GigaGateProperties gigagate) {
        return AnthropicBeans.anthropicMessagesProcessor(gigagate.stream().totalTimeout());
    }

    @Bean
    AnthropicModelsProcessor anthropicModelsProcessor(ModelCatalog modelCatalog) {
        return AnthropicBeans.anthropicModelsProcessor(modelCatalog);
    }
}
