package io.gigagate.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of secret values that finds them in a text in one pass: a rolling hash of every
 * {@code window}-character slice of the text is looked up in an open-addressing table of the values'
 * first {@code window} characters, and only a hash hit is compared character by character. No
 * allocation unless something is found. Every value must be at least {@code window} characters long.
 */
final class SecretIndex {

    static final SecretIndex EMPTY = new SecretIndex(List.of(), 8);
    private static final long BASE = 0x100000001B3L;

    private final int window;
    private final long highPower;
    private final long[] hashes;
    /** per slot, the values starting with that window, longest first; null = free slot */
    private final String[][] values;
    private final int mask;
    private final int size;

    SecretIndex(List<String> secrets, int window) {
        this.window = window;
        long power = 1;
        for (int i = 1; i < window; i++) {
            power *= BASE;
        }
        this.highPower = power;
        List<String> sorted = new ArrayList<>(secrets);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        int capacity = Integer.highestOneBit(Math.max(4, sorted.size() * 4) - 1) << 1;
        this.hashes = new long[capacity];
        this.values = new String[capacity][];
        this.mask = capacity - 1;
        this.size = sorted.size();
        for (String secret : sorted) {
            long hash = hash(secret, 0);
            int slot = slot(hash);
            while (values[slot] != null && hashes[slot] != hash) {
                slot = (slot + 1) & mask;
            }
            String[] known = values[slot];
            String[] grown = known == null ? new String[1] : java.util.Arrays.copyOf(known, known.length + 1);
            grown[grown.length - 1] = secret;
            hashes[slot] = hash;
            values[slot] = grown;
        }
    }

    int size() {
        return size;
    }

    /** {@code text} with every value replaced by {@code replacement}; the same instance when none occurs. */
    String mask(String text, String replacement) {
        int n = text.length();
        if (size == 0 || n < window) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        long hash = hash(text, 0);
        while (true) {
            String found = match(text, i, hash);
            if (found != null) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, i).append(replacement);
                i += found.length();
                copied = i;
                if (i + window > n) {
                    break;
                }
                hash = hash(text, i);
                continue;
            }
            if (i + window >= n) {
                break;
            }
            hash = (hash - text.charAt(i) * highPower) * BASE + text.charAt(i + window);
            i++;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    private String match(String text, int at, long hash) {
        int slot = slot(hash);
        String[] candidates;
        while ((candidates = values[slot]) != null) {
            if (hashes[slot] == hash) {
                for (String candidate : candidates) {
                    if (text.startsWith(candidate, at)) {
                        return candidate;
                    }
                }
                return null;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private long hash(String text, int from) {
        long hash = 0;
        for (int i = from; i < from + window; i++) {
            hash = hash * BASE + text.charAt(i);
        }
        return hash;
    }

    private int slot(long hash) {
        long mixed = hash * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> 40) & mask;
    }
}
