package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.config.GigaGateEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** GIGAGATE_LOG_FORMAT=json switches Spring Boot's console log to structured JSON (ECS); text stays the default. */
class LogFormatTest {

    private static StandardEnvironment environment(Map<String, Object> realEnv, Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, realEnv));
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new GigaGateEnvironment(new DeferredLogs()).postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void jsonMeansElasticCommonSchemaOnTheConsole() {
        var env = environment(Map.of("GIGAGATE_LOG_FORMAT", "json"), Map.of("gigagate.routes-dir", "target/none"));

        assertThat(env.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void springsOwnFormatsPassByName() {
        var env = environment(Map.of("GIGAGATE_LOG_FORMAT", "logstash"), Map.of("gigagate.routes-dir", "target/none"));

        assertThat(env.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void textIsTheDefaultAndAnExplicitSpringSettingWins() {
        assertThat(environment(Map.of(), Map.of("gigagate.routes-dir", "target/none"))
                .getProperty("logging.structured.format.console")).isNull();
        assertThat(environment(Map.of("GIGAGATE_LOG_FORMAT", "json"),
                Map.of("gigagate.routes-dir", "target/none", "logging.structured.format.console", "gelf"))
                .getProperty("logging.structured.format.console")).isEqualTo("gelf");
    }
}
