package io.gigagate.logging;

import org.slf4j.LoggerFactory;

/**
 * Log redaction as a property of the logging set-up: with Logback as the SLF4J backend (Spring Boot's
 * default, and Camel Main's with a logback.xml), every appender, whoever configured it and whatever its
 * encoder (text pattern, {@code logging.pattern.*}, Spring Boot's structured JSON, a logback.xml of the
 * user's), gets each event with the secrets of {@link io.gigagate.security.LogSecrets} masked: in the
 * message, the exception chain, the MDC and the key-value pairs. Whatever logger writes it and at
 * whatever level: HttpClient's header and wire logs, Camel's, Spring's and Tomcat's debug logs.
 *
 * <p>Spring-free: the Spring Boot application installs it from {@code io.gigagate.config.LogRedactionListener}
 * as soon as logging is initialised; Camel Main and Camel K install it from {@code GatewayBeans} when the
 * GigaChat auth is built. Installing twice is harmless. With another backend (no Logback on the class
 * path) it does nothing, and says so through {@link #install()}'s result.
 */
public final class LogRedaction {

    /** The setting that turns masking off (default on); gpt2giga's LOG_REDACT_SENSITIVE maps onto it. */
    public static final String ENABLED_PROPERTY = "gigagate.log-redaction.enabled";
    public static final String DISABLED_WARNING = "Log redaction is OFF (" + ENABLED_PROPERTY + "=false): GigaChat "
            + "credentials, passwords, access tokens and gateway API keys can appear in the log at DEBUG and TRACE "
            + "(HttpClient's header and wire logs) and in exception messages. Do not run like this in production.";

    private static final boolean LOGBACK = logbackPresent();

    private LogRedaction() {
    }

    /** Wraps the appenders of the current Logback set-up (again); false when Logback is not the backend. */
    public static boolean install() {
        if (!LOGBACK) {
            return false;
        }
        return LogbackRedaction.install(LoggerFactory.getILoggerFactory());
    }

    /** Turns masking on or off; the wrapping stays, so turning it back on works at once. */
    public static void setEnabled(boolean enabled) {
        if (LOGBACK) {
            LogbackRedaction.setEnabled(enabled);
        }
    }

    /** Whether masking is on (false also when Logback is not the backend: nothing is masked then). */
    public static boolean isEnabled() {
        return LOGBACK && LogbackRedaction.enabled();
    }

    private static boolean logbackPresent() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, LogRedaction.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
