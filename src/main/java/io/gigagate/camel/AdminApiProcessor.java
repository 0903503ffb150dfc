package io.gigagate.camel;

import io.gigagate.usage.AdminApi;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API and page on Camel Main and Camel K (the {@code admin} route of deploy/camel-k/beans.camel.yaml,
 * platform-http on {@code /admin} and below): the request's method, path, query and headers to
 * {@link AdminApi#handle}, its answer back. The answer carries none of the request's headers. Exports are
 * written into the answer's body before it is sent (the Spring app streams them).
 */
public final class AdminApiProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApiProcessor.class);

    private final AdminApi admin;

    public AdminApiProcessor(AdminApi admin) {
        this.admin = admin;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        String path = message.getHeader(Exchange.HTTP_URI, "/admin", String.class);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Map<String, String> parameters = parameters(message.getHeader(Exchange.HTTP_RAW_QUERY, String.class));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : new String[] {"X-Admin-Key", "Authorization"}) {
            String value = message.getHeader(name, String.class);
            if (value != null) {
                headers.put(name, value);
            }
        }
        AdminApi.Answer answer;
        byte[] body;
        try {
            answer = admin.handle(method, path, parameters, headers::get);
            body = answer.bytes();
        } catch (Exception e) {
            // the store failing (PostgreSQL down): 500 in the admin API's shape, the cause in the log
            LOG.warn("Admin API {} {} failed: {}", method, path, e.toString());
            answer = null;
            body = "{\"error\":{\"message\":\"The admin API failed; see the gateway's log.\",\"type\":\"server_error\",\"code\":\"server_error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer == null ? 500 : answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, answer == null ? "application/json" : answer.contentType());
        if (answer != null) {
            answer.headers().forEach(message::setHeader);
        }
        message.setBody(body);
    }

    /** {@code a=1&b=x%20y} → {a=1, b=x y}; the first value of a name wins, as Spring's single parameters do. */
    static Map<String, String> parameters(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }
}
