package io.gigagate.config;

import io.gigagate.security.ApiKeys;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The admin key's guard on {@code /admin/...} (AdminKeyFilter); the API itself is AdminApiController. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    FilterRegistrationBean<AdminKeyFilter> adminKeyFilter(AdminSettings admin, ApiKeys apiKeys) {
        String key = admin.apiKey() == null || admin.apiKey().isBlank() ? null : admin.apiKey().strip();
        if (admin.enabled() && key == null) {
            throw new IllegalStateException("Refusing to start: the admin API is on (gigagate.admin.enabled, "
                    + "GPT2GIGA_ADMIN_API_ENABLED) without an admin key (gigagate.admin.api-key, GPT2GIGA_ADMIN_API_KEY)");
        }
        if (key != null && apiKeys.match(key).isPresent()) {
            throw new IllegalStateException("Refusing to start: the admin key is also a gateway API key; give the admin "
                    + "API a key of its own");
        }
        FilterRegistrationBean<AdminKeyFilter> registration = new FilterRegistrationBean<>(
                new AdminKeyFilter(admin.enabled(), key));
        registration.addUrlPatterns("/admin", "/admin/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }
}
