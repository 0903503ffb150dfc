package io.gigagate.camel;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;

/**
 * What every public route (YAML or Java) shares; routes opt in with
 * {@code routeConfigurationId: openai-errors}: the client context is captured as the request enters
 * (allow-listed headers, API key name, pass-token credential), and any failure becomes OpenAI's error
 * body with the right status.
 */
public final class OpenAiErrorRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "openai-errors";

    private final ClientContextCapture clientContext;
    private final TrafficLog traffic;

    public OpenAiErrorRouteConfiguration(ClientContextCapture clientContext, TrafficLog traffic) {
        this.clientContext = clientContext;
        this.traffic = traffic;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition gateway = routeConfiguration(ID);
        gateway.interceptFrom("platform-http*").process(traffic.clientRequest()).process(clientContext);
        gateway.onException(Exception.class)
                .handled(true)
                .process(new OpenAiErrorResponder());
    }
}
