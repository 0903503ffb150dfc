package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.resilience.RetryPolicy;
import io.gigagate.support.CamelMainGateway;
import io.gigagate.support.ConfigurationDiff;
import io.gigagate.support.SharedEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One wiring for both runtimes: the Spring Boot app and Camel Main with deploy/camel-k/beans.camel.yaml
 * (what {@code camel run} and Camel K run) are started with the same non-default settings, under the
 * same property names, and every bean beans.camel.yaml declares must be configured alike on both, down
 * to the leaves (see {@link ConfigurationDiff} for what is compared and what is skipped).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WiringParityTest {

    private static final GigaChatEmulator EMULATOR = SharedEmulator.get();

    /** Settings both runtimes read under the same names; none is the default. */
    private static final Map<String, String> SETTINGS = settings();

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("gigachat.base-url", EMULATOR.baseUrl());
        s.put("gigachat.auth-url", EMULATOR.authUrl());
        s.put("gigachat.credentials", SharedEmulator.AUTHORIZATION_KEY);
        s.put("gigachat.scope", "GIGACHAT_API_CORP");
        s.put("gigachat.model", "GigaChat-2-Pro");
        s.put("gigachat.profanity-check", "false");
        s.put("gigachat.timeout", "42.5");
        s.put("gpt2giga.pass-model", "false");
        s.put("gpt2giga.embeddings", "Embeddings");
        s.put("gpt2giga.enable-images", "false");
        s.put("gpt2giga.verbose", "true");
        s.put("gpt2giga.pass-token", "true");
        s.put("gigagate.structured-output-mode", "native");
        s.put("gigagate.default-aliases", "false");
        s.put("gigagate.aliases", "my-model=GigaChat-2-Max");
        s.put("gigagate.models-cache-ttl", "PT2M");
        s.put("gigagate.credential-pool", SharedEmulator.AUTHORIZATION_KEY + "," + SharedEmulator.AUTHORIZATION_KEY
                + ":GIGACHAT_API_B2B");
        s.put("gigagate.credential-rest", "PT45S");
        s.put("gigagate.upstream.read-timeout", "PT3M");
        s.put("gigagate.stream.idle-timeout", "PT90S");
        s.put("gigagate.stream.total-timeout", "PT7M");
        s.put("gigagate.retry.max-attempts", "5");
        s.put("gigagate.retry.base-delay", "PT0.1S");
        s.put("gigagate.retry.max-delay", "PT2S");
        s.put("gigagate.retry.budget", "PT9S");
        s.put("gigagate.circuit-breaker.failure-rate-threshold", "35");
        s.put("gigagate.circuit-breaker.minimum-calls", "4");
        s.put("gigagate.circuit-breaker.sliding-window", "8");
        s.put("gigagate.circuit-breaker.wait-in-open", "PT12S");
        s.put("gigagate.circuit-breaker.half-open-calls", "2");
        s.put("gigagate.security.max-messages", "7");
        s.put("gpt2giga.api-key", "parity-default-key");
        s.put("gigagate.security.rate-limit-per-minute", "11");
        s.put("gigagate.security.max-concurrent-per-key", "3");
        s.put("gigagate.security.cors.allowed-origins", "https://a.example,https://*.b.example");
        s.put("gigagate.security.cors.allowed-methods", "GET,POST");
        s.put("gigagate.security.cors.allowed-headers", "authorization,content-type");
        s.put("gigagate.security.cors.max-age", "PT20M");
        s.put("gigagate.default-max-tokens", "64");
        s.put("gigagate.security.pass-token-cache-size", "12");
        s.put("gigagate.security.model-max-concurrency-default", "2");
        s.put("gigagate.security.model-queue-size", "9");
        s.put("gigagate.security.model-queue-timeout", "PT5S");
        s.put("gigagate.fan-out.threads", "8");
        s.put("gigagate.fan-out.max-parallel-per-request", "3");
        s.put("gigagate.fan-out.max-choices", "5");
        s.put("gigagate.embeddings.batch-size", "33");
        s.put("gigagate.embeddings.token-encoding", "o200k_base");
        s.put("gigagate.images.model", "GigaChat-2-Max");
        s.put("gigagate.images.url-ttl", "PT15M");
        s.put("gigagate.images.cache-size", "64MB");
        s.put("gigagate.images.public-base-url", "https://gw.example.com/");
        s.put("gigagate.files.max-image-size", "5MB");
        s.put("gigagate.files.max-audio-size", "6MB");
        s.put("gigagate.files.max-text-size", "7MB");
        s.put("gigagate.files.max-images-per-request", "3");
        s.put("gigagate.files.max-audio-image-total-size", "20MB");
        s.put("gigagate.files.download-timeout", "PT4S");
        s.put("gigagate.files.max-download-size", "2MB");
        s.put("gigagate.files.max-redirects", "2");
        s.put("gigagate.files.allowed-hosts", "files.internal,10.0.0.5");
        s.put("gigagate.files.cache-size", "99");
        s.put("gigagate.files.cache-ttl", "PT30M");
        // usage records, budgets and the admin API (UsageBeans): the budgets are a map on both runtimes
        s.put("gigagate.usage.sinks", "jsonl");
        s.put("gigagate.usage.jsonl.path", "target/wiring-parity/usage.jsonl");
        s.put("gigagate.usage.jsonl.max-size", "5MB");
        s.put("gigagate.usage.jsonl.max-files", "3");
        s.put("gigagate.usage.queue-size", "123");
        s.put("gigagate.usage.batch-size", "17");
        s.put("gigagate.usage.flush-interval", "PT0.5S");
        s.put("gigagate.usage.retention", "P10D");
        s.put("gigagate.usage.capture-content", "true");
        s.put("gigagate.usage.content-retention", "P2D");
        s.put("gigagate.usage.purge-interval", "PT30M");
        s.put("gigagate.usage.replica", "parity-replica");
        s.put("gigagate.usage.memory-days", "9");
        s.put("gigagate.usage.recent-limit", "77");
        s.put("gigagate.usage.budget-sync", "PT3S");
        s.put("gigagate.usage.budgets.team-a.tokens-per-day", "1000");
        s.put("gigagate.usage.budgets.team-a.requests-per-minute", "7");
        s.put("gigagate.usage.budgets.[*].tokens-per-month", "5000");
        s.put("gigagate.admin.enabled", "true");
        s.put("gigagate.admin.api-key", "parity-admin-key");
        return s;
    }

    /**
     * Per-model limits and named API keys are maps on Spring (gigagate.security.model-max-concurrency.MODEL,
     * gigagate.security.api-keys.NAME); a Camel placeholder cannot hold a map, so Camel Main reads the same
     * values as one list each.
     */
    /**
     * Beans only Camel Main has: Vert.x's body-limit answer (Spring Boot refuses bodies in a servlet filter) and the
     * admin route's processor (Spring Boot serves the same AdminApi with Spring MVC).
     */
    private static final Set<String> CAMEL_MAIN_ONLY_BEANS = Set.of("bodyLimitAnswer", "adminApiProcessor");

    private static final Map<String, String> SPRING_ONLY = Map.of(
            "gigagate.security.model-max-concurrency.GigaChat-2-Max", "1",
            "gigagate.security.model-max-concurrency.GigaChat-2", "3",
            "gigagate.security.api-keys.team-a", "parity-key-a");
    private static final Map<String, String> CAMEL_MAIN_ONLY = Map.of(
            "gigagate.security.model-max-concurrency-list", "GigaChat-2-Max=1,GigaChat-2=3",
            "gigagate.security.api-keys-list", "team-a=parity-key-a");

    private static Main camelMain;

    @Autowired
    private ApplicationContext spring;

    @DynamicPropertySource
    static void sameSettings(DynamicPropertyRegistry registry) {
        SETTINGS.forEach((key, value) -> registry.add(key, () -> value));
        SPRING_ONLY.forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void startCamelMain() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
        settings.putAll(CAMEL_MAIN_ONLY);
        camelMain = CamelMainGateway.create(freePort(), settings);
        camelMain.start();
    }

    @AfterAll
    static void stopCamelMain() {
        if (camelMain != null) {
            camelMain.stop();
        }
    }

    @Test
    void everyBeanOfBeansCamelYamlIsConfiguredAlikeOnBothRuntimes() throws IOException {
        List<String> names = yamlBeanNames();
        assertThat(names).hasSizeGreaterThan(20);
        List<String> differences = new ArrayList<>();
        int values = 0;
        Set<String> skipped = new TreeSet<>();
        for (String name : names) {
            Object camel = camelMain.getCamelContext().getRegistry().lookupByName(name);
            assertThat(camel).as("Camel Main's bean %s", name).isNotNull();
            if (CAMEL_MAIN_ONLY_BEANS.contains(name)) {
                continue;
            }
            if (!spring.containsBean(name)) {
                differences.add(name + ": no such bean in the Spring app");
                continue;
            }
            ConfigurationDiff diff = ConfigurationDiff.of(name, spring.getBean(name), camel);
            differences.addAll(diff.differences());
            values += diff.leaves();
            skipped.addAll(diff.skippedTypes());
        }
        System.out.printf("compared %d beans, %d values; skipped types met: %s%n", names.size(), values, skipped);
        assertThat(differences).as("Spring Boot vs Camel Main (beans.camel.yaml)").isEmpty();
        assertThat(values).as("values compared").isGreaterThan(100);
    }

    /** The comparison is not vacuous: one setting apart is found, with its path. */
    @Test
    void theComparisonFindsOneSettingApart() {
        RetryPolicy five = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(9));
        RetryPolicy three = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(9));
        assertThat(ConfigurationDiff.of("retryPolicy", five, three).differences())
                .containsExactly("retryPolicy.maxAttempts: 5 vs 3");
        assertThat(ConfigurationDiff.of("map", Map.of("a", List.of(1, 2)), Map.of("a", List.of(1, 3))).differences())
                .containsExactly("map[a][1]: 2 vs 3");
    }

    private static List<String> yamlBeanNames() throws IOException {
        return Pattern.compile("(?m)^    - name: (\\S+)$").matcher(Files.readString(Path.of("deploy/camel-k/beans.camel.yaml")))
                .results().map(m -> m.group(1)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
