package io.gigagate.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

/**
 * Makes the {@code producerTemplate} bean of deploy/camel-k/beans.camel.yaml (Camel Main has none; Spring
 * Boot does): Camel's injector hands this builder its context, and {@link #build()} asks that context for a
 * template ({@code builderClass} / {@code builderMethod} in a YAML bean). The simple-language script
 * {@code ${camelContext.createProducerTemplate()}} did the same but evaluated against a dummy exchange
 * Camel keeps from the first context of the JVM, so a second Camel Main in one JVM failed to start.
 */
public final class ProducerTemplateBuilder implements CamelContextAware {

    private CamelContext camelContext;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    public ProducerTemplate build() {
        return camelContext.createProducerTemplate();
    }
}
