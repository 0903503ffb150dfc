package io.gigagate.camel;

import io.gigagate.error.ErrorRenderer;
import io.gigagate.error.FrontErrors;
import io.gigagate.openai.OpenAiErrors;
import java.util.List;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * What every public route of one front (YAML or Java) shares; routes opt in with
 * {@code routeConfigurationId: <id>} ({@code openai-errors} for OpenAI's): the client context is
 * captured as the request enters (allow-listed headers, API key name, pass-token credential), and any
 * failure becomes that front's error body, rendered by its {@link ErrorRenderer}, with the right status.
 * A new front adds one of these with its own id, renderer and path prefixes; refusals made before any
 * route runs (the access filter, unknown paths) find the front by those prefixes ({@link #addTo}).
 */
public final class FrontRouteConfiguration extends RouteConfigurationBuilder {

    /** The OpenAI front's route configuration. */
    public static final String OPENAI = "openai-errors";

    private final String id;
    private final ErrorRenderer renderer;
    private final ClientContextCapture clientContext;
    private final TrafficLog traffic;
    private final List<String> pathPrefixes;

    /**
     * @param pathPrefixes the paths of this front's endpoints start with one of these; none for the front
     *                     whose shape answers any other path (OpenAI's)
     */
    public FrontRouteConfiguration(String id, ErrorRenderer renderer, List<String> pathPrefixes,
                                   ClientContextCapture clientContext, TrafficLog traffic) {
        this.id = id;
        this.renderer = renderer;
        this.pathPrefixes = List.copyOf(pathPrefixes);
        this.clientContext = clientContext;
        this.traffic = traffic;
    }

    /** The OpenAI front's ({@value #OPENAI}). */
    public static FrontRouteConfiguration openAi(ClientContextCapture clientContext, TrafficLog traffic) {
        return new FrontRouteConfiguration(OPENAI, OpenAiErrors.INSTANCE, List.of(), clientContext, traffic);
    }

    public String id() {
        return id;
    }

    public ErrorRenderer renderer() {
        return renderer;
    }

    /** Registers this front's path prefixes with the renderer that answers them; returns this. */
    public FrontRouteConfiguration addTo(FrontErrors fronts) {
        pathPrefixes.forEach(prefix -> fronts.with(prefix, renderer));
        return this;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition gateway = routeConfiguration(id);
        gateway.interceptFrom("platform-http*").process(traffic.clientRequest()).process(clientContext);
        gateway.onException(Exception.class)
                .handled(true)
                .process(new ErrorResponder(renderer));
    }
}
