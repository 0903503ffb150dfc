package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Small HTTP helpers shared by the emulator tests. */
abstract class EmulatorTestSupport {

    static final String TOKEN = "static-test-token";
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A response with its body parsed (json null when the body is not JSON). */
    record Res(int status, String body, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static Res send(HttpRequest req) {
        try {
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            } catch (IOException e) {
                json = null;
            }
            return new Res(r.statusCode(), r.body(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder req(GigaChatEmulator emu, String path) {
        return HttpRequest.newBuilder(URI.create(emu.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN);
    }

    static Res get(GigaChatEmulator emu, String path) {
        return send(req(emu, path).GET().build());
    }

    static Res post(GigaChatEmulator emu, String path, String json, String... headers) {
        HttpRequest.Builder b = req(emu, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static Res post(GigaChatEmulator emu, String path, JsonNode json, String... headers) {
        return post(emu, path, json.toString(), headers);
    }

    static Res oauth(GigaChatEmulator emu, String authorization, String rqUid, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.authUrl()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (rqUid != null) {
            b.header("RqUID", rqUid);
        }
        return send(b.build());
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chat request body: alternating role, content pairs. */
    static String chat(String model, String... roleContent) {
        StringBuilder sb = new StringBuilder("{\"model\":\"").append(model).append("\",\"messages\":[");
        for (int i = 0; i + 1 < roleContent.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"role\":").append(quote(roleContent[i])).append(",\"content\":")
                    .append(quote(roleContent[i + 1])).append('}');
        }
        return sb.append("]}").toString();
    }

    static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> map(String... kv) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
