package io.gigagate.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import io.gigagate.security.LogSecrets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.event.KeyValuePair;

/**
 * The Logback half of log redaction: puts a {@link RedactingAppender} in front of every appender of
 * every logger, and keeps doing so when the set-up changes (Spring Boot's initialisation, a logback.xml
 * reloaded by {@code scan}, a level changed at run time through {@code /actuator/loggers}): it listens
 * to the context's configuration events, its start and its level changes. Only {@link LogRedaction}
 * calls it, so nothing loads Logback's classes where another SLF4J backend is used.
 */
final class LogbackRedaction {

    /**
     * Guards the wrapping. Logback calls the watcher while it holds a logger's lock (setLevel), and
     * wrapping takes other loggers' locks (addAppender): the watcher only tries this lock, so two threads
     * changing levels at once cannot deadlock (the one that holds it wraps everything).
     */
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Watcher WATCHER = new Watcher();
    private static volatile boolean enabled = true;
    private static volatile LoggerContext watched;
    /** one event, masked once for all its appenders (console and file, say) on this thread */
    private static final ThreadLocal<ILoggingEvent[]> LAST = ThreadLocal.withInitial(() -> new ILoggingEvent[2]);

    private LogbackRedaction() {
    }

    static boolean install(Object loggerFactory) {
        if (!(loggerFactory instanceof LoggerContext context)) {
            return false;
        }
        LOCK.lock();
        try {
            watched = context;
            // stopping a context (Spring Boot does when it sets logging up again) drops even reset-resistant listeners
            if (!context.getCopyOfListenerList().contains(WATCHER)) {
                context.addListener(WATCHER);
            }
            context.removeConfigurationEventListener(WATCHER);
            context.addConfigurationEventListener(WATCHER);
            wrapAll(context);
        } finally {
            LOCK.unlock();
        }
        return true;
    }

    static void setEnabled(boolean on) {
        enabled = on;
    }

    static boolean enabled() {
        return enabled;
    }

    /** From the watcher: wraps unless another thread is wrapping right now. */
    private static void tryWrapAll(LoggerContext context) {
        if (LOCK.tryLock()) {
            try {
                wrapAll(context);
            } finally {
                LOCK.unlock();
            }
        }
    }

    /** Wraps every appender not wrapped yet; returns how many it wrapped. */
    static int wrapAll(LoggerContext context) {
        int wrapped = 0;
        LOCK.lock();
        try {
            for (Logger logger : context.getLoggerList()) {
                List<Appender<ILoggingEvent>> plain = new ArrayList<>();
                for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                    Appender<ILoggingEvent> appender = it.next();
                    if (!(appender instanceof RedactingAppender)) {
                        plain.add(appender);
                    }
                }
                for (Appender<ILoggingEvent> appender : plain) {
                    RedactingAppender redacting = new RedactingAppender(appender);
                    redacting.start();
                    logger.addAppender(redacting);
                    logger.detachAppender(appender);
                    wrapped++;
                }
            }
        } finally {
            LOCK.unlock();
        }
        return wrapped;
    }

    /** The event with its secrets masked, or the event itself when it holds none (or masking is off). */
    static ILoggingEvent redact(ILoggingEvent event) {
        if (!enabled) {
            return event;
        }
        ILoggingEvent[] last = LAST.get();
        if (last[0] == event) {
            return last[1];
        }
        ILoggingEvent result = mask(event);
        last[0] = event;
        last[1] = result;
        return result;
    }

    private static ILoggingEvent mask(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        String maskedMessage = LogSecrets.mask(message);
        IThrowableProxy throwable = event.getThrowableProxy();
        IThrowableProxy maskedThrowable = MaskedThrowables.mask(throwable);
        Map<String, String> mdc = mdc(event);
        Map<String, String> maskedMdc = maskValues(mdc);
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        List<KeyValuePair> maskedPairs = maskPairs(pairs);
        if (maskedMessage == message && maskedThrowable == throwable && maskedMdc == mdc && maskedPairs == pairs) {
            return event;
        }
        return new MaskedLoggingEvent(event, maskedMessage, maskedThrowable, maskedMdc, maskedPairs);
    }

    /** The event's MDC; none when the context has no MDC adapter (a bare LoggerContext), as the event would say. */
    private static Map<String, String> mdc(ILoggingEvent event) {
        try {
            return event.getMDCPropertyMap();
        } catch (RuntimeException noAdapter) {
            return null;
        }
    }

    private static Map<String, String> maskValues(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return map;
        }
        Map<String, String> out = null;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String masked = LogSecrets.mask(entry.getValue());
            if (masked != entry.getValue()) {
                if (out == null) {
                    out = new LinkedHashMap<>(map);
                }
                out.put(entry.getKey(), masked);
            }
        }
        return out == null ? map : out;
    }

    private static List<KeyValuePair> maskPairs(List<KeyValuePair> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return pairs;
        }
        List<KeyValuePair> out = null;
        for (int i = 0; i < pairs.size(); i++) {
            KeyValuePair pair = pairs.get(i);
            String value = pair.value == null ? null : String.valueOf(pair.value);
            String masked = LogSecrets.mask(value);
            if (masked != value) {
                if (out == null) {
                    out = new ArrayList<>(pairs);
                }
                out.set(i, new KeyValuePair(pair.key, masked));
            }
        }
        return out == null ? pairs : out;
    }

    /** Re-wraps after anything that can bring new appenders. */
    private static final class Watcher implements LoggerContextListener, ConfigurationEventListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onStart(LoggerContext context) {
            tryWrapAll(context);
        }

        @Override
        public void onReset(LoggerContext context) {
            // the appenders are gone; the new ones are wrapped when configuration ends or a level is set
        }

        @Override
        public void onStop(LoggerContext context) {
            // nothing to do
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
            tryWrapAll(logger.getLoggerContext());
        }

        @Override
        public void listen(ConfigurationEvent event) {
            ConfigurationEvent.EventType type = event.getEventType();
            if (type == ConfigurationEvent.EventType.CONFIGURATION_ENDED_SUCCESSFULLY
                    || type == ConfigurationEvent.EventType.PARTIAL_CONFIGURATION_ENDED_SUCCESSFULLY
                    || type == ConfigurationEvent.EventType.CONFIGURATION_ENDED_WITH_XML_PARSING_ERRORS) {
                LoggerContext context = watched;
                if (context != null) {
                    tryWrapAll(context);
                }
            }
        }
    }
}
