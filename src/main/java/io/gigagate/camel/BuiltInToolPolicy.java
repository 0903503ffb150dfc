package io.gigagate.camel;

import io.gigagate.error.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a front does with the vendor's built-in (server-side) tools that GigaChat cannot serve, such as
 * Anthropic's {@code web_search}, Gemini's {@code googleSearch} or the Responses API's
 * {@code file_search}: the front leaves them out of the chat request and names them here. By default the
 * request goes on without them, one WARN line names them, and every answer (JSON or stream) carries
 * {@value #HEADER}; with {@code gigagate.strict-tools=true} the request is refused with a 400 naming them.
 */
public final class BuiltInToolPolicy {

    /** The response header that names the tools left out, comma-separated. */
    public static final String HEADER = "x-gigagate-ignored-tools";

    private static final Logger LOG = LoggerFactory.getLogger(BuiltInToolPolicy.class);

    private final boolean strict;

    public BuiltInToolPolicy(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /**
     * Applies the policy to the tools a front left out of this exchange's request.
     *
     * @throws GatewayException 400 {@code unsupported_tool} naming them, when strict
     */
    public void apply(Exchange exchange, List<String> ignoredToolNames) {
        apply(exchange, ignoredToolNames, null);
    }

    /**
     * The same, saying why these tools cannot be served here ({@code why}, e.g. that GigaChat serves built-in
     * tools on its v2 contract only); null when GigaChat has no such tool at all.
     */
    public void apply(Exchange exchange, List<String> ignoredToolNames, String why) {
        if (ignoredToolNames == null || ignoredToolNames.isEmpty()) {
            return;
        }
        String names = String.join(", ", ignoredToolNames);
        String reason = why == null ? "" : ": " + why;
        if (strict) {
            throw GatewayException.invalidRequest((ignoredToolNames.size() == 1 ? "Tool " + names + " is a built-in tool"
                    : "Tools " + names + " are built-in tools") + " that GigaChat cannot serve here" + reason
                    + " (GIGAGATE_STRICT_TOOLS=true refuses them; with false they are left out and named in the "
                    + HEADER + " header).", "tools", "unsupported_tool");
        }
        LOG.warn("Built-in tools GigaChat cannot serve were left out of the request{}: {}", reason, names);
        @SuppressWarnings("unchecked")
        Map<String, String> policy = exchange.getProperty(ExchangeKeys.RESPONSE_HEADERS, Map.class);
        Map<String, String> headers = policy == null ? new LinkedHashMap<>() : new LinkedHashMap<>(policy);
        headers.merge(HEADER, names, (before, added) -> before + ", " + added); // a front's step, then the chat step
        exchange.setProperty(ExchangeKeys.RESPONSE_HEADERS, headers);
    }
}
