package io.gigagate.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.gigagate.error.GatewayException;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.KeySource;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.actuate.metrics.export.prometheus.PrometheusScrapeEndpoint;

/**
 * Prometheus's text at a path of its own ({@code gigagate.metrics.prometheus-path}, gpt2giga's
 * GPT2GIGA_METRICS_PATH with GPT2GIGA_METRICS_ENABLED): the same scrape as {@code /actuator/prometheus},
 * registered for that one path. It is not a route, so it runs the access policy itself with OpenAI's key
 * places: an API key is needed whenever keys are (as gpt2giga guards its /metrics). Other methods, or no
 * Prometheus endpoint, go on down the chain.
 */
final class PrometheusPathFilter extends HttpFilter {

    private final transient ObjectProvider<PrometheusScrapeEndpoint> endpoint;
    private final transient AccessPolicy policy;
    private final transient List<KeySource> keySources;
    private final transient ServletErrors errors;

    PrometheusPathFilter(ObjectProvider<PrometheusScrapeEndpoint> endpoint, AccessPolicy policy, List<KeySource> keySources,
                         ServletErrors errors) {
        this.endpoint = endpoint;
        this.policy = policy;
        this.keySources = List.copyOf(keySources);
        this.errors = errors;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        PrometheusScrapeEndpoint scrape = endpoint.getIfAvailable();
        boolean get = "GET".equals(request.getMethod());
        if (scrape == null || !get && !"HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        AccessPolicy.Admission admission;
        try {
            admission = policy.admit(keySources, request::getHeader, request::getParameter);
        } catch (GatewayException refusal) {
            errors.write(request, response, refusal);
            return;
        }
        try {
            scrape(scrape, get, response);
        } finally {
            if (admission.permit() != null) {
                admission.permit().close();
            }
        }
    }

    private static void scrape(PrometheusScrapeEndpoint scrape, boolean get, HttpServletResponse response) throws IOException {
        PrometheusOutputFormat format = PrometheusOutputFormat.CONTENT_TYPE_004;
        WebEndpointResponse<byte[]> answer = scrape.scrape(format, null);
        response.setStatus(answer.getStatus());
        response.setContentType(format.getProducedMimeType().toString());
        byte[] body = answer.getBody();
        if (body != null) {
            response.setContentLength(body.length);
            if (get) {
                response.getOutputStream().write(body);
            }
        }
    }
}
