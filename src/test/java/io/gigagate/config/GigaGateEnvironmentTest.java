package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class GigaGateEnvironmentTest {

    @TempDir
    Path dir;

    private StandardEnvironment environment(Map<String, Object> realEnv, Map<String, Object> commandLine) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, realEnv));
        env.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", commandLine));
        return env;
    }

    @Test
    void dotEnvSettingsBindUnderGpt2GigaNamesAndRealEnvironmentWins() throws Exception {
        Path file = Files.writeString(dir.resolve("my.env"), """
                GIGACHAT_BASE_URL=https://from-dotenv/api/v1
                GIGACHAT_MODEL=GigaChat-2-Pro
                GPT2GIGA_PASS_MODEL=false
                """);
        StandardEnvironment env = environment(Map.of("GIGACHAT_MODEL", "GigaChat-2-Max"),
                Map.of("gpt2giga.env-path", file.toString(), "gigagate.routes-dir", dir.resolve("none").toString()));

        new GigaGateEnvironment(new DeferredLogs()).postProcessEnvironment(env, new SpringApplication());

        Binder binder = Binder.get(env);
        assertThat(binder.bind("gigachat.base-url", String.class).get()).isEqualTo("https://from-dotenv/api/v1");
        assertThat(binder.bind("gigachat.model", String.class).get()).isEqualTo("GigaChat-2-Max");
        assertThat(binder.bind("gpt2giga.pass-model", Boolean.class).get()).isFalse();
        assertThat(env.getProperty("gigachat.base-url")).isEqualTo("https://from-dotenv/api/v1");
    }

    @Test
    void routesComeFromDiskWhenTheDirectoryExistsElseFromTheJar() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        StandardEnvironment withDir = environment(Map.of(), Map.of("gigagate.routes-dir", routes.toString(),
                "gpt2giga.env-path", dir.resolve("missing.env").toString()));
        StandardEnvironment withoutDir = environment(Map.of(), Map.of("gigagate.routes-dir", dir.resolve("nope").toString(),
                "gpt2giga.env-path", dir.resolve("missing.env").toString()));

        new GigaGateEnvironment(new DeferredLogs()).postProcessEnvironment(withDir, new SpringApplication());
        new GigaGateEnvironment(new DeferredLogs()).postProcessEnvironment(withoutDir, new SpringApplication());

        assertThat(withDir.getProperty("camel.main.routes-include-pattern")).isEqualTo("file:" + routes + "/*.yaml");
        assertThat(withoutDir.getProperty("camel.main.routes-include-pattern")).isEqualTo("classpath:routes/*.yaml");
    }

    @Test
    void pythonLogLevelNamesAreUnderstood() {
        GigaGateEnvironment environment = new GigaGateEnvironment(new DeferredLogs());

        assertThat(environment.logLevel("WARNING")).isEqualTo("WARN");
        assertThat(environment.logLevel("critical")).isEqualTo("ERROR");
        assertThat(environment.logLevel("DEBUG")).isEqualTo("DEBUG");
        assertThat(environment.logLevel("LOUD")).isEqualTo("INFO");
    }
}
