package io.gigagate.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin API and page (GIGAGATE_ADMIN_*; gpt2giga's ADMIN_API_ENABLED and ADMIN_API_KEY map onto these).
 *
 * @param enabled whether {@code /admin/api/...} and {@code /admin/} answer (off: 404)
 * @param apiKey  the admin key, never one of the gateway's keys; required when enabled
 */
@ConfigurationProperties("gigagate.admin")
public record AdminSettings(@DefaultValue("false") boolean enabled, String apiKey) {

    @Override
    public String toString() {
        return "AdminSettings[enabled=" + enabled + "]";
    }
}
