package io.gigagate.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's own API keys. Keys are kept only as SHA-256 digests (configuration may give them as
 * {@code sha256:<hex>} so the plain key never sits in a config file), and a presented key is compared
 * against every stored digest in constant time, so neither timing nor early exit tells which key or
 * how much of it matched.
 */
public final class ApiKeys {

    private record Entry(String name, byte[] digest) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Plain keys are also registered with {@link LogSecrets}, so no log shows them (both runtimes build
     * their keys here).
     *
     * @param keys key name → plain key or {@code sha256:<64 hex digits>}; blank values are skipped
     * @throws IllegalArgumentException for a malformed digest
     */
    public static ApiKeys of(Map<String, String> keys) {
        List<Entry> entries = new ArrayList<>();
        keys.forEach((name, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String v = value.strip();
            if (v.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
                String hex = v.substring("sha256:".length());
                if (!hex.matches("(?i)[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("API key '" + name + "': sha256: must be followed by 64 hex digits");
                }
                entries.add(new Entry(name, HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT))));
            } else {
                LogSecrets.register(v);
                entries.add(new Entry(name, sha256(v)));
            }
        });
        return new ApiKeys(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The name of the key that matches, if any. */
    public Optional<String> match(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        String found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.name();
            }
        }
        return Optional.ofNullable(found);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + entries.stream().map(Entry::name).toList() + "]";
    }
}
