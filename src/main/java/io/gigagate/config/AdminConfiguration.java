package io.gigagate.config;

import io.gigagate.camel.UsageBeans;
import io.gigagate.security.ApiKeys;
import io.gigagate.usage.AdminApi;
import io.gigagate.usage.Budgets;
import io.gigagate.usage.UsageRecorder;
import io.gigagate.usage.UsageStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The admin API ({@link AdminApi}, made by {@link UsageBeans#adminApi} as on Camel Main), the admin key's guard on
 * {@code /admin/...} (AdminKeyFilter) and its Spring MVC endpoints (AdminApiController).
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    AdminApi adminApi(AdminSettings admin, ApiKeys apiKeys, UsageStore usageStore, UsageRecorder usageRecorder,
            Budgets budgets) {
        return UsageBeans.adminApi(admin.enabled(), admin.apiKey(), apiKeys, usageStore, usageRecorder, budgets);
    }

    @Bean
    FilterRegistrationBean<AdminKeyFilter> adminKeyFilter(AdminApi adminApi) {
        FilterRegistrationBean<AdminKeyFilter> registration = new FilterRegistrationBean<>(new AdminKeyFilter(adminApi));
        registration.addUrlPatterns("/admin", "/admin/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }
}
