package io.gigagate.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never reach a log, and the masking that keeps it out. Two kinds of secret are masked in
 * any text given to {@link #mask(String)}:
 * <ul>
 * <li><b>shapes</b>: the value of an {@code Authorization} / {@code Proxy-Authorization} header (after
 * {@code Basic} or {@code Bearer}, in any of the forms loggers print headers in: {@code name: value},
 * {@code name=value}, {@code "name":"value"}, HttpClient's wire quoting {@code "Authorization: Basic
 * ...[\r][\n]"}), a bare {@code Basic} / {@code Bearer} credential, {@code x-api-key} /
 * {@code x-goog-api-key} values, the JSON fields {@code access_token}, {@code refresh_token},
 * {@code id_token}, {@code tok}, {@code token}, {@code password}, {@code client_secret}, {@code api_key},
 * query and form values {@code ?key=}, {@code &key=}, {@code &access_token=}, {@code &password=} ...,
 * and pass tokens {@code giga-cred-}, {@code giga-auth-}, {@code giga-user-};</li>
 * <li><b>live values</b>: every secret the gateway knows, registered where it is configured, issued or
 * first seen (credentials, the user password, the static token, gateway API keys, access tokens as
 * GigaChat issues them, pass-token credentials), raw, base64 (standard and URL-safe, with and without
 * padding), URL-encoded, and for user/password the {@code base64(user:password)} a Basic header carries.
 * Values shorter than {@value #MIN_LENGTH} characters are masked by shape only: masking every
 * occurrence of a short word would shred the log.</li>
 * </ul>
 * The registry is process-wide (logging is), Spring- and Logback-free, and thread-safe: registration
 * (rare: start-up, a token issued every half hour per credential, a new pass-token credential) rebuilds
 * an immutable index; {@link #mask(String)} reads it without locking. Masking costs one pass over the
 * text when nothing matches: the live values are found with a rolling hash of their first
 * {@value #MIN_LENGTH} characters, and the shape patterns run only when a trigger word is present.
 * Configured secrets stay for the life of the process; issued tokens until an hour after they expire;
 * at most {@value #MAX_TEMPORARY} values registered with an expiry are kept (oldest dropped first).
 */
public final class LogSecrets {

    /** What a masked secret is replaced with. */
    public static final String MASK = "***";
    /** Shorter live values are not registered (shapes still mask them in header, JSON and query positions). */
    public static final int MIN_LENGTH = 8;
    static final int MAX_TEMPORARY = 4096;
    private static final long FOREVER = Long.MAX_VALUE;
    private static final long EXPIRED_TOKEN_GRACE_MILLIS = 3_600_000;

    private static final Object LOCK = new Object();
    /** value → expiry (epoch millis; FOREVER for configured secrets), in registration order. */
    private static final Map<String, Long> VALUES = new LinkedHashMap<>();
    private static volatile SecretIndex index = SecretIndex.EMPTY;

    private static final Pattern HEADER_VALUE = Pattern.compile("(?i)(?<![A-Za-z0-9_-])"
            + "((?:proxy-)?authorization|x-api-key|x-goog-api-key|api-key)"
            + "(\\\\?[\"']?\\s*[:=]\\s*\\[?\\\\?[\"']?)((?:basic|bearer|digest|negotiate|token)\\s+)?"
            + "([^\\s\"'\\\\\\[\\],;}]+)");
    private static final Pattern SCHEME_VALUE = Pattern.compile("(?i)(?<![A-Za-z0-9_-])(basic|bearer)(\\s+|%20|\\+)"
            + "([A-Za-z0-9._~+/=:*-]{6,})");
    private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\\\\?[\"']"
            + "(?:access_token|refresh_token|id_token|tok|token|password|passwd|client_secret|api_key|apikey)"
            + "\\\\?[\"']\\s*:\\s*\\\\?[\"'])([^\"'\\\\]+)");
    private static final Pattern QUERY_VALUE = Pattern.compile("(?i)([?&])"
            + "(key|api_key|apikey|access_token|token|password|client_secret)=([^&\\s\"'#\\[\\]]+)");
    private static final Pattern PASS_TOKEN = Pattern.compile("giga-(cred|auth|user)-([^\\s\"'\\\\\\[\\],;}]+)");
    /**
     * Lower-case words whose presence makes the shape patterns worth running, by first character: the
     * patterns' own anchors, with the quote or {@code =} that must follow a JSON or query name (so that
     * {@code prompt_tokens=10} runs nothing).
     */
    private static final char[][][] TRIGGERS = triggers("basic", "bearer", "authorization", "api-key", "api_key",
            "apikey", "access_token", "tok\"", "tok\\", "tok'", "token\"", "token\\", "token'", "token=", "password",
            "passwd", "secret\"", "secret\\", "secret'", "secret=", "key=", "giga-");

    private LogSecrets() {
    }

    // ---- registration ----

    /** A configured secret (credential, password, static token, API key), masked for the life of the process. */
    public static void register(String secret) {
        registerUntil(secret, FOREVER);
    }

    /** A secret masked until {@code expiresAtMillis} (epoch milliseconds), e.g. an access token and its expiry. */
    public static void registerUntil(String secret, long expiresAtMillis) {
        if (secret == null) {
            return;
        }
        synchronized (LOCK) {
            if (addForms(secret.strip(), expiresAtMillis)) {
                rebuild();
            }
        }
    }

    /** An access token GigaChat issued: masked until an hour after it expires (a late 401 may still print it). */
    public static void registerToken(String token, long expiresAtMillis) {
        long until = expiresAtMillis > FOREVER - EXPIRED_TOKEN_GRACE_MILLIS ? FOREVER
                : expiresAtMillis + EXPIRED_TOKEN_GRACE_MILLIS;
        registerUntil(token, until);
    }

    /** A user/password login: the password and {@code base64(user:password)} as a Basic header sends it. */
    public static void registerUserPassword(String user, String password, long expiresAtMillis) {
        if (password == null || password.isEmpty()) {
            return;
        }
        synchronized (LOCK) {
            boolean changed = addForms(password, expiresAtMillis);
            if (user != null) {
                changed |= addForms(user + ":" + password, expiresAtMillis);
            }
            if (changed) {
                rebuild();
            }
        }
    }

    /**
     * A GigaChat authorization key: the key (it is {@code base64(client_id:client_secret)}) and, when it
     * decodes to text, the decoded pair and the client secret.
     */
    public static void registerAuthorizationKey(String key, long expiresAtMillis) {
        if (key == null || key.isBlank()) {
            return;
        }
        String stripped = key.strip();
        synchronized (LOCK) {
            boolean changed = addForms(stripped, expiresAtMillis);
            String decoded = decodedText(stripped);
            if (decoded != null) {
                changed |= addForms(decoded, expiresAtMillis);
                int colon = decoded.indexOf(':');
                if (colon >= 0) {
                    changed |= addForms(decoded.substring(colon + 1), expiresAtMillis);
                }
            }
            if (changed) {
                rebuild();
            }
        }
    }

    /** How many values (forms included) are registered now; for tests and diagnostics. */
    public static int size() {
        return index.size();
    }

    private static boolean addForms(String secret, long expiresAt) {
        if (secret.length() < MIN_LENGTH) {
            return false;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        boolean changed = add(secret, expiresAt);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        changed |= add(base64, expiresAt);
        changed |= add(Base64.getEncoder().withoutPadding().encodeToString(bytes), expiresAt);
        changed |= add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), expiresAt);
        changed |= add(URLEncoder.encode(secret, StandardCharsets.UTF_8), expiresAt);
        return changed;
    }

    private static boolean add(String value, long expiresAt) {
        if (value.length() < MIN_LENGTH) {
            return false;
        }
        Long known = VALUES.get(value);
        if (known != null && known >= expiresAt) {
            return false;
        }
        VALUES.remove(value);
        VALUES.put(value, expiresAt);
        return true;
    }

    private static void rebuild() {
        long now = System.currentTimeMillis();
        int temporary = 0;
        for (Iterator<Map.Entry<String, Long>> it = VALUES.entrySet().iterator(); it.hasNext(); ) {
            long expiry = it.next().getValue();
            if (expiry < now) {
                it.remove();
            } else if (expiry != FOREVER) {
                temporary++;
            }
        }
        for (Iterator<Map.Entry<String, Long>> it = VALUES.entrySet().iterator(); temporary > MAX_TEMPORARY && it.hasNext(); ) {
            if (it.next().getValue() != FOREVER) {
                it.remove();
                temporary--;
            }
        }
        index = new SecretIndex(new ArrayList<>(VALUES.keySet()), MIN_LENGTH);
    }

    private static String decodedText(String key) {
        try {
            byte[] raw = Base64.getDecoder().decode(key);
            String text = new String(raw, StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0xFFFD) {
                    return null;
                }
            }
            return text;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    // ---- masking ----

    /** {@code text} with every secret masked; the same instance when there is nothing to mask. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = index.mask(text, MASK);
        return hasTrigger(masked) ? maskShapes(masked) : masked;
    }

    /** Whether {@link #mask(String)} would change {@code text}. */
    public static boolean containsSecret(String text) {
        return text != null && mask(text) != text;
    }

    private static String maskShapes(String text) {
        String out = replace(HEADER_VALUE, text, m -> m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + MASK,
                m -> isMask(m.group(4)));
        out = replace(PASS_TOKEN, out, m -> "giga-" + m.group(1) + "-" + MASK, m -> isMask(m.group(2)));
        out = replace(SCHEME_VALUE, out, m -> m.group(1) + m.group(2) + MASK, m -> !looksLikeCredential(m.group(3)));
        out = replace(JSON_FIELD, out, m -> m.group(1) + MASK, m -> isMask(m.group(2)));
        out = replace(QUERY_VALUE, out, m -> m.group(1) + m.group(2) + "=" + MASK, m -> isMask(m.group(3)));
        return out.equals(text) ? text : out;
    }

    /**
     * After a bare Basic/Bearer (no header name before it): a credential has a digit or is long; prose such as
     * "Basic authentication" is left alone.
     */
    private static boolean looksLikeCredential(String value) {
        if (value.length() >= 20) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                return true;
            }
        }
        return value.contains(MASK) && value.length() > MASK.length();
    }

    private static boolean isMask(String value) {
        return value.equals(MASK);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement,
            java.util.function.Predicate<Matcher> alreadyMasked) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (alreadyMasked.test(m)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, m.start()).append(replacement.apply(m));
            copied = m.end();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    static boolean hasTrigger(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char[][] words = TRIGGERS[lower(text.charAt(i)) & 0x7F];
            if (words != null && text.charAt(i) < 128) {
                for (char[] word : words) {
                    if (startsWith(text, i, word)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean startsWith(String text, int at, char[] word) {
        if (at + word.length > text.length()) {
            return false;
        }
        for (int k = 1; k < word.length; k++) {
            if (lower(text.charAt(at + k)) != word[k]) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static char[][][] triggers(String... words) {
        char[][][] byFirst = new char[128][][];
        for (String word : words) {
            char first = word.charAt(0);
            char[][] known = byFirst[first];
            char[][] grown = known == null ? new char[1][] : java.util.Arrays.copyOf(known, known.length + 1);
            grown[grown.length - 1] = word.toCharArray();
            byFirst[first] = grown;
        }
        return byFirst;
    }
}
