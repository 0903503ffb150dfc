package io.gigagate.gigachat;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Client function names to names GigaChat accepts, and back. GigaChat's docs: "Latin letters only,
 * must not start with a digit"; agent tools (MCP servers in particular) use dashes, dots and
 * colons. Such a name is renamed reversibly instead of refused: the mapping is computed from the
 * request's own tool list every time, so it needs no server state, and responses carry the
 * client's name. Pure; immutable once built.
 */
public final class FunctionNames {

    /** What GigaGate sends unchanged: a Latin letter, then Latin letters, digits or underscores. */
    static final Pattern ACCEPTED = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, String> gigaChatByClient;
    private final Map<String, String> clientByGigaChat;

    private FunctionNames(Map<String, String> gigaChatByClient) {
        this.gigaChatByClient = Map.copyOf(gigaChatByClient);
        Map<String, String> reverse = new HashMap<>();
        gigaChatByClient.forEach((client, giga) -> reverse.put(giga, client));
        this.clientByGigaChat = Map.copyOf(reverse);
    }

    public static FunctionNames none() {
        return new FunctionNames(Map.of());
    }

    /**
     * The names of one request's functions: accepted names stay, the others are renamed (see
     * {@link #sanitised}); a renamed name that collides with another gets {@code _2}, {@code _3}...
     */
    static FunctionNames of(Collection<String> clientNames) {
        Set<String> taken = new HashSet<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : clientNames) {
            if (ACCEPTED.matcher(name).matches()) {
                out.put(name, name);
                taken.add(name);
            }
        }
        for (String name : clientNames) {
            if (!out.containsKey(name)) {
                String candidate = sanitised(name);
                for (int n = 2; taken.contains(candidate); n++) {
                    candidate = sanitised(name) + "_" + n;
                }
                out.put(name, candidate);
                taken.add(candidate);
            }
        }
        return new FunctionNames(out);
    }

    /** A GigaChat name for a gateway-made function, sanitised and different from every client function's. */
    String freeName(String wanted) {
        String candidate = sanitised(wanted);
        for (int n = 2; clientByGigaChat.containsKey(candidate); n++) {
            candidate = sanitised(wanted) + "_" + n;
        }
        return candidate;
    }

    /**
     * GigaChat only takes Latin letters, digits and underscores, starting with a letter: Cyrillic is
     * transliterated (so a Russian name still means something to the model), every other character
     * becomes {@code _}, and a name not starting with a letter gets the prefix {@code fn_}.
     */
    static String sanitised(String name) {
        if (ACCEPTED.matcher(name).matches()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 3);
        name.codePoints().forEach(c -> out.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_')
                ? String.valueOf((char) c) : latinFor(c)));
        char first = out.length() == 0 ? '_' : out.charAt(0);
        return (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') ? out.toString() : "fn_" + out;
    }

    private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    private static final String[] LATIN = {"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m",
        "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};

    private static String latinFor(int c) {
        int lower = CYRILLIC.indexOf(Character.toLowerCase(c));
        if (lower < 0) {
            return "_";
        }
        String latin = LATIN[lower];
        return Character.isUpperCase(c) && !latin.isEmpty()
                ? Character.toUpperCase(latin.charAt(0)) + latin.substring(1) : latin;
    }

    /** The name GigaChat sees for a client name (a name not in the request's tools is sanitised alone). */
    public String toGigaChat(String clientName) {
        return clientName == null ? null : gigaChatByClient.getOrDefault(clientName, sanitised(clientName));
    }

    /** The client's name for a name GigaChat used (unknown names pass unchanged). */
    public String toClient(String gigaChatName) {
        return gigaChatName == null ? null : clientByGigaChat.getOrDefault(gigaChatName, gigaChatName);
    }

    /** Whether the client has a function of this name. */
    boolean has(String clientName) {
        return gigaChatByClient.containsKey(clientName);
    }

    /** GigaChat name to client name, only for the names that were changed. */
    public Map<String, String> renamed() {
        Map<String, String> out = new HashMap<>();
        clientByGigaChat.forEach((giga, client) -> {
            if (!giga.equals(client)) {
                out.put(giga, client);
            }
        });
        return out;
    }
}
