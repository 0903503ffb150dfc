package io.gigagate.support;

import io.gigagate.emulator.GigaChatEmulator;

/**
 * One GigaChat emulator for the whole test JVM, so every test class that uses it shares one Spring
 * context (the context cache keys on the emulator's URL). Tests reset its faults and recorder first.
 */
public final class SharedEmulator {

    public static final String AUTHORIZATION_KEY = "c2hhcmVkLWNsaWVudDpzaGFyZWQtc2VjcmV0"; // "shared-client:shared-secret"
    public static final String SCOPE = "GIGACHAT_API_PERS";

    private static final GigaChatEmulator INSTANCE = GigaChatEmulator.builder()
            .credentials(AUTHORIZATION_KEY, SCOPE)
            .build()
            .start();

    private SharedEmulator() {
    }

    public static GigaChatEmulator get() {
        return INSTANCE;
    }
}
