package io.gigagate.camel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Several GigaChat calls for one client request, made in parallel, answered in order: embeddings
 * batches, the n choices of a chat or legacy completion, n generated images and their files.
 *
 * <p>In: the body is a {@code List<UpstreamCall>}, and the route names the operation as the argument of
 * {@link #call} ({@code direct:gigachat-embeddings}, ...). Out: the body is a {@code List<UpstreamAnswer>}
 * in the same order. The first failure (by position) is thrown as it is, so the public route's
 * {@code openai-errors} configuration renders it like any single call's.
 *
 * <p>Why a processor with a {@link ProducerTemplate} and not the split/aggregate EIP: each call here
 * is a fresh exchange through the one door, so its retry-on-401 state and cached body cannot leak
 * from one call to the next, a failure comes back as the call's own exception (a split would run the
 * route's {@code onException} per part, render an error body and carry on), order is just the list
 * order, and the limit on parallel calls per request is one number. The calling thread takes part in
 * the work, so a busy pool slows a request down but never blocks it.
 */
public final class UpstreamFanOut implements AutoCloseable {

    private final ProducerTemplate template;
    private final Executor executor;
    private final int maxParallelPerRequest;

    /**
     * @param executor              runs the extra workers; a saturated pool must run them in the caller
     *                              or reject (a rejected worker just leaves its share to the others)
     * @param maxParallelPerRequest GigaChat calls in flight at once for one client request
     */
    public UpstreamFanOut(ProducerTemplate template, Executor executor, int maxParallelPerRequest) {
        this.template = template;
        this.executor = executor;
        this.maxParallelPerRequest = Math.max(1, maxParallelPerRequest);
    }

    /**
     * Makes the calls on the body through {@code to} and leaves their answers on the body. From YAML:
     * {@code bean: {ref: upstreamFanOut, method: "call(${exchange}, 'direct:gigachat-chat')"}}.
     *
     * @param to the operation each call goes through ({@code direct:gigachat-embeddings}, ...)
     */
    public void call(Exchange exchange, String to) throws Exception {
        @SuppressWarnings("unchecked")
        List<UpstreamCall> calls = exchange.getMessage().getMandatoryBody(List.class);
        Map<String, Object> context = new java.util.HashMap<>();
        for (String key : ExchangeKeys.CLIENT_CONTEXT) {
            Object value = exchange.getProperty(key);
            if (value != null) {
                context.put(key, value);
            }
        }
        long start = System.nanoTime();
        try {
            exchange.getMessage().setBody(callAll(to, calls, context));
        } finally {
            // the request waited this long on its (parallel) GigaChat calls: not the gateway's own time
            GatewayTime.addUpstream(exchange, System.nanoTime() - start);
        }
    }

    /** @param context the client's context (forwarded headers, pass-token credential, ...) every call carries */
    List<UpstreamAnswer> callAll(String to, List<UpstreamCall> calls, Map<String, Object> context) throws Exception {
        UpstreamAnswer[] answers = new UpstreamAnswer[calls.size()];
        Exception[] failures = new Exception[calls.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Boolean> failed = new AtomicReference<>(false);
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < calls.size() && !failed.get(); i = next.getAndIncrement()) {
                try {
                    answers[i] = call(to, calls.get(i), context);
                } catch (Exception e) {
                    failures[i] = e;
                    failed.set(true); // no new calls once one has failed: the request is lost anyway
                }
            }
        };
        int helpers = Math.min(maxParallelPerRequest, calls.size()) - 1;
        CountDownLatch helpersDone = new CountDownLatch(helpers);
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(() -> {
                    try {
                        worker.run();
                    } finally {
                        helpersDone.countDown();
                    }
                });
            } catch (RuntimeException rejected) {
                helpersDone.countDown(); // the other workers take its share
            }
        }
        worker.run();
        helpersDone.await();
        for (Exception failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return Arrays.asList(answers);
    }

    /** Stops the pool when it is one (the application is shutting down). */
    @Override
    public void close() {
        if (executor instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    private UpstreamAnswer call(String to, UpstreamCall call, Map<String, Object> context) throws Exception {
        Exchange answer = template.send(to, exchange -> {
            context.forEach(exchange::setProperty);
            call.properties().forEach(exchange::setProperty);
            exchange.getMessage().setBody(call.body());
        });
        if (answer.getException() != null) {
            throw answer.getException();
        }
        return new UpstreamAnswer(answer.getMessage().getBody(byte[].class),
                answer.getMessage().getHeader("X-Request-Id", String.class));
    }
}
