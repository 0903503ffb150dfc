package io.gigagate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import io.gigagate.security.LogSecrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The appender wrapping on a Logback context of its own: what reaches an appender, and when wrapping happens. */
class LogbackRedactionTest {

    static final String SECRET = "logback-test-secret-" + System.nanoTime();

    static {
        LogSecrets.register(SECRET);
    }

    static final class Collecting extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    }

    private static LoggerContext context(Collecting appender) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.TRACE);
        root.addAppender(appender);
        return context;
    }

    @Test
    void messagesArgumentsAndExceptionChainsReachTheAppenderMasked() {
        Collecting appender = new Collecting();
        LoggerContext context = context(appender);
        LogbackRedaction.install(context);
        Logger log = context.getLogger("some.library");

        log.debug("http-outgoing-1 >> \"Authorization: Bearer {}[\\r][\\n]\"", "abc.def.ghi-123");
        log.info("configured with {}", SECRET);
        log.info("nothing secret here");
        IllegalStateException failure = new IllegalStateException("failed with " + SECRET,
                new IOException("Authorization: Basic Zm9vOmJhcjEyMw=="));
        log.error("call failed", failure);

        assertThat(appender.events).hasSize(4);
        assertThat(appender.events.get(0).getFormattedMessage())
                .isEqualTo("http-outgoing-1 >> \"Authorization: Bearer ***[\\r][\\n]\"");
        assertThat(appender.events.get(0).getArgumentArray()).isNull();
        assertThat(appender.events.get(1).getFormattedMessage()).isEqualTo("configured with ***");
        assertThat(appender.events.get(2)).as("an event without secrets is passed as it is")
                .isNotInstanceOf(MaskedLoggingEvent.class);

        IThrowableProxy proxy = appender.events.get(3).getThrowableProxy();
        String rendered = ThrowableProxyUtil.asString(proxy);
        assertThat(rendered).doesNotContain(SECRET).doesNotContain("Zm9vOmJhcjEyMw==")
                .contains("java.lang.IllegalStateException: failed with ***")
                .contains("java.io.IOException: Authorization: Basic ***")
                .contains("LogbackRedactionTest");
        assertThat(proxy.getClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(proxy.getCause().getClassName()).isEqualTo("java.io.IOException");
        StringWriter printed = new StringWriter();
        ((ThrowableProxy) proxy).getThrowable().printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).doesNotContain(SECRET).doesNotContain("Zm9vOmJhcjEyMw==")
                .startsWith("java.lang.IllegalStateException: failed with ***")
                .contains("Caused by: java.io.IOException: Authorization: Basic ***");
        assertThat(failure.getMessage()).as("the original exception is untouched").contains(SECRET);
    }

    @Test
    void anAppenderAddedLaterIsWrappedAtTheNextLevelChange() {
        Collecting first = new Collecting();
        LoggerContext context = context(first);
        LogbackRedaction.install(context);
        Collecting later = new Collecting();
        later.setContext(context);
        later.start();
        Logger logger = context.getLogger("io.gigagate.later");
        logger.addAppender(later);

        logger.setLevel(Level.DEBUG);
        logger.info("key {}", SECRET);

        assertThat(later.events).singleElement().extracting(ILoggingEvent::getFormattedMessage).isEqualTo("key ***");
        assertThat(first.events).singleElement().extracting(ILoggingEvent::getFormattedMessage).isEqualTo("key ***");
    }

    @Test
    void switchedOffEverythingPassesAsItIs() {
        Collecting appender = new Collecting();
        LoggerContext context = context(appender);
        LogbackRedaction.install(context);
        LogbackRedaction.setEnabled(false);
        try {
            context.getLogger("x").info("key {}", SECRET);
        } finally {
            LogbackRedaction.setEnabled(true);
        }
        context.getLogger("x").info("key {}", SECRET);

        assertThat(appender.events).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("key " + SECRET, "key ***");
    }

    @Test
    void stoppingTheWrapperStopsTheWrappedAppender() {
        Collecting appender = new Collecting();
        LoggerContext context = context(appender);
        LogbackRedaction.install(context);

        context.reset();

        assertThat(appender.isStarted()).isFalse();
    }
}
