package io.gigagate.config;

import io.gigagate.logging.LogRedaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Installs log redaction ({@link LogRedaction}) right after Spring Boot has set up logging (this
 * listener runs just after {@link LoggingApplicationListener}, so before any bean is built and before
 * the first credential is read), with whatever appenders, patterns and structured formats the
 * {@code logging.*} settings asked for; and checks again once the context is prepared and started, for
 * appenders added on the way. {@code gigagate.log-redaction.enabled=false} turns masking off, with a
 * warning. Registered in META-INF/spring.factories: it must run before the application context exists.
 */
public class LogRedactionListener implements GenericApplicationListener {

    private static final Logger LOG = LoggerFactory.getLogger(LogRedactionListener.class);

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ApplicationStartedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            boolean enabled = prepared.getEnvironment().getProperty(LogRedaction.ENABLED_PROPERTY, Boolean.class, true);
            LogRedaction.setEnabled(enabled);
            boolean installed = LogRedaction.install();
            if (!enabled) {
                LOG.warn(LogRedaction.DISABLED_WARNING);
            } else if (!installed) {
                LOG.warn("Log redaction needs Logback as the logging backend; with this one, secrets are masked only "
                        + "in GigaGate's own verbose log");
            }
        } else {
            LogRedaction.install();
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
