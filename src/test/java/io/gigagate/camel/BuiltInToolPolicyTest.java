package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class BuiltInToolPolicyTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void leftOutToolsAreNamedInAHeaderNextToThePolicysOwn() {
        exchange.setProperty(ExchangeKeys.RESPONSE_HEADERS, Map.of("Vary", "Origin")); // immutable, as CORS leaves it
        new BuiltInToolPolicy(false).apply(exchange, List.of("web_search", "code_execution"));

        assertThat(exchange.getProperty(ExchangeKeys.RESPONSE_HEADERS, Map.class))
                .containsEntry("Vary", "Origin")
                .containsEntry(BuiltInToolPolicy.HEADER, "web_search, code_execution");
    }

    @Test
    void nothingLeftOutChangesNothing() {
        new BuiltInToolPolicy(true).apply(exchange, List.of());
        new BuiltInToolPolicy(false).apply(exchange, null);

        assertThat(exchange.getProperty(ExchangeKeys.RESPONSE_HEADERS)).isNull();
    }

    @Test
    void strictRefusesNamingTheTool() {
        assertThatThrownBy(() -> new BuiltInToolPolicy(true).apply(exchange, List.of("googleSearch")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo("tools");
                    assertThat(e.getMessage()).contains("googleSearch").contains("GIGAGATE_STRICT_TOOLS");
                });
        assertThat(exchange.getProperty(ExchangeKeys.RESPONSE_HEADERS)).isNull();
    }
}
