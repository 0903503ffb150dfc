package io.gigagate.support;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.main.Main;

/**
 * GigaGate's routes on plain Camel Main, set up by deploy/camel-k/application.properties as
 * {@code camel run} and Camel K set them up: no Spring, platform-http on Camel Main's Vert.x server,
 * beans from deploy/camel-k/beans.camel.yaml. Runs from the project directory, on loopback.
 *
 * <p>Used by {@code CamelMainPortabilityTest}, and by bench/run.sh as a process of its own, to measure
 * that deployment beside the Spring Boot one: {@code CamelMainGateway PORT GIGACHAT-BASE-URL
 * ACCESS-TOKEN [key=value ...]}.
 */
public final class CamelMainGateway {

    private static final Path SETTINGS = Path.of("deploy/camel-k/application.properties");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CamelMainGateway() {
    }

    /** A Camel Main with the deployed settings, listening on {@code port}; {@code settings} win. */
    public static Main create(int port, Map<String, String> settings) throws IOException {
        Properties deployed = new Properties();
        try (Reader in = Files.newBufferedReader(SETTINGS)) {
            deployed.load(in);
        }
        Main main = new Main();
        deployed.stringPropertyNames().forEach(key -> main.addInitialProperty(key, deployed.getProperty(key)));
        // in an integration the files sit side by side; here they are in deploy/camel-k and routes/
        main.addInitialProperty("camel.main.routes-include-pattern",
                "file:deploy/camel-k/beans.camel.yaml,file:routes/*.yaml");
        main.addInitialProperty("camel.server.host", "127.0.0.1");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        settings.forEach(main::addInitialProperty);
        return main;
    }

    /**
     * One request to a Camel Main gateway on {@code port} (JSON body, or none when {@code body} is null), with
     * the headers given as name, value pairs; its answer as text.
     */
    public static HttpResponse<String> send(int port, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CamelMainGateway PORT GIGACHAT-BASE-URL ACCESS-TOKEN [key=value ...]");
            System.exit(2);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gigachat.base-url", args[1]);
        settings.put("gigachat.access-token", args[2]);
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("not key=value: " + args[i]);
                System.exit(2);
            }
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        create(Integer.parseInt(args[0]), settings).run();
    }
}
