package io.gigagate.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One request on any front, as the usage accounting keeps it: who (the API key's name, never the key; a
 * fingerprint of a pass-token credential, never the credential), what (front, endpoint, the model asked and
 * the GigaChat model used), how it went (status, error type, tokens, latency) and where (request ids, the
 * replica). {@code content} is the redacted request, only when content capture is on.
 *
 * @param firstEventMillis for streams: the time until the first event went out; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageRecord(
        Instant time,
        String requestId,
        String front,
        String endpoint,
        String method,
        String apiKeyName,
        String credentialFingerprint,
        String modelRequested,
        String model,
        int status,
        String errorType,
        boolean stream,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long reasoningTokens,
        long latencyMillis,
        Long firstEventMillis,
        String upstreamRequestId,
        String replica,
        String content) {

    /** Whether the request failed (a status of 400 or more). */
    @JsonIgnore
    public boolean failed() {
        return status >= 400;
    }

    @JsonIgnore
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The same record without its captured content (content kept past its retention, exports without it). */
    @JsonIgnore
    public UsageRecord withoutContent() {
        return content == null ? this : new UsageRecord(time, requestId, front, endpoint, method, apiKeyName,
                credentialFingerprint, modelRequested, model, status, errorType, stream, inputTokens, outputTokens,
                cachedTokens, reasoningTokens, latencyMillis, firstEventMillis, upstreamRequestId, replica, null);
    }
}
