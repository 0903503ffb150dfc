package io.gigagate.camel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings in the text forms a Camel property placeholder can carry, read the way Spring Boot binds
 * the same property: a comma-separated list, {@code key=number} pairs, a data size ({@code 15MB}), a
 * number of seconds. Used by the {@link GatewayBeans} and {@link FileBeans} overloads that YAML beans
 * call; a blank value means "not set".
 */
public final class SettingFormats {

    private static final Pattern DATA_SIZE = Pattern.compile("([+-]?\\d+)\\s*([a-zA-Z]{0,2})");

    private SettingFormats() {
    }

    /** {@code a, b,c} → [a, b, c]; blank → empty. */
    public static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code GigaChat-2-Max=1,GigaChat-2=3} → a map in that order; blank → empty. */
    public static Map<String, Integer> intMap(String value) {
        Map<String, Integer> map = new LinkedHashMap<>();
        map(value).forEach((name, number) -> map.put(name, Integer.valueOf(number)));
        return map;
    }

    /** {@code team-a=key,team-b=sha256:...} → a map in that order (a value keeps any further '='); blank → empty. */
    public static Map<String, String> map(String value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : list(value)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected name=value, got '" + pair.substring(0, Math.max(0, eq)) + "...'");
            }
            map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return map;
    }

    /**
     * A data size as Spring Boot writes it: a whole number with an optional unit B, KB, MB, GB or TB
     * (powers of 1024, any case); no unit means bytes.
     */
    public static long bytes(String value) {
        Matcher m = value == null ? null : DATA_SIZE.matcher(value.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a data size (e.g. 15MB): '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 0;
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> throw new IllegalArgumentException("unknown data size unit in '" + value + "'");
        };
        return Math.multiplyExact(amount, 1L << shift);
    }

    /** A number of seconds, fractions allowed; blank → null (not set). */
    public static Double seconds(String value) {
        return value == null || value.isBlank() ? null : Double.valueOf(value.strip());
    }
}
