package io.gigagate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.camel.GatewayBeans;
import io.gigagate.camel.SettingFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * gpt2giga 0.3's gateway settings that GigaGate has under other names, read with gpt2giga's meanings
 * and value formats and written onto GigaGate's own properties before anything binds, so the classes
 * that use them know nothing of gpt2giga. Called by {@link GigaGateEnvironment} once {@code .env} is in.
 *
 * <ul>
 *   <li>Values: booleans as Python writes them ({@code True}, {@code false}, {@code 1}, {@code 0},
 *       {@code yes}, {@code no}, {@code on}, {@code off}, {@code t}, {@code f}, {@code y}, {@code n});
 *       lists as JSON ({@code ["https://a.example"]}) or comma-separated; maps as JSON objects; sizes
 *       in bytes; timeouts in seconds (fractions allowed). A blank value counts as unset. A value that
 *       cannot be read stops start-up with a message naming the setting, as gpt2giga's validation does.</li>
 *   <li>Precedence: a GigaGate setting for the same thing ({@code gigagate.*}, or Spring's own
 *       {@code server.ssl.*}, {@code logging.file.*}), from any source, wins; the gpt2giga value is then
 *       not applied and the start-up log says so. The one exception is {@code GPT2GIGA_MODE=PROD}, which
 *       is a policy: it drops wildcard CORS entries whatever set them, and refuses to start with
 *       settings it cannot make safe (see {@link #applyProdMode}).</li>
 *   <li>{@code GPT2GIGA_*} and {@code GIGACHAT_*} variables (environment or {@code .env}) that GigaGate
 *       does not read are named, never with their values, in one warning.</li>
 * </ul>
 */
final class Gpt2GigaSettings {

    /** The gpt2giga values written as GigaGate properties; below every source a user writes to. */
    static final String SOURCE = "gpt2gigaSettings";
    /** What {@code GPT2GIGA_MODE=PROD} enforces; above every other source. */
    static final String PROD_SOURCE = "gpt2gigaProdMode";
    /** The name of the server's PEM bundle made from GPT2GIGA_HTTPS_CERT_FILE and GPT2GIGA_HTTPS_KEY_FILE. */
    static final String TLS_BUNDLE = "gpt2giga";

    /** Every gpt2giga setting (after {@code GPT2GIGA_}, lower case, {@code -} for {@code _}) GigaGate reads. */
    static final Set<String> KNOWN_GPT2GIGA = Set.of(
            // bound by Gpt2GigaProperties and application.yaml
            "host", "port", "pass-model", "pass-token", "embeddings", "enable-images", "api-key", "log-level",
            "timeout", "verbose", "env-path", "structured-output-mode",
            // mapped here
            "mode", "enable-api-key-auth", "cors-allow-origins", "cors-allow-methods", "cors-allow-headers",
            "max-request-body-bytes", "max-image-file-size-bytes", "max-audio-file-size-bytes",
            "max-text-file-size-bytes", "max-audio-image-total-size-bytes", "model-max-connections",
            "model-max-connections-default", "model-max-connections-acquire-timeout", "shutdown-timeout-seconds",
            "use-https", "https-key-file", "https-cert-file", "log-filename", "log-max-size", "log-redact-sensitive",
            "metrics-enabled", "metrics-path", "default-max-tokens", "pass-token-client-cache-size", "gigachat-api-mode",
            "enable-reasoning", "disable-reasoning", "disable-builtin-tool-mapping",
            // usage accounting (trafficLog())
            "traffic-log-enabled", "traffic-log-sink", "traffic-log-sinks", "traffic-log-jsonl-path",
            "traffic-log-postgres-dsn", "traffic-log-capture-content", "traffic-log-queue-size", "traffic-log-batch-size",
            "traffic-log-flush-interval-ms", "traffic-log-drop-on-backpressure", "traffic-log-redact-sensitive",
            "traffic-log-retention-days", "traffic-log-purge-interval-seconds", "admin-api-enabled", "admin-api-key");

    /** Every GigaChat SDK setting (after {@code GIGACHAT_}) GigaGate reads ({@link GigaChatProperties}). */
    static final Set<String> KNOWN_GIGACHAT = Set.of("credentials", "scope", "user", "password", "access-token",
            "base-url", "auth-url", "model", "timeout", "verify-ssl-certs", "ca-bundle-file", "cert-file", "key-file",
            "key-file-password", "profanity-check", "mtls-auth", "api-mode");

    /** gpt2giga's PROD defaults when dropping {@code *} leaves no CORS method or header. */
    static final List<String> PROD_CORS_METHODS = List.of("GET", "POST", "OPTIONS");
    static final List<String> PROD_CORS_HEADERS = List.of("authorization", "content-type", "x-api-key", "x-goog-api-key");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRICS_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final String MODEL_LIMITS = "gigagate.security.model-max-concurrency";

    private final ConfigurableEnvironment env;
    private final Log log;
    private final Binder binder;
    private final Map<String, Object> derived = new LinkedHashMap<>();
    private final Map<String, Object> enforced = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> applied = new LinkedHashSet<>();
    private final List<String> outranked = new ArrayList<>();

    private Gpt2GigaSettings(ConfigurableEnvironment env, Log log) {
        this.env = env;
        this.log = log;
        this.binder = Binder.get(env);
    }

    /**
     * Reads gpt2giga's settings from {@code env} and adds the GigaGate properties they stand for.
     *
     * @throws IllegalStateException naming every setting that cannot be read or that PROD mode refuses
     */
    static void apply(ConfigurableEnvironment env, Log log) {
        new Gpt2GigaSettings(env, log).run();
    }

    private void run() {
        boolean prod = mode();
        apiKeyAuth(prod);
        cors();
        limits();
        modelConcurrency();
        shutdown();
        https();
        fileLog();
        metrics();
        trafficLog();
        integer("default-max-tokens", 1, "gigagate.default-max-tokens");
        integer("pass-token-client-cache-size", 1, "gigagate.security.pass-token-cache-size");
        if (Boolean.TRUE.equals(bool("enable-reasoning"))) {
            map("enable-reasoning", "gigagate.reasoning.default-effort", "high");
        }
        if (Boolean.TRUE.equals(bool("disable-reasoning"))) {
            map("disable-reasoning", "gigagate.reasoning.disabled", "true");
        }
        if (Boolean.TRUE.equals(bool("disable-builtin-tool-mapping"))) {
            map("disable-builtin-tool-mapping", "gigagate.builtin-tool-mapping", "false");
        }
        String apiMode = value("gigachat-api-mode");
        if (apiMode != null) {
            map("gigachat-api-mode", "gigachat.api-mode", apiMode);
        }
        Boolean redact = bool("log-redact-sensitive");
        if (redact != null) {
            map("log-redact-sensitive", "gigagate.log-redaction.enabled", redact.toString());
        }
        if (!derived.isEmpty()) {
            env.getPropertySources().addLast(new MapPropertySource(SOURCE, derived));
        }
        if (prod) {
            applyProdMode();
        }
        warnUnknown();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
        if (!applied.isEmpty()) {
            log.info("gpt2giga settings applied: " + String.join(", ", applied));
        }
        if (!outranked.isEmpty()) {
            log.info("gpt2giga settings not applied because GigaGate's own setting is set and wins: "
                    + String.join(", ", outranked));
        }
    }

    // --- the settings -----------------------------------------------------------------------------------

    private boolean mode() {
        String mode = value("mode");
        if (mode == null) {
            return false;
        }
        return switch (mode.toUpperCase(Locale.ROOT)) {
            case "PROD" -> {
                applied.add(envName("mode"));
                yield true;
            }
            case "DEV" -> false;
            default -> {
                problems.add(envName("mode") + " must be DEV or PROD, not '" + mode + "'");
                yield false;
            }
        };
    }

    /**
     * gpt2giga checks keys when GPT2GIGA_ENABLE_API_KEY_AUTH is on or in PROD, and refuses to start if
     * no key is set then. Off, it checks none, even a configured one: GigaGate follows that on a loopback
     * address only; elsewhere its own rule (a key is required off loopback) stays.
     */
    private void apiKeyAuth(boolean prod) {
        Boolean enabled = bool("enable-api-key-auth");
        if (prod || Boolean.TRUE.equals(enabled)) {
            if (!prod && isSet("gigagate.security.require-api-key")) {
                outranked.add(envName("enable-api-key-auth") + " (gigagate.security.require-api-key)");
                return;
            }
            if (!hasApiKey()) {
                problems.add((prod ? envName("mode") + "=PROD" : envName("enable-api-key-auth") + "=True")
                        + " requires an API key, and none is set: set GPT2GIGA_API_KEY (or GIGAGATE_SECURITY_APIKEYS_<NAME>)");
            }
            if (!prod) {
                map("enable-api-key-auth", "gigagate.security.require-api-key", "true");
            }
        } else if (Boolean.FALSE.equals(enabled)) {
            String address = env.getProperty("server.address", env.getProperty("gpt2giga.host", "localhost"));
            if (GatewayBeans.isLoopback(address)) {
                map("enable-api-key-auth", "gigagate.security.require-api-key", "false");
            } else if (!isSet("gigagate.security.require-api-key")) {
                log.warn(envName("enable-api-key-auth") + "=False is not applied: the gateway listens on '" + address
                        + "', reachable from other machines, where GigaGate requires an API key. Set "
                        + "GIGAGATE_SECURITY_REQUIRE_API_KEY=false to run it open on purpose.");
            }
        }
    }

    private boolean hasApiKey() {
        String key = env.getProperty("gpt2giga.api-key");
        if (key != null && !key.isBlank()) {
            return true;
        }
        Map<String, String> keys = binder.bind("gigagate.security.api-keys", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return keys.values().stream().anyMatch(v -> v != null && !v.isBlank());
    }

    private void cors() {
        list("cors-allow-origins", "gigagate.security.cors.allowed-origins");
        list("cors-allow-methods", "gigagate.security.cors.allowed-methods");
        list("cors-allow-headers", "gigagate.security.cors.allowed-headers");
    }

    private void limits() {
        size("max-request-body-bytes", "gigagate.security.max-body-size");
        size("max-image-file-size-bytes", "gigagate.files.max-image-size");
        size("max-audio-file-size-bytes", "gigagate.files.max-audio-size");
        size("max-text-file-size-bytes", "gigagate.files.max-text-size");
        size("max-audio-image-total-size-bytes", "gigagate.files.max-audio-image-total-size");
    }

    /**
     * GPT2GIGA_MODEL_MAX_CONNECTIONS is a JSON map from GigaChat model id to its limit. It is written as
     * bracketed map keys ({@code ...model-max-concurrency[GigaChat-2-Max]}) in a source of its own, so
     * the ids keep their case and dots, which Spring's names for environment variables cannot.
     */
    private void modelConcurrency() {
        String text = value("model-max-connections");
        if (text != null) {
            Map<String, Integer> limits = positiveIntMap("model-max-connections", text);
            Map<String, String> own = binder.bind(MODEL_LIMITS, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
            limits.forEach((model, limit) -> {
                if (own.containsKey(model)) {
                    outranked.add(envName("model-max-connections") + "[" + model + "]");
                } else {
                    derived.put(MODEL_LIMITS + "[" + model + "]", limit);
                }
            });
            if (!limits.isEmpty()) {
                applied.add(envName("model-max-connections"));
            }
        }
        integer("model-max-connections-default", 1, "gigagate.security.model-max-concurrency-default");
        Double timeout = seconds("model-max-connections-acquire-timeout", 0, Double.MAX_VALUE);
        if (timeout != null) {
            map("model-max-connections-acquire-timeout", "gigagate.security.model-queue-timeout", millis(timeout));
        }
    }

    private void shutdown() {
        Double seconds = seconds("shutdown-timeout-seconds", 0, 300);
        if (seconds != null) {
            map("shutdown-timeout-seconds", "gigagate.drain-timeout", millis(seconds));
        }
    }

    /** GPT2GIGA_USE_HTTPS: the listener serves TLS with the PEM certificate and key, as Spring Boot's server.ssl bundle. */
    private void https() {
        Boolean https = bool("use-https");
        if (!Boolean.TRUE.equals(https)) {
            return;
        }
        String cert = value("https-cert-file");
        String key = value("https-key-file");
        if (cert == null || key == null) {
            problems.add(envName("use-https") + "=True needs " + envName("https-cert-file") + " and "
                    + envName("https-key-file") + " (PEM files)");
            return;
        }
        Path certFile = readable("https-cert-file", cert);
        Path keyFile = readable("https-key-file", key);
        if (certFile == null || keyFile == null) {
            return;
        }
        if (isSet("server.ssl.enabled") || isSet("server.ssl.bundle") || isSet("server.ssl.certificate")
                || isSet("server.ssl.key-store")) {
            outranked.add(envName("use-https") + " (server.ssl.*)");
            return;
        }
        String bundle = "spring.ssl.bundle.pem." + TLS_BUNDLE + ".keystore.";
        derived.put(bundle + "certificate", certFile.toUri().toString());
        derived.put(bundle + "private-key", keyFile.toUri().toString());
        derived.put("server.ssl.bundle", TLS_BUNDLE);
        derived.put("server.ssl.enabled", "true");
        applied.add(envName("use-https"));
    }

    private Path readable(String name, String file) {
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isReadable(path)) {
            problems.add(envName(name) + ": cannot read " + path);
            return null;
        }
        return path;
    }

    /**
     * gpt2giga always writes a rotating log file (gpt2giga.log, 10 MiB); GigaGate writes one when
     * GPT2GIGA_LOG_FILENAME or GPT2GIGA_LOG_MAX_SIZE is set (the latter alone: to gpt2giga.log).
     */
    private void fileLog() {
        String file = value("log-filename");
        Long size = nonNegative("log-max-size");
        if (file == null && size == null) {
            return;
        }
        if (isSet("logging.file.path")) {
            outranked.add(envName("log-filename") + " (logging.file.path)");
        } else {
            map(file != null ? "log-filename" : "log-max-size", "logging.file.name", file != null ? file : "gpt2giga.log");
        }
        if (size != null) {
            map("log-max-size", "logging.logback.rollingpolicy.max-file-size", size + "B");
        }
    }

    /** GPT2GIGA_METRICS_ENABLED: Prometheus text at GPT2GIGA_METRICS_PATH (default /metrics), as gpt2giga serves it. */
    private void metrics() {
        Boolean enabled = bool("metrics-enabled");
        String path = value("metrics-path");
        path = path == null ? "/metrics" : (path.startsWith("/") ? path : "/" + path).replaceAll("/+$", "");
        if (path.isEmpty()) {
            path = "/metrics";
        }
        if (!Boolean.TRUE.equals(enabled)) {
            return;
        }
        if (!METRICS_PATH.matcher(path).matches()) {
            problems.add(envName("metrics-path") + " must be a plain path such as /metrics, not '" + path + "'");
            return;
        }
        map("metrics-enabled", "gigagate.metrics.prometheus-path", path);
    }

    /**
     * gpt2giga 0.3's traffic log and admin API → GigaGate's usage accounting (docs/usage.md): the sinks
     * ({@code noop}, {@code jsonl}, {@code postgres}; OpenSearch is not offered and is reported), the JSON lines
     * file, the PostgreSQL address (its user and password taken apart), content capture, the queue, batches,
     * flush interval, retention and purge interval; ADMIN_API_ENABLED / ADMIN_API_KEY → gigagate.admin.*.
     * Dropping on back-pressure is what GigaGate always does; redaction of captured content is always on.
     */
    private void trafficLog() {
        Boolean enabled = bool("traffic-log-enabled");
        String sinks = value("traffic-log-sinks") != null ? value("traffic-log-sinks") : value("traffic-log-sink");
        if (Boolean.TRUE.equals(enabled)) {
            List<String> names = new ArrayList<>();
            for (String sink : parseList(sinks == null ? "jsonl" : sinks)) {
                String name = sink.strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "jsonl", "postgres" -> names.add(name);
                    case "noop", "" -> { }
                    default -> problems.add(envName("traffic-log-sink") + ": GigaGate writes usage to jsonl and postgres, "
                            + "not '" + sink.strip() + "'");
                }
            }
            map(value("traffic-log-sinks") != null ? "traffic-log-sinks" : "traffic-log-enabled", "gigagate.usage.sinks",
                    String.join(",", names));
        } else if (enabled != null) {
            applied.add(envName("traffic-log-enabled"));
        }
        String jsonl = value("traffic-log-jsonl-path");
        if (jsonl != null) {
            map("traffic-log-jsonl-path", "gigagate.usage.jsonl.path", jsonl);
        }
        String dsn = value("traffic-log-postgres-dsn");
        if (dsn != null) {
            try {
                io.gigagate.usage.PostgresDsn parsed = io.gigagate.usage.PostgresDsn.parse(dsn);
                map("traffic-log-postgres-dsn", "gigagate.usage.postgres.url", parsed.jdbcUrl());
                if (parsed.user() != null) {
                    map("traffic-log-postgres-dsn", "gigagate.usage.postgres.user", parsed.user());
                }
                if (parsed.password() != null) {
                    io.gigagate.security.LogSecrets.register(parsed.password());
                    map("traffic-log-postgres-dsn", "gigagate.usage.postgres.password", parsed.password());
                }
            } catch (IllegalArgumentException e) {
                problems.add(envName("traffic-log-postgres-dsn") + " must be a postgresql://user:password@host:port/db "
                        + "address");
            }
        }
        Boolean capture = bool("traffic-log-capture-content");
        if (capture != null) {
            map("traffic-log-capture-content", "gigagate.usage.capture-content", capture.toString());
        }
        integer("traffic-log-queue-size", 1, "gigagate.usage.queue-size");
        integer("traffic-log-batch-size", 1, "gigagate.usage.batch-size");
        Long flush = whole("traffic-log-flush-interval-ms", 1);
        if (flush != null) {
            map("traffic-log-flush-interval-ms", "gigagate.usage.flush-interval", flush + "ms");
        }
        Long days = whole("traffic-log-retention-days", 0);
        if (days != null) {
            map("traffic-log-retention-days", "gigagate.usage.retention", days + "d");
        }
        Long purge = whole("traffic-log-purge-interval-seconds", 0);
        if (purge != null) {
            map("traffic-log-purge-interval-seconds", "gigagate.usage.purge-interval", purge + "s");
        }
        bool("traffic-log-drop-on-backpressure");
        bool("traffic-log-redact-sensitive");
        Boolean admin = bool("admin-api-enabled");
        if (admin != null) {
            map("admin-api-enabled", "gigagate.admin.enabled", admin.toString());
        }
        String adminKey = value("admin-api-key");
        if (adminKey != null) {
            io.gigagate.security.LogSecrets.register(adminKey);
            map("admin-api-key", "gigagate.admin.api-key", adminKey);
        }
    }

    /**
     * PROD, as gpt2giga has it: API keys are required (checked in {@link #apiKeyAuth}); {@code *} is
     * dropped from the CORS origins, methods and headers, whichever setting gave them (gpt2giga's short
     * lists replace methods and headers left empty; credentials GigaGate never allows); and start-up is
     * refused when a setting would undo that: keys switched off by GIGAGATE_SECURITY_REQUIRE_API_KEY=false,
     * or log redaction switched off. A DEBUG or TRACE log level is warned about, as gpt2giga does.
     */
    private void applyProdMode() {
        String require = env.getProperty("gigagate.security.require-api-key");
        if (require != null && require.strip().equalsIgnoreCase("false")) {
            problems.add("GPT2GIGA_MODE=PROD requires API keys, but GIGAGATE_SECURITY_REQUIRE_API_KEY=false turns "
                    + "them off");
        }
        enforced.put("gigagate.security.require-api-key", "true");
        Binder current = Binder.get(env); // with the gpt2giga values just added
        if (!current.bind("gigagate.log-redaction.enabled", Boolean.class).orElse(true)) {
            problems.add("GPT2GIGA_MODE=PROD with log redaction off (GPT2GIGA_LOG_REDACT_SENSITIVE=False or "
                    + "GIGAGATE_LOG_REDACTION_ENABLED=false) may leak secrets to the logs");
        }
        List<String> origins = withoutWildcard(current, "gigagate.security.cors.allowed-origins", List.of("*"), List.of());
        if (origins != null) {
            log.warn("GPT2GIGA_MODE=PROD: the wildcard CORS origin '*' is dropped; browsers may call from "
                    + (origins.isEmpty() ? "no origin" : String.join(", ", origins))
                    + ". List the trusted origins in GPT2GIGA_CORS_ALLOW_ORIGINS.");
        }
        withoutWildcard(current, "gigagate.security.cors.allowed-methods", List.of("GET", "POST", "DELETE", "OPTIONS"),
                PROD_CORS_METHODS);
        withoutWildcard(current, "gigagate.security.cors.allowed-headers", List.of("*"), PROD_CORS_HEADERS);
        String level = env.getProperty("gpt2giga.log-level", "INFO").strip().toUpperCase(Locale.ROOT);
        if (level.equals("DEBUG") || level.equals("TRACE")) {
            log.warn("GPT2GIGA_MODE=PROD with log level " + level + " may expose sensitive data; consider INFO or higher.");
        }
        env.getPropertySources().addFirst(new MapPropertySource(PROD_SOURCE, enforced));
    }

    /** The CORS list without {@code *}, enforced when that changed it (empty: {@code ifEmpty}); null if unchanged. */
    private List<String> withoutWildcard(Binder binder, String property, List<String> defaults, List<String> ifEmpty) {
        List<String> current = binder.bind(property, Bindable.listOf(String.class)).orElse(defaults);
        List<String> kept = current.stream().map(String::strip).filter(v -> !v.equals("*")).toList();
        if (kept.size() == current.size()) {
            return null;
        }
        List<String> result = kept.isEmpty() ? ifEmpty : kept;
        enforced.put(property, String.join(",", result));
        return result;
    }

    private void warnUnknown() {
        Set<String> unknown = new TreeSet<>();
        for (PropertySource<?> source : env.getPropertySources()) {
            boolean environment = source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                    || source.getName().equals(GigaGateEnvironment.DOTENV_SOURCE);
            if (!environment || !(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            for (String name : names.getPropertyNames()) {
                String upper = name.toUpperCase(Locale.ROOT);
                if (upper.startsWith("GPT2GIGA_") && !KNOWN_GPT2GIGA.contains(setting(upper, "GPT2GIGA_"))
                        || upper.startsWith("GIGACHAT_") && !KNOWN_GIGACHAT.contains(setting(upper, "GIGACHAT_"))) {
                    unknown.add(upper);
                }
            }
        }
        if (!unknown.isEmpty()) {
            log.warn("Not read by GigaGate, so ignored: " + String.join(", ", unknown)
                    + " (from the environment or .env; see docs/configuration.md#gpt2giga-compatibility)");
        }
    }

    private static String setting(String upperName, String prefix) {
        return upperName.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // --- reading values -------------------------------------------------------------------------------

    /** The setting's value from any source (GPT2GIGA_X in the environment or .env, --proxy.x), stripped; blank is null. */
    private String value(String name) {
        String v = env.getProperty("gpt2giga." + name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String envName(String name) {
        return "GPT2GIGA_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Python's (pydantic's) booleans. */
    static Boolean parseBool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes", "y", "on" -> Boolean.TRUE;
            case "0", "false", "f", "no", "n", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    private Boolean bool(String name) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        Boolean b = parseBool(v);
        if (b == null) {
            problems.add(envName(name) + " must be a boolean (True/False, 1/0, yes/no), not '" + v + "'");
        }
        return b;
    }

    /** A JSON list of strings, or a comma-separated list. */
    static List<String> parseList(String value) {
        String v = value.strip();
        if (!v.startsWith("[")) {
            return SettingFormats.list(v);
        }
        JsonNode node = json(v);
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            if (!item.asText().isBlank()) {
                items.add(item.asText().strip());
            }
        }
        return items;
    }

    private void list(String name, String target) {
        String v = value(name);
        if (v == null) {
            return;
        }
        List<String> items = parseList(v);
        if (items == null) {
            problems.add(envName(name) + " must be a JSON list of strings, e.g. [\"https://app.example.com\"]");
            return;
        }
        map(name, target, String.join(",", items));
    }

    private Map<String, Integer> positiveIntMap(String name, String text) {
        JsonNode node = json(text);
        Map<String, Integer> map = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            problems.add(envName(name) + " must be a JSON object of model id to limit, e.g. {\"GigaChat-2-Max\": 2}");
            return map;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String digits = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.asText().strip() : "";
            if (e.getKey().isBlank() || e.getKey().contains("]") || !digits.matches("\\d{1,9}")
                    || Integer.parseInt(digits) < 1) {
                problems.add(envName(name) + ": the limit of '" + e.getKey() + "' must be a whole number of 1 or more");
                continue;
            }
            map.put(e.getKey(), Integer.parseInt(digits));
        }
        return map;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Long whole(String name, long min) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(envName(name) + " must be a whole number of " + min + " or more, not '" + v + "'");
        return null;
    }

    private Long nonNegative(String name) {
        return whole(name, 0);
    }

    private void integer(String name, long min, String target) {
        Long n = whole(name, min);
        if (n != null) {
            if (n > Integer.MAX_VALUE) {
                problems.add(envName(name) + " is too large: " + n);
                return;
            }
            map(name, target, n.toString());
        }
    }

    /** A number of bytes, written as a Spring data size. */
    private void size(String name, String target) {
        Long bytes = nonNegative(name);
        if (bytes != null) {
            map(name, target, bytes + "B");
        }
    }

    private Double seconds(String name, double min, double max) {
        String v = value(name);
        if (v == null) {
            return null;
        }
        try {
            double s = Double.parseDouble(v);
            if (s >= min && s <= max) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(envName(name) + " must be a number of seconds" + (max < Double.MAX_VALUE
                ? " from " + (long) min + " to " + (long) max : " of " + (long) min + " or more") + ", not '" + v + "'");
        return null;
    }

    private static String millis(double seconds) {
        return Math.round(seconds * 1000) + "ms";
    }

    // --- precedence -----------------------------------------------------------------------------------

    /** Sets {@code target} from gpt2giga's {@code name} unless a GigaGate setting for it is already set. */
    private void map(String name, String target, Object value) {
        if (isSet(target)) {
            outranked.add(envName(name) + " (" + target + ")");
            return;
        }
        derived.put(target, value);
        applied.add(envName(name));
    }

    /** Whether any source sets the property, as a value or as a list ({@code name[0]}). */
    private boolean isSet(String property) {
        return env.containsProperty(property)
                || binder.bind(property, Bindable.listOf(String.class)).isBound();
    }
}
