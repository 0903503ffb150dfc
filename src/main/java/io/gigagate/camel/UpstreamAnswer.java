package io.gigagate.camel;

/** What one {@link UpstreamCall} brought back: GigaChat's body and its {@code X-Request-Id}, if any. */
public record UpstreamAnswer(byte[] body, String requestId) {
}
