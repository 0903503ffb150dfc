package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.gigagate.Application;
import io.gigagate.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gpt2giga 0.3's TRAFFIC_LOG_* and ADMIN_API_* settings from its .env land on GigaGate's usage settings. */
class UsageGpt2GigaSettingsTest {

    @TempDir
    Path dir;

    private StandardEnvironment process(String dotEnv) throws Exception {
        Path file = Files.writeString(dir.resolve("gpt2giga.env"), dotEnv);
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of()));
        env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of(
                "gpt2giga.env-path", file.toString(), "gigagate.routes-dir", dir.resolve("none").toString())));
        new GigaGateEnvironment(new DeferredLogs()).postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void trafficLogAndAdminApiSettingsTurnUsageAccountingOn() throws Exception {
        StandardEnvironment env = process("""
                GPT2GIGA_TRAFFIC_LOG_ENABLED=true
                GPT2GIGA_TRAFFIC_LOG_SINKS=jsonl,postgres
                GPT2GIGA_TRAFFIC_LOG_JSONL_PATH=/var/log/gpt2giga/traffic.jsonl
                GPT2GIGA_TRAFFIC_LOG_POSTGRES_DSN=postgresql://traffic:pa%3Ass-word-123@db:5432/gpt2giga
                GPT2GIGA_TRAFFIC_LOG_CAPTURE_CONTENT=false
                GPT2GIGA_TRAFFIC_LOG_QUEUE_SIZE=20000
                GPT2GIGA_TRAFFIC_LOG_BATCH_SIZE=250
                GPT2GIGA_TRAFFIC_LOG_FLUSH_INTERVAL_MS=500
                GPT2GIGA_TRAFFIC_LOG_RETENTION_DAYS=14
                GPT2GIGA_TRAFFIC_LOG_PURGE_INTERVAL_SECONDS=600
                GPT2GIGA_TRAFFIC_LOG_DROP_ON_BACKPRESSURE=true
                GPT2GIGA_ADMIN_API_ENABLED=true
                GPT2GIGA_ADMIN_API_KEY=admin-key-from-gpt2giga
                """);
        assertThat(env.getProperty("gigagate.usage.sinks")).isEqualTo("jsonl,postgres");
        assertThat(env.getProperty("gigagate.usage.jsonl.path")).isEqualTo("/var/log/gpt2giga/traffic.jsonl");
        assertThat(env.getProperty("gigagate.usage.postgres.url")).isEqualTo("jdbc:postgresql://db:5432/gpt2giga");
        assertThat(env.getProperty("gigagate.usage.postgres.user")).isEqualTo("traffic");
        assertThat(env.getProperty("gigagate.usage.postgres.password")).isEqualTo("pa:ss-word-123");
        assertThat(env.getProperty("gigagate.usage.capture-content")).isEqualTo("false");
        assertThat(env.getProperty("gigagate.usage.queue-size")).isEqualTo("20000");
        assertThat(env.getProperty("gigagate.usage.batch-size")).isEqualTo("250");
        assertThat(env.getProperty("gigagate.usage.flush-interval")).isEqualTo("500ms");
        assertThat(env.getProperty("gigagate.usage.retention")).isEqualTo("14d");
        assertThat(env.getProperty("gigagate.usage.purge-interval")).isEqualTo("600s");
        assertThat(env.getProperty("gigagate.admin.enabled")).isEqualTo("true");
        assertThat(env.getProperty("gigagate.admin.api-key")).isEqualTo("admin-key-from-gpt2giga");
        // the password and the admin key are masked in every log from now on
        assertThat(io.gigagate.security.LogSecrets.mask("pw pa:ss-word-123 key admin-key-from-gpt2giga"))
                .doesNotContain("pa:ss-word-123", "admin-key-from-gpt2giga");
    }

    @Test
    void oneSinkByItsOldNameAndGigaGatesOwnSettingWins() throws Exception {
        StandardEnvironment env = process("""
                GPT2GIGA_TRAFFIC_LOG_ENABLED=1
                GPT2GIGA_TRAFFIC_LOG_SINK=noop
                """);
        assertThat(env.getProperty("gigagate.usage.sinks")).isEmpty();
        assertThat(process("GPT2GIGA_TRAFFIC_LOG_ENABLED=true\n").getProperty("gigagate.usage.sinks")).isEqualTo("jsonl");
        assertThat(process("GPT2GIGA_TRAFFIC_LOG_ENABLED=false\nGPT2GIGA_TRAFFIC_LOG_SINK=postgres\n")
                .getProperty("gigagate.usage.sinks")).isNull();
    }

    @Test
    void openSearchAndABadAddressAreRefused() {
        assertThatThrownBy(() -> process("GPT2GIGA_TRAFFIC_LOG_ENABLED=true\nGPT2GIGA_TRAFFIC_LOG_SINK=opensearch\n"))
                .hasMessageContaining("GPT2GIGA_TRAFFIC_LOG_SINK").hasMessageContaining("opensearch");
        assertThatThrownBy(() -> process("GPT2GIGA_TRAFFIC_LOG_POSTGRES_DSN=mysql://x@y/z\n"))
                .hasMessageContaining("GPT2GIGA_TRAFFIC_LOG_POSTGRES_DSN");
    }

    @Test
    void budgetsBindPerKeyAndForEveryOtherKey() {
        var source = new MapPropertySource("test", Map.of(
                "gigagate.usage.budgets.[*].tokens-per-day", "5000",
                "gigagate.usage.budgets.team-a.requests-per-minute", "3",
                "gigagate.usage.sinks", "jsonl, postgres"));
        UsageSettings usage = new org.springframework.boot.context.properties.bind.Binder(
                org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(source))
                .bindOrCreate("gigagate.usage", UsageSettings.class);
        assertThat(usage.budgets()).containsOnlyKeys("*", "team-a");
        assertThat(usage.budgets().get("*").tokensPerDay()).isEqualTo(5000);
        assertThat(usage.budgets().get("team-a").requestsPerMinute()).isEqualTo(3);
        assertThat(usage.sinks()).containsExactly("jsonl", "postgres");
        assertThat(usage.queueSize()).isEqualTo(10_000);
        assertThat(usage.postgres().poolSize()).isEqualTo(4);
    }
}
