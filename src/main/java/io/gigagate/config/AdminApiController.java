package io.gigagate.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.usage.Budgets;
import io.gigagate.usage.JsonLinesSink;
import io.gigagate.usage.UsageGrouping;
import io.gigagate.usage.UsageQuery;
import io.gigagate.usage.UsageRecord;
import io.gigagate.usage.UsageRecorder;
import io.gigagate.usage.UsageRow;
import io.gigagate.usage.UsageStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API ({@code /admin/api/...}, described by {@code /admin/openapi.yaml}) and the admin page
 * ({@code /admin/}). {@link AdminKeyFilter} guards it. Reads go to PostgreSQL when it is a usage sink, else to
 * this replica's in-memory aggregates ({@code source} in each answer says which). Spring-only.
 */
@RestController
class AdminApiController {

    static final int MAX_LIMIT = 1000;

    private final UsageStore store;
    private final UsageRecorder recorder;
    private final Budgets budgets;
    private final ObjectMapper json;

    AdminApiController(UsageStore store, UsageRecorder recorder, Budgets budgets, ObjectMapper json) {
        this.store = store;
        this.recorder = recorder;
        this.budgets = budgets;
        this.json = json;
    }

    /** A bad parameter: 400 with OpenAI's error shape. */
    static final class BadParameter extends RuntimeException {
        final String param;

        BadParameter(String param, String message) {
            super(message);
            this.param = param;
        }
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<Map<String, Object>> badParameter(BadParameter e) {
        return ResponseEntity.badRequest().body(Map.of("error", Map.of("message", e.getMessage(),
                "type", "invalid_request_error", "param", e.param, "code", "invalid_parameter")));
    }

    @GetMapping({"/admin", "/admin/", "/admin/index.html"})
    ResponseEntity<byte[]> page() throws IOException {
        return resource("admin/index.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/admin/openapi.yaml")
    ResponseEntity<byte[]> openApi() throws IOException {
        return resource("admin/openapi.yaml", MediaType.parseMediaType("application/yaml"));
    }

    private static ResponseEntity<byte[]> resource(String path, MediaType type) throws IOException {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return ResponseEntity.ok().contentType(type).header("Cache-Control", "no-cache").body(in.readAllBytes());
        }
    }

    @GetMapping("/admin/api/usage")
    Map<String, Object> usage(@RequestParam(name = "group_by", required = false) String groupBy,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front) throws Exception {
        Set<UsageGrouping> groups;
        try {
            groups = UsageGrouping.parse(groupBy);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("group_by", e.getMessage());
        }
        UsageQuery query = new UsageQuery(instant("from", from, false), instant("to", to, true), key, model, front, null, false);
        List<UsageRow> rows = store.summary(groups, query);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("source", store.source());
        answer.put("group_by", groups.stream().map(g -> g.name().toLowerCase(java.util.Locale.ROOT)).toList());
        answer.put("rows", rows);
        return answer;
    }

    @GetMapping("/admin/api/requests")
    Map<String, Object> requests(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front, @RequestParam(required = false) Integer status,
            @RequestParam(name = "errors_only", defaultValue = "false") boolean errorsOnly,
            @RequestParam(defaultValue = "100") int limit) throws Exception {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadParameter("limit", "limit must be from 1 to " + MAX_LIMIT);
        }
        UsageQuery query = new UsageQuery(instant("from", from, false), instant("to", to, true), key, model, front, status,
                errorsOnly);
        List<UsageRecord> records = store.recent(query, limit).stream().map(UsageRecord::withoutContent).toList();
        return Map.of("source", store.source(), "requests", records);
    }

    @GetMapping("/admin/api/requests/{id}")
    ResponseEntity<Object> request(@PathVariable String id) throws Exception {
        return store.find(id).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", Map.of(
                        "message", "No usage record with this request id.", "type", "invalid_request_error",
                        "code", "not_found"))));
    }

    @GetMapping("/admin/api/export.ndjson")
    void exportNdjson(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front, HttpServletResponse response) throws Exception {
        UsageQuery query = new UsageQuery(instant("from", from, false), instant("to", to, true), key, model, front, null, false);
        response.setContentType("application/x-ndjson");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage.ndjson\"");
        OutputStream out = response.getOutputStream();
        store.export(query, r -> {
            try {
                out.write(JsonLinesSink.line(r));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    static final List<String> CSV_COLUMNS = List.of("time", "request_id", "front", "endpoint", "method", "api_key_name",
            "credential_fingerprint", "model_requested", "model", "status", "error_type", "stream", "input_tokens",
            "output_tokens", "cached_tokens", "reasoning_tokens", "latency_millis", "first_event_millis", "upstream_request_id",
            "replica");

    @GetMapping("/admin/api/export.csv")
    void exportCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front, HttpServletResponse response) throws Exception {
        UsageQuery query = new UsageQuery(instant("from", from, false), instant("to", to, true), key, model, front, null, false);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage.csv\"");
        OutputStream out = response.getOutputStream();
        out.write((String.join(",", CSV_COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8));
        store.export(query, r -> {
            try {
                out.write(csv(r).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    static String csv(UsageRecord r) {
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
            // a cell a spreadsheet would run as a formula is quoted as text
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !(values[i] instanceof Number)) {
                v = "'" + v;
            }
            line.append(v);
        }
        return line.append("\r\n").toString();
    }

    @GetMapping("/admin/api/budgets")
    Map<String, Object> budgets() {
        return Map.of("shared", budgets.shared(), "budgets", budgets.status());
    }

    @GetMapping("/admin/api/status")
    Map<String, Object> status() {
        Map<String, Object> answer = new LinkedHashMap<>(recorder.details());
        answer.put("source", store.source());
        return answer;
    }

    /** Removes records older than {@code before} (an instant or a date), or than {@code older_than_days} days. */
    @PostMapping("/admin/api/purge")
    Map<String, Object> purge(@RequestParam(required = false) String before,
            @RequestParam(name = "older_than_days", required = false) Integer olderThanDays) throws Exception {
        Instant cut;
        if (before != null) {
            cut = instant("before", before, false);
        } else if (olderThanDays != null && olderThanDays >= 0) {
            cut = Instant.now().minusSeconds(olderThanDays * 86_400L);
        } else {
            throw new BadParameter("before", "purge needs before (an instant or a date) or older_than_days");
        }
        long deleted = store.purge(cut);
        if (store != recorder.aggregates()) {
            recorder.aggregates().purge(cut);
        }
        return Map.of("source", store.source(), "before", cut.toString(), "deleted", deleted);
    }

    /** An ISO instant, or a date ({@code to} a date means the end of that day), or null. */
    static Instant instant(String name, String text, boolean endOfDay) {
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
}
