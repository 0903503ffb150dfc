package io.gigagate.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gigagate.security.LogSecrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The admin API ({@code /admin/api/...}, described by {@code /admin/openapi.yaml}) and the admin page
 * ({@code /admin/}), independent of the HTTP server: the admin key's check, the query parameters, the answers.
 * The Spring app's AdminKeyFilter and AdminApiController call the single steps ({@link #guard}, {@link #usage},
 * ...), Camel Main's and Camel K's {@code admin} route (camel.AdminApiProcessor) the whole of it ({@link #handle}).
 * Reads go to PostgreSQL when it is a usage sink, else to this replica's in-memory aggregates ({@code source} in
 * each answer says which).
 *
 * <p>Off, every admin path is 404; on, {@code /admin/api/...} needs the admin key ({@code Authorization: Bearer
 * <key>} or {@code X-Admin-Key}), compared in constant time. A gateway key is not the admin key (start-up refuses
 * the same value for both), so it gets 401. The page itself is static and holds no data; it asks for the key and
 * sends it with every call.
 */
public final class AdminApi {

    public static final int MAX_LIMIT = 1000;

    public static final List<String> CSV_COLUMNS = List.of("time", "request_id", "front", "endpoint", "method",
            "api_key_name", "credential_fingerprint", "model_requested", "model", "status", "error_type", "stream",
            "input_tokens", "output_tokens", "cached_tokens", "reasoning_tokens", "latency_millis", "first_event_millis",
            "upstream_request_id", "replica");

    /** As the Spring app's JSON: ISO instants, no null fields. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final boolean enabled;
    private final byte[] keyDigest;
    private final UsageStore store;
    private final UsageRecorder recorder;
    private final Budgets budgets;

    /** @param adminKey the admin key (masked in every log from now on), or null */
    public AdminApi(boolean enabled, String adminKey, UsageStore store, UsageRecorder recorder, Budgets budgets) {
        this.enabled = enabled;
        this.keyDigest = adminKey == null ? null : sha256(adminKey.strip());
        if (adminKey != null) {
            LogSecrets.register(adminKey.strip());
        }
        this.store = store;
        this.recorder = recorder;
        this.budgets = budgets;
    }

    /** An answer: status, content type, further headers and the body's writer. */
    public record Answer(int status, String contentType, Map<String, String> headers, Body body) {

        /** The body (an export is written as it is read). */
        @FunctionalInterface
        public interface Body {
            void writeTo(OutputStream out) throws IOException;
        }

        public byte[] bytes() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.writeTo(out);
            return out.toByteArray();
        }

        static Answer of(int status, String contentType, byte[] bytes) {
            return new Answer(status, contentType, Map.of(), out -> out.write(bytes));
        }
    }

    /** A bad parameter: 400 with OpenAI's error shape ({@link #error()}). */
    public static final class BadParameter extends RuntimeException {
        private final String param;

        public BadParameter(String param, String message) {
            super(message);
            this.param = param;
        }

        public String param() {
            return param;
        }

        public Map<String, Object> error() {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", getMessage());
            error.put("type", "invalid_request_error");
            error.put("param", param);
            error.put("code", "invalid_parameter");
            return Map.of("error", error);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The admin key's guard on a path under {@code /admin}: a refusal (404 while the API is off, 401 for an API
     * path without the admin key), or empty when the request may go on.
     *
     * @param header a request header by name (any case), or null
     */
    public Optional<Answer> guard(String path, Function<String, String> header) {
        if (!enabled) {
            return Optional.of(keyError(404, "not_found",
                    "The admin API is off (gigagate.admin.enabled, GPT2GIGA_ADMIN_API_ENABLED)."));
        }
        if ((path.startsWith("/admin/api/") || path.equals("/admin/api")) && !admitted(header)) {
            Answer refused = keyError(401, "invalid_admin_key", "The admin API needs the admin key (Authorization: Bearer "
                    + "<ADMIN_API_KEY> or X-Admin-Key); a gateway API key is not accepted.");
            return Optional.of(new Answer(401, refused.contentType(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"gigagate-admin\""), refused.body()));
        }
        return Optional.empty();
    }

    private boolean admitted(Function<String, String> header) {
        String presented = header.apply("X-Admin-Key");
        if (presented == null) {
            String authorization = header.apply("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = authorization.substring(7).strip();
            }
        }
        return presented != null && keyDigest != null && MessageDigest.isEqual(keyDigest, sha256(presented.strip()));
    }

    private static Answer keyError(int status, String code, String message) {
        return Answer.of(status, "application/json", ("{\"error\":{\"message\":\"" + message.replace("\"", "\\\"")
                + "\",\"type\":\"" + (status == 401 ? "authentication_error" : "invalid_request_error")
                + "\",\"code\":\"" + code + "\"}}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The whole admin surface for a server without Spring MVC: the guard, then the page, its description or an API
     * call. Unknown paths are 404, known paths with another method 405, bad parameters 400, in OpenAI's error
     * shape.
     *
     * @param path       the request's path (no query)
     * @param parameters the query parameters (first value of each)
     * @param header     a request header by name (any case), or null
     */
    public Answer handle(String method, String path, Map<String, String> parameters, Function<String, String> header) {
        Optional<Answer> refused = guard(path, header);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return route(method, path, parameters);
        } catch (BadParameter e) {
            return json(400, e.error());
        }
    }

    private Answer route(String method, String path, Map<String, String> p) {
        String wanted = "GET";
        switch (path) {
            case "/admin", "/admin/", "/admin/index.html" -> {
                if ("GET".equals(method)) {
                    return page("admin/index.html", "text/html");
                }
            }
            case "/admin/openapi.yaml" -> {
                if ("GET".equals(method)) {
                    return page("admin/openapi.yaml", "application/yaml");
                }
            }
            case "/admin/api/usage" -> {
                if ("GET".equals(method)) {
                    return json(200, usage(p.get("group_by"), p.get("from"), p.get("to"), p.get("key"), p.get("model"),
                            p.get("front")));
                }
            }
            case "/admin/api/requests" -> {
                if ("GET".equals(method)) {
                    return json(200, requests(p.get("from"), p.get("to"), p.get("key"), p.get("model"), p.get("front"),
                            integer("status", p.get("status")), bool("errors_only", p.get("errors_only")),
                            p.get("limit") == null ? 100 : integer("limit", p.get("limit"))));
                }
            }
            case "/admin/api/export.ndjson", "/admin/api/export.csv" -> {
                if ("GET".equals(method)) {
                    UsageQuery query = query(p.get("from"), p.get("to"), p.get("key"), p.get("model"), p.get("front"));
                    boolean ndjson = path.endsWith(".ndjson");
                    return new Answer(200, ndjson ? "application/x-ndjson" : "text/csv; charset=utf-8",
                            Map.of("Content-Disposition", "attachment; filename=\"usage." + (ndjson ? "ndjson" : "csv") + "\""),
                            out -> {
                                if (ndjson) {
                                    exportNdjson(query, out);
                                } else {
                                    exportCsv(query, out);
                                }
                            });
                }
            }
            case "/admin/api/budgets" -> {
                if ("GET".equals(method)) {
                    return json(200, budgets());
                }
            }
            case "/admin/api/status" -> {
                if ("GET".equals(method)) {
                    return json(200, status());
                }
            }
            case "/admin/api/purge" -> {
                wanted = "POST";
                if ("POST".equals(method)) {
                    return json(200, purge(p.get("before"), integer("older_than_days", p.get("older_than_days"))));
                }
            }
            default -> {
                if (path.startsWith("/admin/api/requests/") && path.indexOf('/', "/admin/api/requests/".length()) < 0) {
                    if ("GET".equals(method)) {
                        return request(path.substring("/admin/api/requests/".length()));
                    }
                } else {
                    return json(404, Map.of("error", errorBody("Unknown admin path: " + path, "invalid_request_error",
                            "unknown_url")));
                }
            }
        }
        return new Answer(405, "application/json", Map.of("Allow", wanted), json(405, Map.of("error", errorBody(
                "Method " + method + " is not allowed here (" + wanted + ").", "invalid_request_error",
                "method_not_allowed"))).body());
    }

    private static Map<String, Object> errorBody(String message, String type, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        return error;
    }

    private static Answer json(int status, Object body) {
        try {
            return Answer.of(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the page from the class path, not cached by the browser. */
    public static Answer page(String resource, String contentType) {
        try (InputStream in = AdminApi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            byte[] bytes = in.readAllBytes();
            return new Answer(200, contentType, Map.of("Cache-Control", "no-cache"), out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /admin/api/usage}: sums grouped by any of day, key, model, front. */
    public Map<String, Object> usage(String groupBy, String from, String to, String key, String model, String front) {
        Set<UsageGrouping> groups;
        try {
            groups = UsageGrouping.parse(groupBy);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("group_by", e.getMessage());
        }
        List<UsageRow> rows = read(() -> store.summary(groups, query(from, to, key, model, front)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("source", store.source());
        answer.put("group_by", groups.stream().map(g -> g.name().toLowerCase(Locale.ROOT)).toList());
        answer.put("rows", rows);
        return answer;
    }

    /** {@code GET /admin/api/requests}: recent requests, newest first, without captured content. */
    public Map<String, Object> requests(String from, String to, String key, String model, String front, Integer status,
            boolean errorsOnly, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadParameter("limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        UsageQuery query = new UsageQuery(instant("from", from, false), instant("to", to, true), key, model, front, status,
                errorsOnly);
        List<UsageRecord> records = read(() -> store.recent(query, limit)).stream().map(UsageRecord::withoutContent).toList();
        return Map.of("source", store.source(), "requests", records);
    }

    /** {@code GET /admin/api/requests/{id}}: the record with captured content, or 404. */
    public Answer request(String id) {
        return read(() -> store.find(id)).map(r -> json(200, r)).orElseGet(() -> json(404, Map.of("error", Map.of(
                "message", "No usage record with this request id.", "type", "invalid_request_error", "code", "not_found"))));
    }

    /** The record of a request id, for the Spring controller. */
    public Optional<UsageRecord> find(String id) {
        return read(() -> store.find(id));
    }

    /** The filter of the exports and sums. */
    public static UsageQuery query(String from, String to, String key, String model, String front) {
        return new UsageQuery(instant("from", from, false), instant("to", to, true), key, model, front, null, false);
    }

    /** Every matching record as one JSON object per line, oldest first. */
    public void exportNdjson(UsageQuery query, OutputStream out) throws IOException {
        export(query, out, r -> JsonLinesSink.line(r));
    }

    /** Every matching record as CSV with a header line, oldest first. */
    public void exportCsv(UsageQuery query, OutputStream out) throws IOException {
        out.write((String.join(",", CSV_COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8));
        export(query, out, r -> csv(r).getBytes(StandardCharsets.UTF_8));
    }

    private interface LineWriter {
        byte[] line(UsageRecord record) throws IOException;
    }

    private void export(UsageQuery query, OutputStream out, LineWriter lines) throws IOException {
        try {
            store.export(query, r -> {
                try {
                    out.write(lines.line(r));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        out.flush();
    }

    /** One CSV line of {@link #CSV_COLUMNS}; a cell a spreadsheet would run as a formula is quoted as text. */
    public static String csv(UsageRecord r) {
        Object[] values = {r.time(), r.requestId(), r.front(), r.endpoint(), r.method(), r.apiKeyName(),
                r.credentialFingerprint(), r.modelRequested(), r.model(), r.status(), r.errorType(), r.stream(),
                r.inputTokens(), r.outputTokens(), r.cachedTokens(), r.reasoningTokens(), r.latencyMillis(),
                r.firstEventMillis(), r.upstreamRequestId(), r.replica()};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String v = values[i] == null ? "" : values[i].toString();
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !(values[i] instanceof Number)) {
                v = "'" + v;
            }
            line.append(v);
        }
        return line.append("\r\n").toString();
    }

    /** {@code GET /admin/api/budgets}. */
    public Map<String, Object> budgets() {
        return Map.of("shared", budgets.shared(), "budgets", budgets.status());
    }

    /** {@code GET /admin/api/status}: the queue, drops and each sink's state. */
    public Map<String, Object> status() {
        Map<String, Object> answer = new LinkedHashMap<>(recorder.details());
        answer.put("source", store.source());
        return answer;
    }

    /** {@code POST /admin/api/purge}: removes records older than {@code before} or than {@code olderThanDays} days. */
    public Map<String, Object> purge(String before, Integer olderThanDays) {
        Instant cut;
        if (before != null) {
            cut = instant("before", before, false);
        } else if (olderThanDays != null && olderThanDays >= 0) {
            cut = Instant.now().minusSeconds(olderThanDays * 86_400L);
        } else {
            throw new BadParameter("before", "purge needs before (an instant or a date) or older_than_days");
        }
        long deleted = read(() -> store.purge(cut));
        if (store != recorder.aggregates()) {
            recorder.aggregates().purge(cut);
        }
        return Map.of("source", store.source(), "before", cut.toString(), "deleted", deleted);
    }

    /** An ISO instant, or a date ({@code to} a date means the end of that day), or null. */
    public static Instant instant(String name, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, name + " must be an ISO-8601 instant (2026-12-07T10:00:00Z) or a date (2026-12-07)");
        }
    }

    private static Integer integer(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be a whole number");
        }
    }

    private static boolean bool(String name, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new BadParameter(name, name + " must be true or false");
        };
    }

    private interface Read<T> {
        T get() throws Exception;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("usage store: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "AdminApi[enabled=" + enabled + ", source=" + store.source() + "]";
    }
}
