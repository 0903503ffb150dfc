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

/**
 * gpt2giga 0.3's settings, from a {@code .env} as gpt2giga users write it, land on GigaGate's properties
 * with gpt2giga's value formats; GigaGate's own settings win; PROD mode refuses what it cannot make safe;
 * variables GigaGate does not read are named in a warning. (The running app: {@link Gpt2GigaDotEnvTest}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class Gpt2GigaSettingsTest {

    @TempDir
    Path dir;

    private StandardEnvironment process(String dotEnv, Map<String, Object> realEnv) throws Exception {
        return process(dotEnv, realEnv, new DeferredLogs());
    }

    private StandardEnvironment process(String dotEnv, Map<String, Object> realEnv, DeferredLogs logs) throws Exception {
        Path file = Files.writeString(dir.resolve("gpt2giga.env"), dotEnv);
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, realEnv));
        env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of(
                "gpt2giga.env-path", file.toString(), "gigagate.routes-dir", dir.resolve("none").toString())));
        new GigaGateEnvironment(logs).postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void everySettingOfAGpt2GigaEnvLandsOnGigaGatesProperties() throws Exception {
        TestCertificates certs = TestCertificates.create();
        StandardEnvironment env = process("""
                GPT2GIGA_MODE=prod
                GPT2GIGA_ENABLE_API_KEY_AUTH=True
                GPT2GIGA_API_KEY=secret-key
                GPT2GIGA_CORS_ALLOW_ORIGINS=["*", "https://app.example.com"]
                GPT2GIGA_CORS_ALLOW_METHODS='["GET","POST"]'
                GPT2GIGA_CORS_ALLOW_HEADERS=["*"]
                GPT2GIGA_MAX_REQUEST_BODY_BYTES=2048
                GPT2GIGA_MAX_IMAGE_FILE_SIZE_BYTES=1000
                GPT2GIGA_MAX_AUDIO_FILE_SIZE_BYTES=2000
                GPT2GIGA_MAX_TEXT_FILE_SIZE_BYTES=3000
                GPT2GIGA_MAX_AUDIO_IMAGE_TOTAL_SIZE_BYTES=2500
                GPT2GIGA_MODEL_MAX_CONNECTIONS={"GigaChat-2-Max": 1, "GigaChat-2.5-Pro": "3"}
                GPT2GIGA_MODEL_MAX_CONNECTIONS_DEFAULT=4
                GPT2GIGA_MODEL_MAX_CONNECTIONS_ACQUIRE_TIMEOUT=2.5
                GPT2GIGA_SHUTDOWN_TIMEOUT_SECONDS=7
                GPT2GIGA_USE_HTTPS=1
                GPT2GIGA_HTTPS_KEY_FILE=%s
                GPT2GIGA_HTTPS_CERT_FILE=%s
                GPT2GIGA_LOG_FILENAME=%s
                GPT2GIGA_LOG_MAX_SIZE=1048576
                GPT2GIGA_LOG_REDACT_SENSITIVE=yes
                GPT2GIGA_METRICS_ENABLED=on
                GPT2GIGA_METRICS_PATH=prom/
                GPT2GIGA_DEFAULT_MAX_TOKENS=77
                GPT2GIGA_PASS_TOKEN_CLIENT_CACHE_SIZE=5
                GPT2GIGA_ENABLE_REASONING=True
                GPT2GIGA_DISABLE_REASONING=1
                GPT2GIGA_GIGACHAT_API_MODE=v2
                """.formatted(certs.serverKeyPem, certs.serverCertPem, dir.resolve("g2g.log")), Map.of());

        Binder binder = Binder.get(env);
        SecurityProperties security = binder.bind("gigagate.security", SecurityProperties.class).get();
        assertThat(security.requireApiKey()).isEqualTo("true");
        assertThat(security.maxBodySize()).isEqualTo(DataSize.ofBytes(2048));
        assertThat(security.cors().allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(security.cors().allowedMethods()).containsExactly("GET", "POST");
        assertThat(security.cors().allowedHeaders()).containsExactlyElementsOf(Gpt2GigaSettings.PROD_CORS_HEADERS);
        assertThat(security.modelMaxConcurrency()).containsOnly(Map.entry("GigaChat-2-Max", 1), Map.entry("GigaChat-2.5-Pro", 3));
        assertThat(security.modelMaxConcurrencyDefault()).isEqualTo(4);
        assertThat(security.modelQueueTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(security.passTokenCacheSize()).isEqualTo(5);
        FilesProperties files = binder.bind("gigagate.files", FilesProperties.class).get();
        assertThat(files.maxImageSize()).isEqualTo(DataSize.ofBytes(1000));
        assertThat(files.maxAudioSize()).isEqualTo(DataSize.ofBytes(2000));
        assertThat(files.maxTextSize()).isEqualTo(DataSize.ofBytes(3000));
        assertThat(files.maxAudioImageTotalSize()).isEqualTo(DataSize.ofBytes(2500));
        assertThat(binder.bind("gigagate.drain-timeout", Duration.class).get()).isEqualTo(Duration.ofSeconds(7));
        assertThat(env.getProperty("server.ssl.enabled")).isEqualTo("true");
        assertThat(env.getProperty("server.ssl.bundle")).isEqualTo("gpt2giga");
        assertThat(env.getProperty("spring.ssl.bundle.pem.gpt2giga.keystore.certificate"))
                .isEqualTo(certs.serverCertPem.toUri().toString());
        assertThat(env.getProperty("spring.ssl.bundle.pem.gpt2giga.keystore.private-key"))
                .isEqualTo(certs.serverKeyPem.toUri().toString());
        assertThat(env.getProperty("logging.file.name")).isEqualTo(dir.resolve("g2g.log").toString());
        assertThat(binder.bind("logging.logback.rollingpolicy.max-file-size", DataSize.class).get())
                .isEqualTo(DataSize.ofMegabytes(1));
        assertThat(env.getProperty("gigagate.log-redaction.enabled", Boolean.class)).isTrue();
        assertThat(env.getProperty("gigagate.metrics.prometheus-path")).isEqualTo("/prom");
        assertThat(env.getProperty("gigagate.default-max-tokens", Integer.class)).isEqualTo(77);
        assertThat(env.getProperty("gigagate.reasoning.default-effort")).isEqualTo("high");
        assertThat(env.getProperty("gigagate.reasoning.disabled", Boolean.class)).isTrue();
        assertThat(env.getProperty("gigachat.api-mode")).isEqualTo("v2");
    }

    @Test
    void gigaGatesOwnSettingsWinOverGpt2GigasAndSayWhich() throws Exception {
        Map<String, Object> realEnv = Map.of(
                "GIGAGATE_SECURITY_MAX_BODY_SIZE", "1MB",
                "GIGAGATE_SECURITY_CORS_ALLOWED_ORIGINS", "https://mine.example.com",
                "GIGAGATE_DRAIN_TIMEOUT", "12s");
        StandardEnvironment env = process("""
                GPT2GIGA_MAX_REQUEST_BODY_BYTES=100
                GPT2GIGA_CORS_ALLOW_ORIGINS=["https://theirs.example.com"]
                GPT2GIGA_SHUTDOWN_TIMEOUT_SECONDS=3
                GPT2GIGA_MODEL_MAX_CONNECTIONS={"GigaChat-2": 2}
                """, realEnv);

        SecurityProperties security = Binder.get(env).bind("gigagate.security", SecurityProperties.class).get();
        assertThat(security.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(security.cors().allowedOrigins()).containsExactly("https://mine.example.com");
        assertThat(security.modelMaxConcurrency()).containsOnly(Map.entry("GigaChat-2", 2));
        assertThat(Binder.get(env).bind("gigagate.drain-timeout", Duration.class).get()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void withoutAnyGpt2GigaSettingNothingIsAdded() throws Exception {
        StandardEnvironment env = process("GIGACHAT_MODEL=GigaChat-2\n", Map.of());

        assertThat(env.getPropertySources().contains(Gpt2GigaSettings.SOURCE)).isFalse();
        assertThat(env.getPropertySources().contains(Gpt2GigaSettings.PROD_SOURCE)).isFalse();
        SecurityProperties security = Binder.get(env).bindOrCreate("gigagate.security", SecurityProperties.class);
        assertThat(security.cors().allowedOrigins()).containsExactly("*");
        assertThat(security.requireApiKey()).isEqualTo("auto");
    }

    @Test
    void prodWithOnlyTheWildcardOriginAllowsNoOrigin() throws Exception {
        StandardEnvironment env = process("""
                GPT2GIGA_MODE=PROD
                GPT2GIGA_API_KEY=k
                """, Map.of());

        SecurityProperties security = Binder.get(env).bind("gigagate.security", SecurityProperties.class).get();
        assertThat(security.cors().allowedOrigins()).isEmpty();
        assertThat(security.requireApiKey()).isEqualTo("true");
    }

    @Test
    void prodRefusesToStartWithInsecureSettingsAndNamesEach() {
        Map<String, Object> realEnv = Map.of("GIGAGATE_SECURITY_REQUIRE_API_KEY", "false");

        assertThatThrownBy(() -> process("""
                GPT2GIGA_MODE=PROD
                GPT2GIGA_LOG_REDACT_SENSITIVE=False
                """, realEnv))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GPT2GIGA_MODE=PROD requires an API key")
                .hasMessageContaining("GIGAGATE_SECURITY_REQUIRE_API_KEY=false")
                .hasMessageContaining("log redaction off");
    }

    @Test
    void theGatewayRefusesToStartInProdWithoutAKeyAndWithRedactionOff() throws Exception {
        Path env = Files.writeString(dir.resolve("insecure.env"), """
                GPT2GIGA_MODE=PROD
                GPT2GIGA_LOG_REDACT_SENSITIVE=False
                """);

        assertThatThrownBy(() -> SpringApplication.run(Application.class, "--gpt2giga.env-path=" + env,
                "--server.port=0"))
                .hasMessageContaining("Refusing to start")
                .hasMessageContaining("GPT2GIGA_MODE=PROD requires an API key")
                .hasMessageContaining("log redaction off");
    }

    @Test
    void enablingKeyAuthWithoutAKeyRefusesToStartAsGpt2GigaDoes() {
        assertThatThrownBy(() -> process("GPT2GIGA_ENABLE_API_KEY_AUTH=true\n", Map.of()))
                .hasMessageContaining("GPT2GIGA_ENABLE_API_KEY_AUTH=True requires an API key");
    }

    @Test
    void keyAuthSwitchedOffIsFollowedOnLoopbackOnly() throws Exception {
        StandardEnvironment loopback = process("""
                GPT2GIGA_ENABLE_API_KEY_AUTH=False
                GPT2GIGA_API_KEY=k
                """, Map.of());
        StandardEnvironment network = process("""
                GPT2GIGA_HOST=0.0.0.0
                GPT2GIGA_ENABLE_API_KEY_AUTH=False
                GPT2GIGA_API_KEY=k
                """, Map.of());

        assertThat(loopback.getProperty("gigagate.security.require-api-key")).isEqualTo("false");
        assertThat(network.getProperty("gigagate.security.require-api-key")).isNull();
    }

    @Test
    void unreadableValuesStopStartUpNamingTheSetting() {
        assertThatThrownBy(() -> process("""
                GPT2GIGA_MODE=STAGING
                GPT2GIGA_LOG_REDACT_SENSITIVE=maybe
                GPT2GIGA_CORS_ALLOW_ORIGINS=["unterminated"
                GPT2GIGA_MODEL_MAX_CONNECTIONS={"GigaChat-2": 0}
                GPT2GIGA_SHUTDOWN_TIMEOUT_SECONDS=301
                GPT2GIGA_USE_HTTPS=True
                """, Map.of()))
                .hasMessageContaining("GPT2GIGA_MODE must be DEV or PROD")
                .hasMessageContaining("GPT2GIGA_LOG_REDACT_SENSITIVE must be a boolean")
                .hasMessageContaining("GPT2GIGA_CORS_ALLOW_ORIGINS must be a JSON list")
                .hasMessageContaining("the limit of 'GigaChat-2' must be a whole number of 1 or more")
                .hasMessageContaining("GPT2GIGA_SHUTDOWN_TIMEOUT_SECONDS must be a number of seconds from 0 to 300")
                .hasMessageContaining("GPT2GIGA_USE_HTTPS=True needs GPT2GIGA_HTTPS_CERT_FILE and GPT2GIGA_HTTPS_KEY_FILE");
    }

    @Test
    void variablesGigaGateDoesNotReadAreNamedInOneWarningWithoutTheirValues(CapturedOutput output) throws Exception {
        DeferredLogs logs = new DeferredLogs();
        Map<String, Object> realEnv = new HashMap<>();
        realEnv.put("GIGACHAT_MAX_RETRIES", "7");
        realEnv.put("GPT2GIGA_PORT", "8091");
        process("""
                GPT2GIGA_FOO=do-not-print-me
                GPT2GIGA_UI_ENABLED=True
                GPT2GIGA_MODE=DEV
                GIGACHAT_CREDENTIALS=abc
                """, realEnv, logs);
        logs.switchOverAll();

        assertThat(output).contains("Not read by GigaGate, so ignored: GIGACHAT_MAX_RETRIES, GPT2GIGA_FOO, "
                + "GPT2GIGA_UI_ENABLED (from the environment or .env");
        assertThat(output).doesNotContain("do-not-print-me").doesNotContain("GPT2GIGA_PORT,");
    }

    @Test
    void pythonBooleansAndJsonOrCommaLists() {
        for (String t : List.of("True", "true", "1", "yes", "Y", "on", "t")) {
            assertThat(Gpt2GigaSettings.parseBool(t)).as(t).isTrue();
        }
        for (String f : List.of("False", "FALSE", "0", "no", "n", "off", "f")) {
            assertThat(Gpt2GigaSettings.parseBool(f)).as(f).isFalse();
        }
        assertThat(Gpt2GigaSettings.parseBool("maybe")).isNull();
        assertThat(Gpt2GigaSettings.parseList("[\"https://a.example\", \"https://b.example\"]"))
                .containsExactly("https://a.example", "https://b.example");
        assertThat(Gpt2GigaSettings.parseList("https://a.example, https://b.example"))
                .containsExactly("https://a.example", "https://b.example");
        assertThat(Gpt2GigaSettings.parseList("[1, 2]")).isNull();
    }
}
