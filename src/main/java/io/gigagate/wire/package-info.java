/**
 * Front-neutral handling of what arrives on the wire, shared by every front (OpenAI today; Responses,
 * Anthropic Messages and Gemini next) and by GigaChat's side: {@link io.gigagate.wire.WireJson} is the one
 * JSON configuration, {@link io.gigagate.wire.JsonRequestReader} reads a request body into a front's
 * record and holds the checks request parsers share. Nothing here names a front or
 * imports Spring or Camel; a front passes in its own words and JSON configuration. Failures are
 * {@link io.gigagate.error.GatewayException}s, which each front renders in its own shape.
 */
package io.gigagate.wire;
