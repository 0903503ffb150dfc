package io.gigagate.emulator;

import java.io.IOException;

/**
 * Answers one GigaChat resource (or one method of it). The {@link Dispatcher} calls it once the request has
 * passed its resource's checks (bearer, injected faults, method); the handler writes its answer through the
 * {@link Call}, or throws {@link ApiError} for GigaChat's error answer (the dispatcher renders it with the
 * correlation headers).
 */
@FunctionalInterface
interface Handler {

    void handle(Call call) throws IOException;
}
