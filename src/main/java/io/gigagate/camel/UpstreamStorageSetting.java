package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.responses.ResponsesRequest;
import org.apache.camel.Exchange;

/**
 * {@code gigagate.responses.upstream-storage}: whether stored Responses turns use GigaChat's own storage
 * ({@code storage}/{@code thread_id}) on models served on its v2 contract. Off by default; on v1 it changes
 * nothing (v1 has no such storage in the gateway's use).
 *
 * @param enabled  the setting
 * @param apiModes which contract each model is called with
 * @param models   the chat step's model resolution (aliases, the default model), to know the GigaChat model first
 */
public record UpstreamStorageSetting(boolean enabled, GigaChatApiModes apiModes, ModelResolver models) {

    /** Off: the gateway's own store only. */
    public static final UpstreamStorageSetting OFF = new UpstreamStorageSetting(false, GigaChatApiModes.V1_ONLY, null);

    /** Whether the setting can take effect at all: on, and some model is on v2. */
    public boolean effective() {
        return enabled && apiModes.anyV2();
    }

    /**
     * The GigaChat model this request goes to when it is served with GigaChat's storage (the setting on and the
     * model on v2), resolved as the chat step resolves it (a route's {@link ExchangeKeys#MODEL_OVERRIDE} first);
     * null otherwise.
     */
    String model(Exchange exchange, ResponsesRequest request) {
        if (!effective()) {
            return null;
        }
        String model = models.resolveChat(exchange.getProperty(ExchangeKeys.MODEL_OVERRIDE, request.model(), String.class));
        return model != null && apiModes.isV2(model) ? model : null;
    }
}
