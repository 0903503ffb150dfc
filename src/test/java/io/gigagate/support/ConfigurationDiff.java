package io.gigagate.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.camel.util.concurrent.CamelThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Compares how two objects are configured, field by field and recursively: values, enums, durations,
 * records, maps, lists, arrays, and every object of GigaGate's own (io.gigagate.*) down to the leaves.
 * Lambdas must be the same lambda (the same class: made at the same place in the code) and capture
 * equally configured values. A few third-party objects are compared by their settings: a Resilience4j
 * circuit breaker by its name and config, a Caffeine cache by its size bound, expiry and loader (not its
 * contents), a thread pool by its sizes, keep-alive, queue and rejection policy (not its threads). Any
 * other third-party type is reported as unhandled, so nothing is passed over silently.
 *
 * <p>Skipped, because they are the identity or running state of a runtime rather than configuration,
 * are the types in {@link #SKIPPED}, fields that are static, and the fields a gateway class inherits
 * from Camel's builders (RouteBuilder, RouteConfigurationBuilder: the route definitions they build and
 * the context they were added to).
 */
public final class ConfigurationDiff {

    /** Types skipped wherever they occur, with the reason. */
    public static final Map<Class<?>, String> SKIPPED = skipped();

    private static Map<Class<?>, String> skipped() {
        Map<Class<?>, String> skipped = new LinkedHashMap<>();
        skipped.put(ProducerTemplate.class, "each runtime's own producer, bound to its CamelContext");
        skipped.put(CamelContext.class, "the runtime itself");
        skipped.put(AtomicInteger.class, "a counter (thread names, round-robin position): running state");
        skipped.put(AtomicLong.class, "a counter: running state");
        skipped.put(AtomicBoolean.class, "a flag: running state");
        skipped.put(AtomicReference.class, "a current value (token, model list): running state");
        skipped.put(Lock.class, "a lock: no configuration");
        skipped.put(Semaphore.class, "permits in use: running state (the limits are compared as fields)");
        skipped.put(ThreadLocal.class, "per-thread state");
        skipped.put(org.slf4j.Logger.class, "a logger");
        skipped.put(CloseableHttpClient.class, "UrlDownloader's HTTP client, built in its constructor from the "
                + "address policy, timeout, size and redirect limits that are compared as UrlDownloader's own fields");
        return skipped;
    }

    private final List<String> differences = new ArrayList<>();
    private final Set<String> skippedTypes = new TreeSet<>();
    private final Map<Object, Object> visiting = new IdentityHashMap<>();
    private int leaves;

    /** The differences between {@code a} and {@code b}, each with its path from {@code name}. */
    public static ConfigurationDiff of(String name, Object a, Object b) {
        ConfigurationDiff diff = new ConfigurationDiff();
        diff.compare(name, a, b);
        return diff;
    }

    public List<String> differences() {
        return differences;
    }

    /** How many leaf values were compared. */
    public int leaves() {
        return leaves;
    }

    /** The skipped types met on the way. */
    public Set<String> skippedTypes() {
        return skippedTypes;
    }

    private void differ(String path, String what) {
        differences.add(path + ": " + what);
    }

    private void compare(String path, Object a, Object b) {
        if (a == b) {
            leaves++;
            return;
        }
        if (a == null || b == null) {
            differ(path, a + " vs " + b);
            return;
        }
        for (Map.Entry<Class<?>, String> skip : SKIPPED.entrySet()) {
            if (skip.getKey().isInstance(a) && skip.getKey().isInstance(b)) {
                skippedTypes.add(skip.getKey().getName());
                return;
            }
        }
        Class<?> type = a.getClass();
        // maps and collections are compared by content, whatever their implementation class
        boolean sameKind = a instanceof Map<?, ?> && b instanceof Map<?, ?> || a instanceof List<?> && b instanceof List<?>
                || a instanceof Set<?> && b instanceof Set<?>;
        if (type != b.getClass() && !sameKind) {
            differ(path, type.getName() + " vs " + b.getClass().getName());
            return;
        }
        if (isValue(a)) {
            leaves++;
            if (!a.equals(b)) {
                differ(path, a + " vs " + b);
            }
            return;
        }
        if (a instanceof Pattern pa) {
            compare(path + ".pattern", pa.pattern(), ((Pattern) b).pattern());
            compare(path + ".flags", pa.flags(), ((Pattern) b).flags());
            return;
        }
        if (visiting.get(a) == b) {
            return;
        }
        visiting.put(a, b);
        if (type.isArray()) {
            int length = Array.getLength(a);
            compare(path + ".length", length, Array.getLength(b));
            for (int i = 0; i < Math.min(length, Array.getLength(b)); i++) {
                compare(path + "[" + i + "]", Array.get(a, i), Array.get(b, i));
            }
        } else if (a instanceof Map<?, ?> ma) {
            Map<?, ?> mb = (Map<?, ?>) b;
            compare(path + ".keys", sorted(ma.keySet()), sorted(mb.keySet()));
            ma.forEach((key, value) -> {
                if (mb.containsKey(key)) {
                    compare(path + "[" + key + "]", value, mb.get(key));
                }
            });
        } else if (a instanceof Set<?> sa) {
            compare(path, sorted(sa), sorted((Set<?>) b));
        } else if (a instanceof Collection<?> ca) {
            Collection<?> cb = (Collection<?>) b;
            compare(path + ".size", ca.size(), cb.size());
            Iterator<?> ib = cb.iterator();
            int i = 0;
            for (Object item : ca) {
                if (!ib.hasNext()) {
                    break;
                }
                compare(path + "[" + i++ + "]", item, ib.next());
            }
        } else if (a instanceof Optional<?> oa) {
            compare(path + ".value", oa.orElse(null), ((Optional<?>) b).orElse(null));
        } else if (a instanceof CircuitBreaker ba) {
            CircuitBreaker bb = (CircuitBreaker) b;
            compare(path + ".name", ba.getName(), bb.getName());
            compare(path + ".config", ba.getCircuitBreakerConfig(), bb.getCircuitBreakerConfig());
        } else if (a instanceof Cache<?, ?> ca) {
            compareCache(path, ca, (Cache<?, ?>) b);
        } else if (type.getName().equals("io.opentelemetry.context.CurrentContextExecutorService")) {
            // Camel's pools, wrapped to carry the trace context into their tasks: the pool inside is compared
            compare(path + ".delegate", delegate(a), delegate(b));
        } else if (a instanceof java.nio.file.Path pa) {
            compare(path, pa.toString(), b.toString());
        } else if (a instanceof Thread ta) {
            // a worker thread (the usage writer, the budget sync): its name and kind; the rest is running state
            compare(path + ".name", ta.getName(), ((Thread) b).getName());
            compare(path + ".daemon", ta.isDaemon(), ((Thread) b).isDaemon());
        } else if (a instanceof CamelThreadFactory fa) {
            // its pattern names the Camel context, which differs by runtime; the pool's own name must not
            compare(path + ".name", fa.getName(), ((CamelThreadFactory) b).getName());
        } else if (a instanceof ThreadPoolExecutor pa) {
            ThreadPoolExecutor pb = (ThreadPoolExecutor) b;
            compare(path + ".corePoolSize", pa.getCorePoolSize(), pb.getCorePoolSize());
            compare(path + ".maximumPoolSize", pa.getMaximumPoolSize(), pb.getMaximumPoolSize());
            compare(path + ".keepAlive", pa.getKeepAliveTime(TimeUnit.MILLISECONDS), pb.getKeepAliveTime(TimeUnit.MILLISECONDS));
            compare(path + ".allowsCoreThreadTimeOut", pa.allowsCoreThreadTimeOut(), pb.allowsCoreThreadTimeOut());
            compare(path + ".queue", pa.getQueue().getClass().getName(), pb.getQueue().getClass().getName());
            compare(path + ".queue.capacity", pa.getQueue().remainingCapacity(), pb.getQueue().remainingCapacity());
            compare(path + ".rejectedExecutionHandler", pa.getRejectedExecutionHandler().getClass().getName(),
                    pb.getRejectedExecutionHandler().getClass().getName());
            compare(path + ".threadFactory", pa.getThreadFactory(), pb.getThreadFactory());
        } else if (fieldsCompared(type)) {
            compareFields(path, a, b, type);
        } else {
            differ(path, "unhandled type " + type.getName() + " (teach ConfigurationDiff how to compare it)");
        }
        visiting.remove(a);
    }

    private void compareCache(String path, Cache<?, ?> a, Cache<?, ?> b) {
        Policy<?, ?> pa = a.policy();
        Policy<?, ?> pb = b.policy();
        compare(path + ".maximum", pa.eviction().map(e -> e.getMaximum()), pb.eviction().map(e -> e.getMaximum()));
        compare(path + ".weighted", pa.eviction().map(e -> e.isWeighted()), pb.eviction().map(e -> e.isWeighted()));
        compare(path + ".expireAfterWrite", pa.expireAfterWrite().map(e -> e.getExpiresAfter()),
                pb.expireAfterWrite().map(e -> e.getExpiresAfter()));
        compare(path + ".expireAfterAccess", pa.expireAfterAccess().map(e -> e.getExpiresAfter()),
                pb.expireAfterAccess().map(e -> e.getExpiresAfter()));
        compare(path + ".refreshAfterWrite", pa.refreshAfterWrite().map(e -> e.getRefreshesAfter()),
                pb.refreshAfterWrite().map(e -> e.getRefreshesAfter()));
        compare(path + ".loader", loader(a), loader(b));
    }

    /** A loading cache's loader (Caffeine keeps it in a field {@code cacheLoader}), else null. */
    private static Object loader(Object cache) {
        for (Object candidate : new Object[] {cache, read(cache, "cache")}) {
            Object loader = read(candidate, "cacheLoader");
            if (loader != null) {
                return loader;
            }
        }
        return null;
    }

    private static Object read(Object target, String name) {
        if (target == null) {
            return null;
        }
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // the superclass may have it
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private void compareFields(String path, Object a, Object b, Class<?> type) {
        for (Class<?> c = type; c != null && fieldsCompared(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    compare(path + "." + field.getName(), field.get(a), field.get(b));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    differ(path + "." + field.getName(), "not readable: " + e);
                }
            }
        }
    }

    /** Classes whose fields are compared: GigaGate's own, records, lambdas, Resilience4j's configs. */
    private static boolean fieldsCompared(Class<?> c) {
        String name = c.getName();
        return name.startsWith("io.gigagate.") || c.isRecord() || c.isSynthetic() || c.isHidden()
                || name.startsWith("io.github.resilience4j.") && name.contains("Config");
    }

    private static boolean isValue(Object o) {
        return o instanceof CharSequence || o instanceof Number || o instanceof Boolean || o instanceof Character
                || o instanceof Enum<?> || o instanceof Duration || o instanceof Temporal || o instanceof Class<?>
                || o instanceof URI || o instanceof Clock;
    }

    /** A set's members as a sorted list of strings (sets here hold names: hosts, keys). */
    private static List<String> sorted(Collection<?> items) {
        Set<String> out = new TreeSet<>();
        items.forEach(item -> out.add(String.valueOf(item)));
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return differences.isEmpty() ? "no differences (" + leaves + " values)" : String.join("\n", differences);
    }

    /** For messages: the set of skipped types' names, in order. */
    public static Set<String> skippedTypeNames() {
        Set<String> names = new LinkedHashSet<>();
        SKIPPED.keySet().forEach(c -> names.add(c.getName()));
        return names;
    }

    /** The executor an OpenTelemetry {@code ForwardingExecutorService} forwards to (its private field). */
    private static Object delegate(Object forwarding) {
        try {
            Field field = forwarding.getClass().getSuperclass().getDeclaredField("delegate");
            field.setAccessible(true);
            return field.get(forwarding);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the delegate of " + forwarding.getClass().getName(), e);
        }
    }
}
