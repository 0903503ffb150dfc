package io.gigagate.config;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.error.FrontErrors;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen before a route sees the request (an unknown path, a wrong method, a body the
 * servlet container refuses) get the error shape of the front the path belongs to ({@link FrontErrors}),
 * instead of Spring's default body.
 */
@RestController
public class OpenAiErrorController implements ErrorController {

    private final ServletErrors errors;

    public OpenAiErrorController(FrontErrors frontErrors) {
        this.errors = new ServletErrors(frontErrors);
    }

    @RequestMapping("/error")
    public ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        GatewayException error = forStatus(status, request.getMethod(), path);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(errors.body(path, error));
    }

    static GatewayException forStatus(int status, String method, String path) {
        String where = method + " " + sanitize(path);
        return switch (status) {
            case 404 -> new GatewayException(404, ErrorCategory.INVALID_REQUEST, "unknown_url", null, "Invalid URL (" + where + ")");
            case 405 -> new GatewayException(405, ErrorCategory.INVALID_REQUEST, "method_not_allowed", null,
                    "Method not allowed (" + where + ")");
            case 413 -> new GatewayException(413, ErrorCategory.INVALID_REQUEST, "request_too_large", null,
                    "The request body is too large.");
            case 415 -> new GatewayException(415, ErrorCategory.INVALID_REQUEST, "unsupported_media_type", null,
                    "Unsupported content type; send application/json.");
            default -> status >= 500
                    ? new GatewayException(status, ErrorCategory.SERVER, null, null, "The gateway failed to process the request.")
                    : new GatewayException(status, ErrorCategory.INVALID_REQUEST, null, null,
                            HttpStatus.resolve(status) != null ? HttpStatus.resolve(status).getReasonPhrase() : "Bad request");
        };
    }

    /** Paths are shown to help find typos, but never more than a short, printable prefix. */
    private static String sanitize(String path) {
        String p = path == null ? "" : path.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 200 ? p.substring(0, 200) + "..." : p;
    }
}
