package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** An error response the emulator sends instead of the normal reply. Internal to the package. */
final class ApiError extends RuntimeException {

    final int status;
    final ObjectNode body;
    final Map<String, String> headers;

    ApiError(int status, ObjectNode body, Map<String, String> headers) {
        super(body.toString(), null, false, false);
        this.status = status;
        this.body = body;
        this.headers = headers == null ? Map.of() : headers;
    }

    /** The main API's error shape: {@code {"status": N, "message": "..."}}. */
    static ApiError of(int status, String message) {
        return new ApiError(status, body(status, message), null);
    }

    /** The OAuth host's error shape: {@code {"code": N, "message": "..."}}. */
    static ApiError oauth(int status, int code, String message) {
        ObjectNode b = EmulatorContext.JSON.createObjectNode();
        b.put("code", code);
        b.put("message", message);
        return new ApiError(status, b, null);
    }

    static ApiError invalidParams(String what) {
        return of(422, "Invalid params: " + what);
    }

    static ObjectNode body(int status, String message) {
        ObjectNode b = EmulatorContext.JSON.createObjectNode();
        b.put("status", status);
        b.put("message", message);
        return b;
    }

    /** The text the real API uses (or plausibly uses) for a bare status. */
    static String standardMessage(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Permission denied";
            case 404 -> "Not found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Payload too large";
            case 422 -> "Invalid params";
            case 429 -> "Too many requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        };
    }
}
