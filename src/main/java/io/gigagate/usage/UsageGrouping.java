package io.gigagate.usage;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The dimensions a usage summary can be grouped by, in any combination ({@code day,key}). */
public enum UsageGrouping {
    DAY("day"), KEY("api_key_name"), MODEL("model"), FRONT("front");

    /** The column (PostgreSQL) and field name. */
    final String column;

    UsageGrouping(String column) {
        this.column = column;
    }

    /**
     * {@code day}, {@code key}, {@code model}, {@code front}, comma-separated.
     *
     * @throws IllegalArgumentException naming what it cannot read
     */
    public static Set<UsageGrouping> parse(String text) {
        Set<UsageGrouping> result = EnumSet.noneOf(UsageGrouping.class);
        if (text == null || text.isBlank()) {
            result.add(KEY);
            return result;
        }
        for (String part : text.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            try {
                result.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("group_by takes day, key, model and front, not '" + part.strip() + "'");
            }
        }
        return result;
    }
}
