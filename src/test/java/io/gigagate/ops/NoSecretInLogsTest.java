package io.gigagate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.gigagate.Application;
import io.gigagate.emulator.GigaChatEmulator;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.logging.LogRedaction;
import io.gigagate.support.TestCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No secret reaches any log, at TRACE on every logger, in every auth mode. Each mode starts the whole
 * gateway (as {@code java -jar} would, so that its own logging settings apply: a console format, a file
 * log, a structured format) against a GigaChat emulator, with the root logger at TRACE
 * ({@code GPT2GIGA_LOG_LEVEL=TRACE}: HttpClient's header and wire logs, Camel's, Spring's and Tomcat's
 * debug logs; two more runs: root at DEBUG, and root at INFO with those loggers turned up by name), sends the gateway API key in every header the gateway accepts, drives chat, a stream,
 * embeddings, a file upload and its content and a 401 that makes the gateway log in again, and logs an
 * exception chain, an MDC value and a key-value pair that carry secrets. Everything logged is captured three ways: the console
 * (text or JSON), the file log (text or structured JSON), and an extra appender on the root logger
 * that prints messages, exception chains (logback's proxy and the Throwable itself), MDC and
 * key-value pairs. Each secret is then looked for raw, in base64 (standard and URL-safe) and, for user
 * and password, as the {@code base64(user:password)} of a Basic header.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretInLogsTest {

    static final String GATEWAY_KEY_BEARER = "gw-key-bearer-5f1c2e9a";
    static final String GATEWAY_KEY_HEADER = "gw-key-header-7d3b8c41";
    static final String AUTH_KEY = base64("log-client-id:log-client-secret-0451");
    static final String AUTH_KEY_SECRET = "log-client-secret-0451";
    static final String USER = "dora";
    static final String PASSWORD = "doras-password-8812";
    static final String STATIC_TOKEN = "static-access-token-5567-xyz";
    static final String POOL_KEY_1 = base64("pool-one:pool-secret-one-1111");
    static final String POOL_KEY_2 = base64("pool-two:pool-secret-two-2222");
    static final String CLIENT_KEY = base64("pt-client:pt-client-secret-4242");
    static final String CLIENT_USER = "erin";
    static final String CLIENT_PASSWORD = "erins-password-7731";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<String> REPORT = new ArrayList<>();

    @TempDir
    static Path logs;

    /** The secrets each mode must keep out of the log, beside the tokens GigaChat issued. */
    private static Map<String, String> baseSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("gateway key (Bearer)", GATEWAY_KEY_BEARER);
        secrets.put("gateway key (x-api-key)", GATEWAY_KEY_HEADER);
        return secrets;
    }

    @Test
    void oauthKeyAndScope(CapturedOutput output) throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().credentials(AUTH_KEY, "GIGACHAT_API_PERS").build().start()) {
            Map<String, String> secrets = baseSecrets();
            secrets.put("authorization key", AUTH_KEY);
            secrets.put("authorization key's client secret", AUTH_KEY_SECRET);
            runMode("oauth", emulator, output, secrets, List.of(bearerKey(), headerKey()), true,
                    "--gigachat.credentials=" + AUTH_KEY, "--gigachat.scope=GIGACHAT_API_PERS",
                    "--gigagate.log-format=json", "--logging.pattern.file=%d %level %logger %X - %m%n%ex");
        }
    }

    @Test
    void userAndPassword(CapturedOutput output) throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().userPassword(USER, PASSWORD).build().start()) {
            Map<String, String> secrets = baseSecrets();
            secrets.put("password", PASSWORD);
            secrets.put("user:password", USER + ":" + PASSWORD);
            runMode("user-password", emulator, output, secrets, List.of(bearerKey(), headerKey()), true,
                    "--gigachat.user=" + USER, "--gigachat.password=" + PASSWORD,
                    "--logging.structured.format.file=logstash");
        }
    }

    @Test
    void readyAccessToken(CapturedOutput output) throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().staticToken(STATIC_TOKEN).build().start()) {
            Map<String, String> secrets = baseSecrets();
            secrets.put("static access token", STATIC_TOKEN);
            runMode("access-token", emulator, output, secrets, List.of(bearerKey(), headerKey()), false,
                    "--gigachat.access-token=" + STATIC_TOKEN,
                    "--logging.pattern.console=%level [%thread] %logger{0}: %msg %mdc%n%wEx",
                    "--logging.structured.format.file=ecs");
        }
    }

    @Test
    void mutualTls(CapturedOutput output) throws Exception {
        TestCertificates pki = TestCertificates.create();
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().tls(pki.serverContext(), true).requireBearer(false)
                .build().start()) {
            runMode("mtls", emulator, output, baseSecrets(), List.of(bearerKey(), headerKey()), false,
                    "--gigachat.ca-bundle-file=" + pki.caPem, "--gigachat.cert-file=" + pki.clientCertPem,
                    "--gigachat.key-file=" + pki.clientKeyPem, "--gigachat.mtls-auth=true");
        }
    }

    @Test
    void passTokenInItsThreeForms(CapturedOutput output) throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().userPassword(CLIENT_USER, CLIENT_PASSWORD).build()
                .start()) {
            String clientToken = emulator.issueToken();
            Map<String, String> secrets = baseSecrets();
            secrets.put("gateway's authorization key", AUTH_KEY);
            secrets.put("pass token giga-cred key", CLIENT_KEY);
            secrets.put("pass token giga-user password", CLIENT_PASSWORD);
            secrets.put("pass token giga-user user:password", CLIENT_USER + ":" + CLIENT_PASSWORD);
            secrets.put("pass token giga-auth token", clientToken);
            List<String[]> headerSets = List.of(
                    new String[] {"x-api-key", GATEWAY_KEY_HEADER},
                    new String[] {"x-api-key", GATEWAY_KEY_HEADER, "Authorization", "Bearer giga-cred-" + CLIENT_KEY
                        + ":GIGACHAT_API_PERS"},
                    new String[] {"x-api-key", GATEWAY_KEY_HEADER, "Authorization", "Bearer giga-user-" + CLIENT_USER + ":"
                        + CLIENT_PASSWORD},
                    new String[] {"x-api-key", GATEWAY_KEY_HEADER, "Authorization", "Bearer giga-auth-" + clientToken});
            runMode("pass-token", emulator, output, secrets, headerSets, true,
                    "--gpt2giga.pass-token=true", "--gigachat.credentials=" + AUTH_KEY, "--gigachat.scope=GIGACHAT_API_PERS");
        }
    }

    @Test
    void credentialPool(CapturedOutput output) throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().build().start()) {
            Map<String, String> secrets = baseSecrets();
            secrets.put("pool key 1", POOL_KEY_1);
            secrets.put("pool key 2", POOL_KEY_2);
            runMode("credential-pool", emulator, output, secrets, List.of(bearerKey(), headerKey()), true,
                    "--gigagate.credential-pool=" + POOL_KEY_1 + ":GIGACHAT_API_PERS," + POOL_KEY_2,
                    "--gigachat.scope=GIGACHAT_API_PERS");
        }
    }

    @Test
    void rootAtDebug(CapturedOutput output) throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().credentials(AUTH_KEY, "GIGACHAT_API_PERS").build().start()) {
            Map<String, String> secrets = baseSecrets();
            secrets.put("authorization key", AUTH_KEY);
            secrets.put("authorization key's client secret", AUTH_KEY_SECRET);
            runMode("oauth", "root DEBUG", emulator, output, secrets, List.of(bearerKey(), headerKey()), true,
                    "--gpt2giga.log-level=DEBUG", "--gigachat.credentials=" + AUTH_KEY,
                    "--gigachat.scope=GIGACHAT_API_PERS");
        }
    }

    /** Root at INFO, and the loggers a user would turn up by name to see the traffic. */
    @Test
    void namedLoggersAtDebug(CapturedOutput output) throws Exception {
        try (GigaChatEmulator emulator = GigaChatEmulator.builder().userPassword(USER, PASSWORD).build().start()) {
            Map<String, String> secrets = baseSecrets();
            secrets.put("password", PASSWORD);
            secrets.put("user:password", USER + ":" + PASSWORD);
            runMode("user-password", "root INFO, named DEBUG", emulator, output, secrets,
                    List.of(bearerKey(), headerKey()), true,
                    "--gpt2giga.log-level=INFO", "--gigachat.user=" + USER, "--gigachat.password=" + PASSWORD,
                    "--logging.level.org.apache.hc.client5.http.wire=DEBUG",
                    "--logging.level.org.apache.hc.client5.http.headers=DEBUG",
                    "--logging.level.org.apache.camel=DEBUG", "--logging.level.org.springframework.web=DEBUG",
                    "--logging.level.org.apache.coyote=DEBUG", "--logging.level.org.apache.tomcat=DEBUG",
                    "--logging.level.org.apache.catalina=DEBUG", "--logging.level.io.gigagate=DEBUG");
        }
    }

    /** gigagate.log-redaction.enabled=false: a warning at start-up, and secrets are logged as they are. */
    @Test
    void redactionCanBeSwitchedOffWithAWarning(CapturedOutput output) throws Exception {
        LoggingSystem.get(NoSecretInLogsTest.class.getClassLoader()).cleanUp();
        ConfigurableApplicationContext app = SpringApplication.run(Application.class, "--server.port=0",
                "--server.address=127.0.0.1", "--gigachat.credentials=", "--gigachat.access-token=" + STATIC_TOKEN,
                "--gpt2giga.api-key=" + GATEWAY_KEY_BEARER, "--gigagate.log-redaction.enabled=false");
        try {
            LoggerFactory.getLogger("io.gigagate.test.secrets").info("the key is {}", GATEWAY_KEY_BEARER);
            assertThat(output.getAll()).contains("WARN").contains(LogRedaction.DISABLED_WARNING)
                    .contains("the key is " + GATEWAY_KEY_BEARER);
        } finally {
            app.close();
            LogRedaction.setEnabled(true);
        }
        LoggerFactory.getLogger("io.gigagate.test.secrets").warn("the key is {}", GATEWAY_KEY_BEARER);
        assertThat(output.getAll()).contains("the key is ***");
    }

    @AfterAll
    static void report() {
        REPORT.forEach(System.err::println);
        // the next Spring context of this JVM sets logging up from its own settings again
        LoggingSystem.get(NoSecretInLogsTest.class.getClassLoader()).cleanUp();
    }

    private static String[] bearerKey() {
        return new String[] {"Authorization", "Bearer " + GATEWAY_KEY_BEARER};
    }

    private static String[] headerKey() {
        return new String[] {"x-api-key", GATEWAY_KEY_HEADER};
    }

    private void runMode(String mode, GigaChatEmulator emulator, CapturedOutput output, Map<String, String> secrets,
            List<String[]> headerSets, boolean renews, String... modeArgs) throws Exception {
        runMode(mode, "root TRACE", emulator, output, secrets, headerSets, renews, modeArgs);
    }

    private void runMode(String mode, String levels, GigaChatEmulator emulator, CapturedOutput output,
            Map<String, String> secrets, List<String[]> headerSets, boolean renews, String... modeArgs) throws Exception {
        Path file = logs.resolve(mode + "-" + levels.replaceAll("[^A-Za-z]+", "-") + ".log");
        // a setting given twice on the command line would be read as "first,second": one value per name
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : List.of("server.port=0", "server.address=127.0.0.1",
                "gigachat.base-url=" + emulator.baseUrl(), "gigachat.auth-url=" + emulator.authUrl(),
                "gigachat.credentials=", "gigachat.user=", "gigachat.password=", "gigachat.access-token=",
                "gigachat.cert-file=", "gigachat.key-file=", "gigachat.ca-bundle-file=",
                "gpt2giga.api-key=" + GATEWAY_KEY_BEARER,
                "gigagate.security.api-keys.second=" + GATEWAY_KEY_HEADER,
                "gpt2giga.log-level=TRACE",
                "logging.level.org.apache.camel.component.platform.http.springboot=TRACE",
                "logging.level.io.gigagate.config.InlinePlatformHttpEngine=TRACE",
                "logging.file.name=" + file)) {
            settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        for (String setting : modeArgs) {
            String plain = setting.substring(2);
            settings.put(plain.substring(0, plain.indexOf('=')), plain.substring(plain.indexOf('=') + 1));
        }
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        int outputBefore = output.getAll().length();
        // logging is set up once per JVM unless told otherwise: this run's file log and formats must apply
        LoggingSystem.get(NoSecretInLogsTest.class.getClassLoader()).cleanUp();
        CapturingAppender captured = new CapturingAppender();
        ConfigurableApplicationContext app = SpringApplication.run(Application.class, args.toArray(String[]::new));
        try {
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            captured.setContext(root.getLoggerContext());
            captured.start();
            root.addAppender(captured);
            // as /actuator/loggers would: a level set at run time (on a logger of its own, so nothing else changes)
            LoggingSystem.get(NoSecretInLogsTest.class.getClassLoader()).setLogLevel("io.gigagate.test.toggle",
                    LogLevel.WARN);
            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            drive(port, emulator, headerSets, renews);
            org.slf4j.Logger log = LoggerFactory.getLogger("io.gigagate.test.secrets");
            MDC.put("client", GATEWAY_KEY_BEARER);
            try {
                log.error("A failure that carries secrets", new IllegalStateException("the client sent "
                        + GATEWAY_KEY_HEADER, new IOException("Authorization: Basic " + AUTH_KEY)));
            } finally {
                MDC.remove("client");
            }
            log.atDebug().addKeyValue("credential", GATEWAY_KEY_HEADER).log("a key-value pair");
        } finally {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(captured.getName());
            app.close();
        }
        for (RecordedRequest request : emulator.requests()) {
            String authorization = request.header("Authorization");
            if (authorization != null && authorization.startsWith("Bearer ")) {
                secrets.putIfAbsent("issued access token " + authorization.substring(7, 15) + "...",
                        authorization.substring(7));
            }
        }
        String console = output.getAll().substring(outputBefore);
        String fileLog = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        String appender = captured.text();
        Map<String, String> logsByName = Map.of("console", console, "file", fileLog, "root appender", appender);

        List<String> found = new ArrayList<>();
        int forms = 0;
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            for (Map.Entry<String, String> form : forms(secret.getKey(), secret.getValue()).entrySet()) {
                forms++;
                logsByName.forEach((where, text) -> {
                    if (text.contains(form.getValue())) {
                        found.add(form.getKey() + " in the " + where + " log: ..." + around(text, form.getValue()) + "...");
                    }
                });
            }
        }
        long lines = console.lines().count() + fileLog.lines().count() + captured.events;
        REPORT.add(String.format("%-16s %-24s %2d secrets (%3d forms) scanned in console %8d + file %8d chars + "
                + "root appender %5d events: %d found", mode, levels, secrets.size(), forms, console.length(),
                fileLog.length(), captured.events, found.size()));
        assertThat(lines).as("something was logged").isGreaterThan(300);
        assertThat(appender).as("HttpClient's wire log is on").contains("org.apache.hc.client5.http.wire");
        assertThat(found).as("secrets in the " + mode + " logs").isEmpty();
    }

    /** Chat, a stream, embeddings, a file and its content with each header set, then a 401 and a new login. */
    private static void drive(int port, GigaChatEmulator emulator, List<String[]> headerSets, boolean renews)
            throws Exception {
        String chat = "{\"model\":\"GigaChat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String stream = "{\"model\":\"GigaChat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String embeddings = "{\"model\":\"Embeddings\",\"input\":[\"one\",\"two\"]}";
        for (String[] headers : headerSets) {
            assertThat(post(port, "/v1/chat/completions", chat, headers).statusCode()).isEqualTo(200);
            HttpResponse<String> streamed = post(port, "/v1/chat/completions", stream, headers);
            assertThat(streamed.statusCode()).isEqualTo(200);
            assertThat(streamed.body()).contains("[DONE]");
            assertThat(post(port, "/v1/embeddings", embeddings, headers).statusCode()).isEqualTo(200);
        }
        String[] headers = headerSets.get(headerSets.size() - 1);
        String id = upload(port, headers);
        HttpResponse<String> content = send(port, HttpRequest.newBuilder(URI.create(url(port, "/v1/files/" + id + "/content")))
                .GET(), headers);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo("notes for the log test");
        if (renews) {
            emulator.faults().expireAllTokens();
            for (String[] set : headerSets) {
                if (String.join(" ", set).contains("giga-auth-")) {
                    continue; // a ready token cannot be renewed: its 401 is final
                }
                assertThat(post(port, "/v1/chat/completions", chat, set).statusCode()).as("after a 401, a new token")
                        .isEqualTo(200);
            }
        }
    }

    private static String upload(int port, String[] headers) throws IOException, InterruptedException {
        String boundary = "----log" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nnotes for the log test\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nuser_data\r\n--" + boundary + "--\r\n";
        HttpResponse<String> created = send(port, HttpRequest.newBuilder(URI.create(url(port, "/v1/files")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static HttpResponse<String> post(int port, String path, String json, String[] headers)
            throws IOException, InterruptedException {
        return send(port, HttpRequest.newBuilder(URI.create(url(port, path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    private static HttpResponse<String> send(int port, HttpRequest.Builder request, String[] headers)
            throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The secret raw, in base64 (standard, unpadded, URL-safe). */
    private static Map<String, String> forms(String name, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put(name, secret);
        Set<String> encodings = new LinkedHashSet<>(List.of(Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
        int i = 0;
        for (String encoded : encodings) {
            forms.put(name + " (base64 " + (++i) + ")", encoded);
        }
        return forms;
    }

    private static String around(String text, String secret) {
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + secret.length() + 20))
                .replace(secret, "<<SECRET>>");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Prints what an encoder could print of an event: message, exception (proxy and Throwable), MDC, pairs. */
    static final class CapturingAppender extends AppenderBase<ILoggingEvent> {

        private final StringBuilder text = new StringBuilder();
        long events;

        CapturingAppender() {
            setName("no-secret-test-capture");
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            events++;
            text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                    .append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs().forEach(pair -> text.append(' ').append(pair.key).append('=').append(pair.value));
            }
            text.append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
                if (event.getThrowableProxy() instanceof ThrowableProxy proxy) {
                    StringWriter trace = new StringWriter();
                    proxy.getThrowable().printStackTrace(new PrintWriter(trace));
                    text.append(trace).append('\n');
                }
            }
        }

        synchronized String text() {
            return text.toString();
        }
    }
}
