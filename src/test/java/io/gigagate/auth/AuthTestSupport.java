package io.gigagate.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Helpers for the auth-mode tests, each of which runs the gateway against an emulator of its own. */
final class AuthTestSupport {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AuthTestSupport() {
    }

    /** Blanks every credential, so the environment of whoever runs the tests cannot leak in. */
    static void noCredentials(DynamicPropertyRegistry registry) {
        for (String key : new String[] {"credentials", "user", "password", "access-token", "cert-file", "key-file",
            "ca-bundle-file", "key-file-password"}) {
            registry.add("gigachat." + key, () -> "");
        }
    }

    static HttpResponse<String> chat(int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
