package io.gigagate.camel;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error handler of every public route (YAML or Java): any failure becomes OpenAI's error
 * body with the right status. Routes opt in with {@code routeConfigurationId: openai-errors}.
 */
public final class OpenAiErrorRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "openai-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .process(new OpenAiErrorResponder());
    }
}
