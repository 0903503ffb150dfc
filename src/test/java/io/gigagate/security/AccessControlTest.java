package io.gigagate.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access policy on Spring Boot ({@link AccessControlContract}). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessControlTest extends AccessControlContract {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        settings().forEach((key, value) -> registry.add(key, () -> value));
        namedKeys().forEach((name, key) -> registry.add("gigagate.security.api-keys." + name, () -> key));
        registry.add("gigagate.security.max-body-size", () -> MAX_BODY + "B");
        registry.add("gigagate.security.model-max-concurrency.GigaChat-2-Pro", () -> "1");
    }

    @Override
    int port() {
        return port;
    }

    /** Spring Boot's probes stay open too. */
    @Override
    String healthPath() {
        return "/actuator/health/liveness";
    }
}
