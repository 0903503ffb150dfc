package io.gigagate.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts the Redis implementations run, kept as files beside this class (readable, with their contracts). */
final class LuaScripts {

    static final String KEY_LIMITS = load("key-limits.lua");
    static final String MODEL_SLOT = load("model-slot.lua");
    static final String RENEW_LEASES = load("renew-leases.lua");
    static final String ADVANCE_THREAD_HEAD = load("advance-thread-head.lua");

    private LuaScripts() {
    }

    private static String load(String name) {
        try (InputStream in = LuaScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
