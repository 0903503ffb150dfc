package io.gigagate.config;

import io.gigagate.camel.GigaChatUpstreamHealthCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Duration;
import org.apache.camel.RoutesBuilder;
import io.gigagate.camel.FrontRouteConfiguration;
import io.gigagate.error.FrontErrors;
import io.gigagate.security.AccessPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Spring wiring of health and metrics: the Camel event notifier that records the gateway's metrics,
 * a cap on the model tag, the GigaChat balance gauges and the opt-in upstream readiness check.
 *
 * <ul>
 *   <li>{@code gigagate.metrics.balance-interval} (GIGAGATE_METRICS_BALANCE_INTERVAL, default 10m):
 *       how often GigaChat's balance is polled; 0 turns the poll off;</li>
 *   <li>{@code gigagate.health.upstream-check} (default false): readiness also requires GigaChat's
 *       /models to answer within {@code gigagate.health.upstream-timeout} (default 5s);</li>
 *   <li>{@code gigagate.metrics.prometheus-path} (unset by default; gpt2giga's GPT2GIGA_METRICS_ENABLED and
 *       GPT2GIGA_METRICS_PATH set it): Prometheus's text also at that path, behind the API key.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    /** Models come from clients; past this many distinct values new ones are not recorded at all. */
    static final int MAX_MODEL_TAGS = 100;

    @Bean
    GatewayMetricsNotifier gatewayMetricsNotifier(MeterRegistry registry) {
        return new GatewayMetricsNotifier(registry);
    }

    @Bean
    MeterFilter gigagateModelTagLimit() {
        return MeterFilter.maximumAllowableTags("gigagate", "model", MAX_MODEL_TAGS, MeterFilter.deny());
    }

    @Bean
    @ConditionalOnExpression("'${gigagate.metrics.balance-interval:10m}' != '0' && '${gigagate.metrics.balance-interval:10m}' != '0s'")
    RoutesBuilder gigaChatBalanceGauges(MeterRegistry registry,
            @Value("${gigagate.metrics.balance-interval:10m}") Duration interval) {
        return new GigaChatBalanceGauges(registry, interval);
    }

    @Bean
    @ConditionalOnProperty(name = "gigagate.health.upstream-check", havingValue = "true")
    GigaChatUpstreamHealthCheck gigaChatUpstreamHealthCheck(@Value("${gigagate.health.upstream-timeout:5s}") Duration timeout) {
        return new GigaChatUpstreamHealthCheck(timeout);
    }

    /** After the body limit, before the routes; it checks the key itself (it is not a route). */
    @Bean
    @ConditionalOnProperty(name = "gigagate.metrics.prometheus-path")
    FilterRegistrationBean<PrometheusPathFilter> prometheusPathFilter(
            @Value("${gigagate.metrics.prometheus-path}") String path, ObjectProvider<PrometheusScrapeEndpoint> endpoint,
            AccessPolicy accessPolicy, Gpt2GigaProperties gpt2giga, FrontErrors frontErrors) {
        FilterRegistrationBean<PrometheusPathFilter> registration = new FilterRegistrationBean<>(new PrometheusPathFilter(
                endpoint, accessPolicy, FrontRouteConfiguration.openAiKeySources(gpt2giga.passToken()),
                new ServletErrors(frontErrors)));
        registration.addUrlPatterns(path.strip().startsWith("/") ? path.strip() : "/" + path.strip());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
