package io.gigagate.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of a usage summary: the values of the dimensions it is grouped by (the others null) and the sums.
 *
 * @param day UTC date, {@code 2026-12-07}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRow(String day, String apiKeyName, String model, String front, long requests, long errors,
                       long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens, long latencyMillisSum) {

    @JsonProperty("total_tokens")
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** Mean latency in milliseconds. */
    @JsonProperty("average_latency_millis")
    public long averageLatencyMillis() {
        return requests == 0 ? 0 : latencyMillisSum / requests;
    }
}
