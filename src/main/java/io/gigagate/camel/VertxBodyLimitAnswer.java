package io.gigagate.camel;

import io.gigagate.error.FrontErrors;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel Main, {@code camel run} and Camel K serve platform-http on Vert.x, whose body handler refuses a
 * body above {@code camel.server.max-body-size} before any route runs, with a bare 413. This answers that
 * 413 as the Spring Boot app's body-limit filter does: {@code request_too_large} in the shape of the front
 * the path belongs to ({@link FrontErrors}). Declared in deploy/camel-k/beans.camel.yaml only: the Spring
 * Boot app never loads it, and the jar does not carry Vert.x.
 */
public final class VertxBodyLimitAnswer implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(VertxBodyLimitAnswer.class);

    private final FrontErrors fronts;
    private final long maxBodyBytes;

    private VertxBodyLimitAnswer(FrontErrors fronts, long maxBodyBytes) {
        this.fronts = fronts;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Registers the answer with the context's Vert.x router once the context (and its HTTP server) has started. */
    public static VertxBodyLimitAnswer install(ProducerTemplate template, FrontErrors fronts, long maxBodyBytes)
            throws Exception {
        VertxBodyLimitAnswer answer = new VertxBodyLimitAnswer(fronts, maxBodyBytes);
        template.getCamelContext().addStartupListener(answer);
        return answer;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router exists once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // Camel Main names its router after the server's port; take every platform-http router there is
        Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        if (routers.isEmpty()) {
            LOG.warn("No platform-http Vert.x router: an oversized body gets the server's own 413");
        }
        // a failure handler on the platform-http router itself: the body handler fails the request there, and
        // the server's own router (whose error handlers would apply) is not reachable
        routers.forEach(router -> router.route().failureHandler(request -> {
            if (request.statusCode() == 413) {
                answer(request);
            } else {
                request.next();
            }
        }));
    }

    private void answer(RoutingContext request) {
        GatewayException error = GatewayException.requestTooLarge(maxBodyBytes);
        byte[] body;
        try {
            body = WireJson.mapper().writeValueAsBytes(fronts.forPath(request.request().path()).body(error));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = new byte[0];
        }
        request.response().setStatusCode(413).putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }
}
