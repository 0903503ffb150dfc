package io.gigagate.gigachat;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads GIGAGATE_ALIASES: {@code alias=target} pairs separated by commas; an empty target removes an alias. */
public final class ModelAliasList {

    private ModelAliasList() {
    }

    public static Map<String, String> parse(String list) {
        Map<String, String> aliases = new LinkedHashMap<>();
        if (list == null || list.isBlank()) {
            return aliases;
        }
        for (String pair : list.split(",")) {
            int eq = pair.indexOf('=');
            if (pair.isBlank()) {
                continue;
            }
            if (eq <= 0) {
                throw new IllegalArgumentException("GIGAGATE_ALIASES: expected alias=target, got '" + pair.strip() + "'");
            }
            aliases.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return aliases;
    }
}
