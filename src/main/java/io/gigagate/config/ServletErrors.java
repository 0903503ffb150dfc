package io.gigagate.config;

import io.gigagate.error.FrontErrors;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a refusal made outside the routes (the body limit, the start-up gate, the metrics path) in the shape of the
 * front the request was for, chosen by its path ({@link FrontErrors}).
 */
final class ServletErrors {

    private final FrontErrors fronts;

    ServletErrors(FrontErrors fronts) {
        this.fronts = fronts;
    }

    Object body(String path, GatewayException error) {
        return fronts.forPath(path).body(error);
    }

    void write(HttpServletRequest request, HttpServletResponse response, GatewayException error) throws IOException {
        response.setStatus(fronts.forPath(request.getRequestURI()).status(error));
        response.setContentType("application/json");
        error.headers().forEach(response::setHeader);
        response.getOutputStream().write(WireJson.mapper().writeValueAsBytes(body(request.getRequestURI(), error)));
    }
}
