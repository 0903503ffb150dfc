package io.gigagate.camel;

import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.FrontErrors;
import io.gigagate.openai.OpenAiErrors;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.KeySource;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * What every public route of one front (YAML or Java) shares; routes opt in with
 * {@code routeConfigurationId: <id>} ({@code openai-errors} for OpenAI's): as the request enters, the
 * access policy admits it (the API key from the front's own places, the key's limits) and the client
 * context is captured (allow-listed headers, pass-token credential); any failure, a refusal included,
 * becomes that front's error body, rendered by its {@link ErrorRenderer}, with the right status.
 * A new front adds one of these with its own id, renderer, key sources and path prefixes; refusals made
 * before any route runs (the body limit, unknown paths) find the front by those prefixes ({@link #addTo}).
 */
public final class FrontRouteConfiguration extends RouteConfigurationBuilder {

    /** The OpenAI front's route configuration. */
    public static final String OPENAI = "openai-errors";

    private final String id;
    private final ErrorRenderer renderer;
    private final AccessPolicyStep access;
    private final ClientContextCapture clientContext;
    private final TrafficLog traffic;
    private final List<String> pathPrefixes;
    /** The registry this front joined ({@link #addTo}); the front without prefixes asks it for header rules. */
    private volatile FrontErrors fronts;

    /**
     * @param pathPrefixes the paths of this front's endpoints start with one of these; none for the front
     *                     whose shape answers any other path (OpenAI's)
     * @param access       the access policy with this front's key sources
     */
    public FrontRouteConfiguration(String id, ErrorRenderer renderer, List<String> pathPrefixes, AccessPolicyStep access,
                                   ClientContextCapture clientContext, TrafficLog traffic) {
        this.id = id;
        this.renderer = renderer;
        this.access = access;
        this.pathPrefixes = List.copyOf(pathPrefixes);
        this.clientContext = clientContext;
        this.traffic = traffic;
    }

    /**
     * The OpenAI front's ({@value #OPENAI}): the key as {@code x-api-key} or {@code Authorization: Bearer}
     * (in pass-token mode the Bearer header carries the client's GigaChat credential, so only
     * {@code x-api-key}); links to generated images need no key.
     */
    public static FrontRouteConfiguration openAi(AccessPolicy policy, boolean passToken, ClientContextCapture clientContext,
                                                 TrafficLog traffic) {
        AccessPolicyStep access = new AccessPolicyStep(policy, openAiKeySources(passToken),
                List.of("/v1/images/content/", "/images/content/"));
        return new FrontRouteConfiguration(OPENAI, OpenAiErrors.INSTANCE, List.of(), access, clientContext, traffic);
    }

    /** Where OpenAI's clients put the gateway's key: {@code x-api-key}, else the Bearer header unless it carries a pass token. */
    public static List<KeySource> openAiKeySources(boolean passToken) {
        return passToken ? List.of(new KeySource.Header("x-api-key"))
                : List.of(new KeySource.Header("x-api-key"), new KeySource.Bearer());
    }

    /** Registers this front's path prefixes with the renderer that answers them; returns this. */
    public FrontRouteConfiguration addTo(FrontErrors fronts) {
        pathPrefixes.forEach(prefix -> fronts.with(prefix, renderer));
        this.fronts = fronts;
        return this;
    }

    /**
     * On the paths of the front without prefixes (OpenAI's), which other fronts' clients also call, a
     * request whose headers name another front's clients ({@link FrontErrors#withHeader}) is answered in
     * that front's shape, its refusals included.
     */
    private void otherFrontsClients(Exchange exchange) {
        FrontErrors registry = fronts;
        if (registry != null && pathPrefixes.isEmpty()) {
            Message message = exchange.getMessage();
            ErrorRenderer other = registry.forHeaders(header -> message.getHeader(header) != null);
            if (other != null) {
                exchange.setProperty(ExchangeKeys.ERROR_RENDERER, other);
            }
        }
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition gateway = routeConfiguration(id);
        gateway.interceptFrom("platform-http*").process(traffic.clientRequest()).process(this::otherFrontsClients)
                .process(access).process(clientContext);
        gateway.onException(Exception.class)
                .handled(true)
                .process(new ErrorResponder(renderer));
    }
}
