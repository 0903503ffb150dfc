package io.gigagate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Prepares the environment before anything binds to it:
 * <ul>
 *   <li>loads {@code .env} (from {@code --env-path} / GPT2GIGA_ENV_PATH, else the working directory)
 *       just below the real environment variables, so they override it, with the same relaxed names
 *       ({@code GIGACHAT_BASE_URL} is {@code gigachat.base-url});</li>
 *   <li>reads gpt2giga 0.3's settings that GigaGate has under other names (GPT2GIGA_MODE, its CORS,
 *       limits, HTTPS, log file, metrics...) onto GigaGate's properties, refuses what PROD mode refuses,
 *       and names the GPT2GIGA_* / GIGACHAT_* variables it does not read ({@link Gpt2GigaSettings});</li>
 *   <li>chooses where YAML routes load from: the routes directory on disk (GIGAGATE_ROUTES_DIR or
 *       ROUTES_DIR, default {@code ./routes}) when it exists, else the copy packaged in the jar;</li>
 *   <li>in demo mode ({@code --emulator} / GIGAGATE_EMULATOR=true) starts the built-in GigaChat
 *       emulator and points the gateway at it.</li>
 * </ul>
 */
public class GigaGateEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String DOTENV_SOURCE = "dotenv-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    static final String DEFAULTS_SOURCE = "gigagateDerivedDefaults";

    private final Log log;

    public GigaGateEnvironment(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(GigaGateEnvironment.class);
    }

    @Override
    public int getOrder() {
        // after Spring Boot's own config-data loading, so application.yaml is visible
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        loadDotEnv(env);
        Gpt2GigaSettings.apply(env, log);
        Map<String, Object> derived = new HashMap<>();
        chooseRoutesLocation(env, derived);
        derived.put("gigagate.log-level", logLevel(env.getProperty("gpt2giga.log-level", "INFO")));
        chooseLogFormat(env, derived);
        env.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, derived));
        if (env.getProperty("gigagate.emulator", Boolean.class, false)) {
            DemoMode.start(env, application, log);
        }
    }

    private void loadDotEnv(ConfigurableEnvironment env) {
        String explicit = env.getProperty("gpt2giga.env-path");
        Path file = Path.of(explicit != null && !explicit.isBlank() ? explicit : ".env");
        if (!Files.isRegularFile(file)) {
            if (explicit != null && !explicit.isBlank()) {
                log.warn("The env file " + file.toAbsolutePath() + " given by --env-path does not exist; ignoring it");
            }
            return;
        }
        try {
            Map<String, Object> values = DotEnvFile.read(file);
            SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(DOTENV_SOURCE, values);
            if (env.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                env.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
            } else {
                env.getPropertySources().addLast(source);
            }
            log.info("Loaded " + values.size() + " settings from " + file.toAbsolutePath());
        } catch (IOException e) {
            log.warn("Could not read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** gpt2giga takes Python's level names; WARNING, CRITICAL and FATAL have other names in Logback. */
    String logLevel(String level) {
        String upper = level.strip().toUpperCase(java.util.Locale.ROOT);
        return switch (upper) {
            case "WARNING" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            case "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF" -> upper;
            default -> {
                log.warn("Unknown log level '" + level + "'; using INFO");
                yield "INFO";
            }
        };
    }

    /**
     * GIGAGATE_LOG_FORMAT: {@code text} (default, human-readable) or {@code json} (Elastic Common
     * Schema, one JSON object per line); {@code ecs}, {@code logstash} and {@code gelf} choose Spring
     * Boot's structured format by name. An explicit logging.structured.format.console wins.
     */
    private void chooseLogFormat(ConfigurableEnvironment env, Map<String, Object> derived) {
        String format = env.getProperty("gigagate.log-format", "text").strip().toLowerCase(java.util.Locale.ROOT);
        switch (format) {
            case "json" -> derived.put("logging.structured.format.console", "ecs");
            case "ecs", "logstash", "gelf" -> derived.put("logging.structured.format.console", format);
            case "text", "" -> { }
            default -> log.warn("Unknown GIGAGATE_LOG_FORMAT '" + format + "' (text or json); logging as text");
        }
    }

    private void chooseRoutesLocation(ConfigurableEnvironment env, Map<String, Object> derived) {
        if (env.containsProperty("camel.main.routes-include-pattern")) {
            return;
        }
        String dir = env.getProperty("gigagate.routes-dir", env.getProperty("ROUTES_DIR", "routes"));
        Path routes = Path.of(dir).toAbsolutePath().normalize();
        if (Files.isDirectory(routes)) {
            derived.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml");
            derived.put("camel.main.routes-reload-directory", routes.toString());
        } else {
            derived.put("camel.main.routes-include-pattern", "classpath:routes/*.yaml");
        }
    }
}
