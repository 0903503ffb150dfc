package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.support.GatewayTestSupport;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** gigagate.routes-reload=true: an edited route file in the routes directory takes effect without a restart. */
@TestPropertySource(properties = {"gigagate.routes-dir=target/custom-routes/reload", "gigagate.routes-reload=true"})
class RoutesReloadTest extends GatewayTestSupport {

    private static final Path DIR = CustomRoutesDirectory.freshCopy("reload");

    static {
        CustomRoutesDirectory.write(DIR, "custom-version.camel.yaml", version("first"));
    }

    private static String version(String text) {
        return """
                - route:
                    id: custom-version
                    from:
                      uri: platform-http:/custom/version
                      steps:
                        - removeHeaders:
                            pattern: "*"
                        - setBody:
                            constant: "%s"
                """.formatted(text);
    }

    @Test
    void anEditedRouteFileIsReloaded() throws Exception {
        assertThat(get("/custom/version").body()).isEqualTo("first");

        CustomRoutesDirectory.write(DIR, "custom-version.camel.yaml", version("second"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String body = get("/custom/version").body();
        while (!"second".equals(body) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            body = get("/custom/version").body();
        }
        assertThat(body).isEqualTo("second");
        assertThat(post("/v1/chat/completions", chatBody("still there?")).statusCode())
                .as("the Java DSL routes survive the reload").isEqualTo(200);
    }
}
