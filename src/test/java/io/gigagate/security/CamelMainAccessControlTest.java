package io.gigagate.security;

import io.gigagate.support.CamelMainGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The access policy on Camel Main with the deployed settings (deploy/camel-k), as {@code camel run} and
 * Camel K run the routes: the same checks and errors as on Spring Boot ({@link AccessControlContract}),
 * with no servlet filter in front; the body limit is Camel Main's server's ({@code camel.server.max-body-size}),
 * its 413 answered in OpenAI's shape by {@code camel.VertxBodyLimitAnswer}.
 */
class CamelMainAccessControlTest extends AccessControlContract {

    private static Main main;
    private static int port;

    @BeforeAll
    static void startCamelMain() throws Exception {
        port = freePort();
        Map<String, String> settings = settings();
        settings.put("gigagate.security.api-keys-list", namedKeys().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        settings.put("camel.server.max-body-size", String.valueOf(MAX_BODY));
        settings.put("gigagate.security.model-max-concurrency-list", "GigaChat-2-Pro=1");
        main = CamelMainGateway.create(port, settings);
        main.start();
    }

    @AfterAll
    static void stopCamelMain() {
        if (main != null) {
            main.stop();
        }
    }

    @Override
    int port() {
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
