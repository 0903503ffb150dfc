package io.gigagate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates gpt2giga's command-line flags into Spring properties, so the commands people already
 * run gpt2giga with start GigaGate unchanged. Both {@code --flag value} and {@code --flag=value}
 * forms work; switch flags ({@code --verbose}) need no value. gpt2giga 0.3's grouped form
 * ({@code --proxy.port}, {@code --gigachat.model}) works too. Anything else is passed on to Spring
 * untouched, so {@code --server.port=...} and every other Spring property still work.
 */
public final class CommandLineFlags {

    /** Flags that take a value, and the property each sets. */
    private static final Map<String, String> VALUE_FLAGS = Map.ofEntries(
            Map.entry("host", "gpt2giga.host"),
            Map.entry("port", "gpt2giga.port"),
            Map.entry("base-url", "gigachat.base-url"),
            Map.entry("model", "gigachat.model"),
            Map.entry("timeout", "gigachat.timeout"),
            Map.entry("embeddings", "gpt2giga.embeddings"),
            Map.entry("env-path", "gpt2giga.env-path"),
            Map.entry("log-level", "gpt2giga.log-level"),
            Map.entry("mtls-ca-cert-path", "gigachat.ca-bundle-file"),
            Map.entry("mtls-cert-file-path", "gigachat.cert-file"),
            Map.entry("mtls-key-file-path", "gigachat.key-file"),
            Map.entry("mtls-key-file-password", "gigachat.key-file-password"));

    /** Switches: present means true, unless followed by an explicit true/false. */
    private static final Map<String, String> SWITCH_FLAGS = Map.ofEntries(
            Map.entry("verbose", "gpt2giga.verbose"),
            Map.entry("pass-model", "gpt2giga.pass-model"),
            Map.entry("pass-token", "gpt2giga.pass-token"),
            Map.entry("verify-ssl-certs", "gigachat.verify-ssl-certs"),
            Map.entry("mtls-auth", "gigachat.mtls-auth"),
            Map.entry("enable-images", "gpt2giga.enable-images"),
            Map.entry("emulator", "gigagate.emulator"));

    private CommandLineFlags() {
    }

    public static String[] toSpringArguments(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                out.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inlineValue = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.startsWith("proxy.")) {
                // gpt2giga 0.3 spells its own settings --proxy.<name>
                name = "gpt2giga." + name.substring("proxy.".length());
                String value = inlineValue;
                if (value == null) {
                    value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
                }
                out.add("--" + name + "=" + value);
            } else if (VALUE_FLAGS.containsKey(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                out.add("--" + VALUE_FLAGS.get(name) + "=" + value);
            } else if (SWITCH_FLAGS.containsKey(name)) {
                String value = inlineValue;
                if (value == null && i + 1 < args.length && isBoolean(args[i + 1])) {
                    value = args[++i];
                }
                out.add("--" + SWITCH_FLAGS.get(name) + "=" + (value == null ? "true" : value));
            } else if (inlineValue == null && (name.startsWith("gigachat.") || name.startsWith("gpt2giga.")
                    || name.startsWith("gigagate."))) {
                // gpt2giga 0.3 accepts "--gigachat.model GigaChat-2"; Spring only knows the = form
                String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
                out.add("--" + name + "=" + value);
            } else {
                out.add(arg);
            }
        }
        return out.toArray(String[]::new);
    }

    private static boolean isBoolean(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("false");
    }
}
