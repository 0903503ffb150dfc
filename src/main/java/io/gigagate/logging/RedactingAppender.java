package io.gigagate.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Wraps one appender of the logging set-up (console, file, structured JSON, anything a logback.xml
 * declares): every event reaches it with its secrets masked ({@link LogbackRedaction#redact}), so no
 * encoder, layout or pattern a user configures can print them. Takes the wrapped appender's name;
 * stopping it stops the wrapped appender.
 */
public final class RedactingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private final Appender<ILoggingEvent> delegate;

    RedactingAppender(Appender<ILoggingEvent> delegate) {
        this.delegate = delegate;
        setName(delegate.getName());
        setContext(delegate.getContext());
    }

    /** The appender that writes. */
    public Appender<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    protected void append(ILoggingEvent event) {
        delegate.doAppend(LogbackRedaction.redact(event));
    }

    @Override
    public void stop() {
        super.stop();
        delegate.stop();
    }

    @Override
    public String toString() {
        return "RedactingAppender[" + delegate + "]";
    }
}
