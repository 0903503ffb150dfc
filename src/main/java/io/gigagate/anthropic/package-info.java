/**
 * Anthropic's Messages API front, pure: its request read into the internal chat request
 * ({@link io.gigagate.anthropic.AnthropicRequestParser}), the chat completion written back as an Anthropic
 * message ({@link io.gigagate.anthropic.AnthropicResponseMapper}), its error shape
 * ({@link io.gigagate.anthropic.AnthropicErrors}) and its model list
 * ({@link io.gigagate.anthropic.AnthropicModels}). No Camel, no Spring: the thin steps that use these are
 * {@code io.gigagate.camel.Anthropic*}, and the stream format is {@code io.gigagate.stream.AnthropicStreamEncoder}.
 */
package io.gigagate.anthropic;
