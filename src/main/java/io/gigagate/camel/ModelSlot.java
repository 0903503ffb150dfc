package io.gigagate.camel;

import io.gigagate.security.KeyLimits;
import io.gigagate.security.ModelConcurrency;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Takes a slot of the per-model concurrency limit before GigaChat is called and gives it back when the
 * exchange is done, which for a stream is when its last event has been written.
 */
public final class ModelSlot implements Processor {

    private static final String HELD = "gigagate.modelSlotHeld";

    private final ModelConcurrency concurrency;

    public ModelSlot(ModelConcurrency concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        if (!concurrency.enabled() || exchange.getProperty(HELD) != null) {
            return;
        }
        KeyLimits.Permit permit = concurrency.acquire(exchange.getProperty(ExchangeKeys.GIGACHAT_MODEL, String.class));
        exchange.setProperty(HELD, Boolean.TRUE);
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                permit.close();
            }
        });
    }
}
