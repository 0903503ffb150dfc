package io.gigagate.camel;

import io.gigagate.anthropic.AnthropicRequestParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The Anthropic front's first step ({@code POST /v1/messages} and its count_tokens): the request's bytes
 * become the internal chat request on the body ({@link AnthropicRequestParser}), what the answer needs is
 * kept as {@link ExchangeKeys#FRONT_REQUEST}; Anthropic's server tools that GigaChat has too go to the chat
 * step as {@link ExchangeKeys#BUILT_IN_TOOLS}, the others to the {@link BuiltInToolPolicy} (a WARN line and
 * the {@value BuiltInToolPolicy#HEADER} header, or a 400 when strict). Claude Code's {@code x-claude-code-session-id} becomes GigaChat's {@code X-Session-ID} (its prompt
 * cache) when the client sent none.
 */
public final class AnthropicRequestProcessor implements Processor {

    private final boolean counting;
    private final BuiltInToolPolicy tools;

    /** @param counting the count_tokens endpoint ({@code max_tokens} not required, no stream) */
    public AnthropicRequestProcessor(boolean counting, BuiltInToolPolicy tools) {
        this.counting = counting;
        this.tools = tools;
    }

    /** Claude Code's session header: one id per conversation. */
    static final String CLAUDE_CODE_SESSION = "x-claude-code-session-id";

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        sessionOfClaudeCode(exchange, message);
        AnthropicRequestParser.Parsed parsed = AnthropicRequestParser.parse(message.getBody(byte[].class), counting);
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, parsed.front());
        tools.apply(exchange, parsed.front().ignoredTools(), "GigaChat has no such tool");
        if (!parsed.front().builtInTools().isEmpty()) {
            // web search, web fetch, code execution: GigaChat's own, served (or left out) by the chat step
            exchange.setProperty(ExchangeKeys.BUILT_IN_TOOLS, parsed.front().builtInTools());
        }
        message.setBody(parsed.chat());
    }

    /** GigaChat caches a conversation's prompt by X-Session-ID; Claude Code names its conversation in its own header. */
    private static void sessionOfClaudeCode(Exchange exchange, Message message) {
        String session = message.getHeader(CLAUDE_CODE_SESSION, String.class);
        @SuppressWarnings("unchecked")
        Map<String, String> forwarded = exchange.getProperty(ExchangeKeys.FORWARDED_HEADERS, Map.class);
        if (session == null || session.isBlank() || session.length() > 256 || forwarded == null
                || forwarded.containsKey("X-Session-ID") || !session.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            return; // the same rules as ForwardedHeaders': short printable ASCII only
        }
        Map<String, String> withSession = new LinkedHashMap<>(forwarded);
        withSession.put("X-Session-ID", session);
        exchange.setProperty(ExchangeKeys.FORWARDED_HEADERS, withSession);
    }
}
