package io.gigagate.camel;

import io.gigagate.security.AccessPolicy;
import io.gigagate.security.CorsPolicy;
import io.gigagate.security.KeySource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The access policy as a step of a front's route configuration, so it holds on every runtime (Spring
 * Boot, Camel Main, {@code camel run}, Camel K): a browser's origin (a CORS pre-flight is answered here;
 * the CORS headers of other answers go on through {@link ClientResponse}), the API key from the front's
 * own places, then the key's limits. The key's name goes on as {@link ExchangeKeys#API_KEY_NAME}; the concurrency permit is given
 * back when the exchange is done (for a stream, after its last event). A refusal is thrown, so the front's
 * route configuration renders it in the front's shape. Paths that are open by design (links to generated
 * images, which carry an unguessable key of their own) pass without a key.
 */
public final class AccessPolicyStep implements Processor {

    private final AccessPolicy policy;
    private final List<KeySource> sources;
    private final List<String> openPathPrefixes;

    public AccessPolicyStep(AccessPolicy policy, List<KeySource> sources, List<String> openPathPrefixes) {
        this.policy = policy;
        this.sources = List.copyOf(sources);
        this.openPathPrefixes = List.copyOf(openPathPrefixes);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String origin = message.getHeader("Origin", String.class);
        if (origin != null) {
            CorsPolicy cors = policy.cors();
            String method = message.getHeader(Exchange.HTTP_METHOD, String.class);
            String requestMethod = message.getHeader("Access-Control-Request-Method", String.class);
            if (CorsPolicy.isPreflight(method, origin, requestMethod)) {
                Map<String, String> headers = cors.preflight(origin, requestMethod,
                        message.getHeader("Access-Control-Request-Headers", String.class));
                exchange.setProperty(ExchangeKeys.RESPONSE_HEADERS, headers);
                ClientResponse.reset(exchange, message);
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                message.setBody(null);
                exchange.setRouteStop(true); // answered: a pre-flight carries no key and goes no further
                return;
            }
            exchange.setProperty(ExchangeKeys.RESPONSE_HEADERS, cors.actual(origin));
        }
        String path = path(message.getHeader(Exchange.HTTP_URI, String.class));
        if (path != null && openPathPrefixes.stream().anyMatch(path::startsWith)) {
            exchange.setProperty(ExchangeKeys.API_KEY_NAME, AccessPolicy.ANONYMOUS);
            return;
        }
        String keyName = policy.authenticate(sources, name -> message.getHeader(name, String.class),
                name -> query(message, name));
        // named before the limits, so a refusal by the key's budget or rate is counted for the key
        exchange.setProperty(ExchangeKeys.API_KEY_NAME, keyName);
        AccessPolicy.Admission admission = policy.limit(keyName);
        if (admission.permit() == null) {
            return; // no per-key limits: nothing to give back
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                admission.permit().close();
            }
        });
    }

    private static String path(String uri) {
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    /** A query parameter, from the raw query (platform-http also copies them into headers, where a header of the same name could pose as one). */
    private static String query(Message message, String name) {
        String raw = message.getHeader(Exchange.HTTP_QUERY, String.class);
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
