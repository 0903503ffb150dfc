package io.gigagate.config;

import io.gigagate.usage.AdminApi;
import io.gigagate.usage.UsageQuery;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
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
 * The admin API's and page's Spring MVC endpoints ({@code /admin/api/...}, {@code /admin/}); each calls
 * {@link AdminApi}, which Camel Main's and Camel K's {@code admin} route calls too. {@link AdminKeyFilter}
 * guards it.
 */
@RestController
class AdminApiController {

    private final AdminApi admin;

    AdminApiController(AdminApi admin) {
        this.admin = admin;
    }

    @ExceptionHandler(AdminApi.BadParameter.class)
    ResponseEntity<Map<String, Object>> badParameter(AdminApi.BadParameter e) {
        return ResponseEntity.badRequest().body(e.error());
    }

    /** Writes a whole answer of {@link AdminApi} (the page's files, the key's refusals, exports). */
    static void write(AdminApi.Answer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        answer.headers().forEach(response::setHeader);
        OutputStream out = response.getOutputStream();
        answer.body().writeTo(out);
        out.flush();
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
        AdminApi.Answer file = AdminApi.page(path, type.toString());
        return ResponseEntity.ok().contentType(type).header("Cache-Control", "no-cache").body(file.bytes());
    }

    @GetMapping("/admin/api/usage")
    Map<String, Object> usage(@RequestParam(name = "group_by", required = false) String groupBy,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front) {
        return admin.usage(groupBy, from, to, key, model, front);
    }

    @GetMapping("/admin/api/requests")
    Map<String, Object> requests(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front, @RequestParam(required = false) Integer status,
            @RequestParam(name = "errors_only", defaultValue = "false") boolean errorsOnly,
            @RequestParam(defaultValue = "100") int limit) {
        return admin.requests(from, to, key, model, front, status, errorsOnly, limit);
    }

    @GetMapping("/admin/api/requests/{id}")
    ResponseEntity<Object> request(@PathVariable String id) {
        return admin.find(id).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", Map.of(
                        "message", "No usage record with this request id.", "type", "invalid_request_error",
                        "code", "not_found"))));
    }

    @GetMapping("/admin/api/export.ndjson")
    void exportNdjson(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front, HttpServletResponse response) throws IOException {
        UsageQuery query = AdminApi.query(from, to, key, model, front);
        response.setContentType("application/x-ndjson");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage.ndjson\"");
        admin.exportNdjson(query, response.getOutputStream());
    }

    @GetMapping("/admin/api/export.csv")
    void exportCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String key, @RequestParam(required = false) String model,
            @RequestParam(required = false) String front, HttpServletResponse response) throws IOException {
        UsageQuery query = AdminApi.query(from, to, key, model, front);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage.csv\"");
        admin.exportCsv(query, response.getOutputStream());
    }

    @GetMapping("/admin/api/budgets")
    Map<String, Object> budgets() {
        return admin.budgets();
    }

    @GetMapping("/admin/api/status")
    Map<String, Object> status() {
        return admin.status();
    }

    /** Removes records older than {@code before} (an instant or a date), or than {@code older_than_days} days. */
    @PostMapping("/admin/api/purge")
    Map<String, Object> purge(@RequestParam(required = false) String before,
            @RequestParam(name = "older_than_days", required = false) Integer olderThanDays) {
        return admin.purge(before, olderThanDays);
    }
}
