package io.gigagate.camel;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route template every public endpoint is stamped from ({@code templatedRoute} in the YAML files of
 * routes/), so a front's route file holds only its flow: a platform-http consumer for one path and its
 * methods, in the front's route configuration (client context, error shape), with stream caching off (a
 * cached body would hold a whole SSE answer back), handing the exchange to the flow.
 *
 * <p>Parameters: {@code front}, the route configuration ({@value FrontRouteConfiguration#OPENAI} by
 * default); {@code path}, the public path (path templates such as {@code /v1/models/{id}} or
 * {@code /v1beta/models/{model}:generateContent} included); {@code methods}, the accepted HTTP methods,
 * comma-separated ({@code POST} by default; {@code OPTIONS} is always accepted, for browsers' CORS
 * pre-flights, which the access policy answers); {@code to}, the endpoint of the flow (a {@code direct:}
 * route, or {@code bean:name?method=m}).
 */
public final class FrontEndpointTemplate extends RouteBuilder {

    public static final String ID = "front-endpoint";

    @Override
    public void configure() {
        routeTemplate(ID)
                .templateParameter("front", FrontRouteConfiguration.OPENAI, "the front's route configuration")
                .templateParameter("path", null, "the public path")
                .templateParameter("methods", "POST", "the accepted HTTP methods, comma-separated")
                .templateParameter("to", null, "the endpoint of the flow")
                .from("platform-http:{{path}}?httpMethodRestrict={{methods}},OPTIONS")
                .routeConfigurationId("{{front}}")
                .noStreamCaching()
                .to("{{to}}");
    }
}
