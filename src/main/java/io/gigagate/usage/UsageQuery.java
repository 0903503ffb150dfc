package io.gigagate.usage;

import java.time.Instant;

/**
 * Which records an admin query looks at: a time range and optional exact matches; null means any.
 *
 * @param errorsOnly only records with a status of 400 or more
 */
public record UsageQuery(Instant from, Instant to, String apiKeyName, String model, String front, Integer status,
                         boolean errorsOnly) {

    public static UsageQuery all() {
        return new UsageQuery(null, null, null, null, null, null, false);
    }

    public boolean matches(UsageRecord r) {
        return (from == null || !r.time().isBefore(from))
                && (to == null || r.time().isBefore(to))
                && (apiKeyName == null || apiKeyName.equals(r.apiKeyName()))
                && (model == null || model.equals(r.model()) || model.equals(r.modelRequested()))
                && (front == null || front.equals(r.front()))
                && (status == null || status == r.status())
                && (!errorsOnly || r.failed());
    }
}
