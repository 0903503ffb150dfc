package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.support.GatewayTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Requests for a route's fixed path, or for a template whose variable is the last segment, reach the route
 * from the last filter, without Spring MVC's DispatcherServlet; everything else still goes through Spring MVC
 * and behaves as before.
 */
class RouteDispatchFilterTest extends GatewayTestSupport {

    @Autowired
    CamelContext camel;

    @TestConfiguration
    static class Probes {

        /** Answers whether Spring MVC's DispatcherServlet is on the stack that runs the route. */
        @Bean
        RoutesBuilder dispatchProbeRoutes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("platform-http:/test/dispatch?httpMethodRestrict=GET,POST").routeId("dispatch-probe")
                            .process(exchange -> exchange.getMessage().setBody(viaMvc()));
                    from("platform-http:/test/dispatch/{id}?httpMethodRestrict=GET").routeId("dispatch-probe-template")
                            .process(exchange -> exchange.getMessage().setBody(
                                    exchange.getIn().getHeader("id") + " " + viaMvc()));
                    from("platform-http:/test/dispatch/{id}/more?httpMethodRestrict=GET").routeId("dispatch-probe-inner")
                            .process(exchange -> exchange.getMessage().setBody(
                                    exchange.getIn().getHeader("id") + " " + viaMvc()));
                    from("platform-http:/test/dispatch/fixed?httpMethodRestrict=POST").routeId("dispatch-probe-fixed")
                            .process(exchange -> exchange.getMessage().setBody("fixed " + viaMvc()));
                }
            };
        }

        private static String viaMvc() {
            return "mvc=" + Arrays.stream(Thread.currentThread().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().endsWith(".DispatcherServlet"));
        }
    }

    @Autowired
    RouteDispatchFilter dispatch;

    @Test
    void theShippedEndpointsMadeFromTheTemplateAreDispatchedToo() {
        assertThat(dispatch.dispatches("/v1/chat/completions", "POST")).isTrue();
        assertThat(dispatch.dispatches("/chat/completions", "POST")).isTrue();
        assertThat(dispatch.dispatches("/v1/chat/completions", "OPTIONS")).as("CORS pre-flights").isTrue();
        assertThat(dispatch.dispatches("/v1/embeddings", "POST")).isTrue();
        assertThat(dispatch.dispatches("/v1/chat/completions", "GET")).isFalse();
        assertThat(dispatch.dispatches("/v1beta/models/gemini-2.5-flash:generateContent", "POST")).isTrue();
        assertThat(dispatch.dispatches("/v1beta/models/gemini-2.5-flash", "GET")).isTrue();
        assertThat(dispatch.dispatches("/v1/models/GigaChat-2-Max", "GET")).isTrue();
        assertThat(dispatch.dispatches("/v1/responses/resp_1", "DELETE")).isTrue();
        assertThat(dispatch.dispatches("/v1/responses/resp_1", "PUT")).isFalse();
        assertThat(dispatch.dispatches("/v1/responses/input_tokens", "GET"))
                .as("a route's fixed path is never taken for a template's value").isFalse();
        assertThat(dispatch.dispatches("/v1/files/file_1/content", "GET")).as("a variable inside the path").isFalse();
        assertThat(dispatch.dispatches("/v1beta/models/a%3Ab", "POST")).as("an encoded segment").isFalse();
        assertThat(dispatch.dispatches("/v1beta/models/", "GET")).as("an empty segment").isFalse();
        assertThat(dispatch.dispatches("/v1beta/models/..", "GET")).isFalse();
    }

    @Test
    void onlyALastSegmentVariableMakesADispatchedTemplate() {
        assertThat(RouteDispatchFilter.templatePrefix("/v1/models/{id}")).isEqualTo("/v1/models/");
        assertThat(RouteDispatchFilter.templatePrefix("/v1/files/{id}/content")).isNull();
        assertThat(RouteDispatchFilter.templatePrefix("/v1/x/{a}.json")).isNull();
        assertThat(RouteDispatchFilter.templatePrefix("/v1/x/{a}{b}")).isNull();
        assertThat(RouteDispatchFilter.templatePrefix("/v1/x/{*rest}")).isNull();
    }

    @Test
    void aFixedPathWithAnAcceptedMethodSkipsSpringMvc() throws Exception {
        assertThat(get("/test/dispatch").body()).isEqualTo("mvc=false");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(url("/test/dispatch")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.body()).isEqualTo("mvc=false");
    }

    @Test
    void aLastSegmentTemplateSkipsSpringMvcWithItsVariableBound() throws Exception {
        assertThat(get("/test/dispatch/42").body()).isEqualTo("42 mvc=false");
        assertThat(get("/test/dispatch/gemini-2.5-flash:generateContent").body())
                .isEqualTo("gemini-2.5-flash:generateContent mvc=false");
    }

    @Test
    void otherTemplatesOtherMethodsAndMultipartStillGoThroughSpringMvc() throws Exception {
        assertThat(get("/test/dispatch/42/more").body()).isEqualTo("42 mvc=true");
        assertThat(get("/test/dispatch/4%2C2").body()).endsWith("mvc=true");
        // a fixed path beside the template, asked with a method only the template takes: as Spring MVC decides
        assertThat(get("/test/dispatch/fixed").body()).isEqualTo("fixed mvc=true");

        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(URI.create(url("/test/dispatch"))).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(405);

        HttpResponse<String> multipart = HTTP.send(HttpRequest.newBuilder(URI.create(url("/test/dispatch")))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--\r\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(multipart.body()).isEqualTo("mvc=true");
    }

    @Test
    void aStoppedRouteIsNoLongerDispatchedAndARestartedOneIsAgain() throws Exception {
        camel.getRouteController().stopRoute("dispatch-probe");
        try {
            // answered as Spring MVC answers a stopped route (an error), never by the stopped consumer
            assertThat(get("/test/dispatch").statusCode()).isGreaterThanOrEqualTo(400);
        } finally {
            camel.getRouteController().startRoute("dispatch-probe");
        }
        assertThat(get("/test/dispatch").body()).isEqualTo("mvc=false");
    }
}
