package io.gigagate.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.gigagate.security.LogSecrets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Exceptions with their secrets masked. A secret can sit in the message (or the {@code toString()}) of
 * any throwable of the chain: the cause's, a suppressed one's. When one does, the chain is copied with
 * masked messages and the original stack traces, because some encoders print the {@link Throwable}
 * itself rather than logback's proxy (Spring Boot's structured formats with a stack-trace printer cast
 * to {@link ThrowableProxy} and call {@code getThrowable()}); the copy reports the original class names.
 */
final class MaskedThrowables {

    private MaskedThrowables() {
    }

    /** The proxy, or a masked copy when any message of its chain holds a secret. */
    static IThrowableProxy mask(IThrowableProxy proxy) {
        if (proxy == null || !holdsSecret(proxy, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            return proxy;
        }
        if (proxy instanceof ThrowableProxy real && real.getThrowable() != null) {
            return new RenamedProxy(copy(real.getThrowable(), new IdentityHashMap<>()));
        }
        return new MaskedProxy(proxy);
    }

    private static boolean holdsSecret(IThrowableProxy proxy, Set<IThrowableProxy> seen) {
        if (proxy == null || !seen.add(proxy)) {
            return false;
        }
        if (LogSecrets.containsSecret(proxy.getMessage()) || LogSecrets.containsSecret(proxy.getOverridingMessage())) {
            return true;
        }
        if (holdsSecret(proxy.getCause(), seen)) {
            return true;
        }
        IThrowableProxy[] suppressed = proxy.getSuppressed();
        if (suppressed != null) {
            for (IThrowableProxy s : suppressed) {
                if (holdsSecret(s, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static MaskedThrowable copy(Throwable original, Map<Throwable, MaskedThrowable> copies) {
        MaskedThrowable copy = new MaskedThrowable(original.getClass().getName(), LogSecrets.mask(original.getMessage()),
                LogSecrets.mask(String.valueOf(original)));
        copy.setStackTrace(original.getStackTrace());
        copies.put(original, copy);
        Throwable cause = original.getCause();
        if (cause != null && cause != original) {
            MaskedThrowable known = copies.get(cause);
            copy.initCause(known != null ? known : copy(cause, copies));
        }
        for (Throwable suppressed : original.getSuppressed()) {
            MaskedThrowable known = copies.get(suppressed);
            if (known != copy) {
                copy.addSuppressed(known != null ? known : copy(suppressed, copies));
            }
        }
        return copy;
    }

    /** A throwable standing in for one whose message held a secret; prints as the original would, masked. */
    static final class MaskedThrowable extends Throwable {

        private static final long serialVersionUID = 1L;
        private final String className;
        private final String text;

        MaskedThrowable(String className, String message, String text) {
            super(message);
            this.className = className;
            this.text = text;
        }

        String className() {
            return className;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Logback's proxy of the masked copy, naming the original classes (the top one stays a ThrowableProxy). */
    static final class RenamedProxy extends ThrowableProxy {

        RenamedProxy(MaskedThrowable throwable) {
            super(throwable);
        }

        @Override
        public String getClassName() {
            return ((MaskedThrowable) getThrowable()).className();
        }

        @Override
        public IThrowableProxy getCause() {
            return renamed(super.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            return renamed(super.getSuppressed());
        }
    }

    private static IThrowableProxy renamed(IThrowableProxy proxy) {
        return proxy == null ? null : new RenamedChild(proxy);
    }

    private static IThrowableProxy[] renamed(IThrowableProxy[] proxies) {
        if (proxies == null) {
            return null;
        }
        IThrowableProxy[] out = new IThrowableProxy[proxies.length];
        for (int i = 0; i < proxies.length; i++) {
            out[i] = renamed(proxies[i]);
        }
        return out;
    }

    /** A cause or suppressed proxy of the masked copy, naming the original class. */
    private static final class RenamedChild implements IThrowableProxy {

        private final IThrowableProxy proxy;

        RenamedChild(IThrowableProxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public String getMessage() {
            return proxy.getMessage();
        }

        @Override
        public String getOverridingMessage() {
            return proxy.getOverridingMessage();
        }

        @Override
        public String getClassName() {
            return proxy instanceof ThrowableProxy real && real.getThrowable() instanceof MaskedThrowable masked
                    ? masked.className() : proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return renamed(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            return renamed(proxy.getSuppressed());
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }

    /** Any other proxy (deserialised events): the same, with masked messages. */
    private static final class MaskedProxy implements IThrowableProxy {

        private final IThrowableProxy proxy;

        MaskedProxy(IThrowableProxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public String getMessage() {
            return LogSecrets.mask(proxy.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return LogSecrets.mask(proxy.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return proxy.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return proxy.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return proxy.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return proxy.getCause() == null ? null : new MaskedProxy(proxy.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = proxy.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] out = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                out[i] = new MaskedProxy(suppressed[i]);
            }
            return out;
        }

        @Override
        public boolean isCyclic() {
            return proxy.isCyclic();
        }
    }
}
