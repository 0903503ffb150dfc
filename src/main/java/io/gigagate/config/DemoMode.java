package io.gigagate.config;

import io.gigagate.emulator.GigaChatEmulator;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode: the built-in GigaChat emulator answers instead of GigaChat, so a newcomer without
 * credentials can try the gateway. It is only ever switched on explicitly, and it says so loudly:
 * a misconfigured production gateway must fail, not answer with fake text.
 */
final class DemoMode {

    static final String DEMO_KEY = "ZGVtbzpkZW1v"; // base64("demo:demo"), accepted by the emulator

    private DemoMode() {
    }

    static void start(ConfigurableEnvironment env, SpringApplication application, Log log) {
        int port = env.getProperty("gigagate.emulator-port", Integer.class, 0);
        GigaChatEmulator emulator = GigaChatEmulator.builder().port(port).recordLimit(0).build().start(); // nobody reads its recorder
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "gigagate-demo-emulator-stop"));
        // a start-up that fails must not leave the emulator's threads keeping the JVM alive
        application.addListeners((ApplicationListener<ApplicationFailedEvent>) event -> emulator.close());
        Map<String, Object> demo = new HashMap<>();
        demo.put("gigachat.base-url", emulator.baseUrl());
        demo.put("gigachat.auth-url", emulator.authUrl());
        demo.put("gigachat.credentials", DEMO_KEY);
        demo.put("gigachat.scope", "GIGACHAT_API_PERS");
        demo.put("gigachat.user", "");
        demo.put("gigachat.password", "");
        demo.put("gigachat.access-token", "");
        demo.put("gigachat.cert-file", "");
        demo.put("gigachat.key-file", "");
        env.getPropertySources().addFirst(new MapPropertySource("gigagateDemoMode", demo));
        log.warn("**************************************************************************");
        log.warn("* DEMO MODE: answers come from the built-in GigaChat EMULATOR at");
        log.warn("* " + emulator.baseUrl() + ", NOT from GigaChat. Never run this in production.");
        log.warn("**************************************************************************");
    }
}
