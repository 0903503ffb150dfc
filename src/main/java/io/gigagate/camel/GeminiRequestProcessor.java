package io.gigagate.camel;

import io.gigagate.error.GatewayException;
import io.gigagate.gemini.CountTokensRequest;
import io.gigagate.gemini.GeminiRequestMapper;
import io.gigagate.gemini.GeminiWire;
import io.gigagate.gemini.GenerateContentRequest;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The Gemini front's first steps: {@link #target} splits the {@code {model}:{method}} path segment (one
 * path variable, since platform-http's Vert.x engine cannot match {@code :verb} in a template);
 * {@link #generate} and {@link #countTokens} parse the body (pure: {@link GeminiWire},
 * {@link GeminiRequestMapper}), keep the Gemini request as {@link ExchangeKeys#FRONT_REQUEST} and put the
 * internal chat request on the body for the shared chat steps. Gemini's built-in tools with a GigaChat
 * counterpart go to the chat step ({@link ExchangeKeys#BUILT_IN_TOOLS}: served on GigaChat's v2 contract, else
 * left out); those without one go to {@link BuiltInToolPolicy}.
 */
public final class GeminiRequestProcessor {

    /** The method of the path ({@code generateContent}, ..., or {@code get} for GET of a model). */
    public static final String METHOD = "gigagate.gemini.method";
    /** Whether a stream was asked for as server-sent events ({@code ?alt=sse}), {@code Boolean}. */
    public static final String SSE = "gigagate.gemini.sse";
    /** Whether the method is {@code generateContent} or {@code streamGenerateContent}, {@code Boolean}. */
    public static final String GENERATE = "gigagate.gemini.generate";
    /** The model of the path, without {@code models/}. */
    public static final String MODEL = "gigagate.gemini.model";

    private final BuiltInToolPolicy builtInTools;

    public GeminiRequestProcessor(BuiltInToolPolicy builtInTools) {
        this.builtInTools = builtInTools;
    }

    /**
     * {@code <model>:<method>} for POST, {@code <model>} for GET → {@link #MODEL}, {@link #METHOD} and
     * {@link #GENERATE}.
     */
    public void target(Exchange exchange) {
        Message message = exchange.getMessage();
        String target = message.getHeader("target", String.class);
        if (target == null || target.isBlank()) {
            throw GatewayException.notFound("Not found: no model in the path.", "not_found", null);
        }
        String method = message.getHeader(Exchange.HTTP_METHOD, "POST", String.class).toUpperCase(Locale.ROOT);
        int colon = target.lastIndexOf(':');
        exchange.setProperty(SSE, "sse".equalsIgnoreCase(message.getHeader("alt", String.class)));
        if (method.equals("GET")) {
            if (colon >= 0) {
                throw GeminiWire.unknownMethod(target);
            }
            exchange.setProperty(MODEL, GeminiRequestMapper.modelName(target));
            exchange.setProperty(METHOD, "get");
            return;
        }
        if (colon <= 0) {
            throw GeminiWire.unknownMethod(target);
        }
        String verb = target.substring(colon + 1);
        switch (verb) {
            case "generateContent", "streamGenerateContent", "countTokens", "embedContent", "batchEmbedContents" -> {
                exchange.setProperty(MODEL, GeminiRequestMapper.modelName(target.substring(0, colon)));
                exchange.setProperty(METHOD, verb);
                exchange.setProperty(GENERATE, verb.equals("generateContent") || verb.equals("streamGenerateContent"));
            }
            default -> throw GeminiWire.unknownMethod(target);
        }
    }

    /** {@code :generateContent} / {@code :streamGenerateContent}: the chat request on the body. */
    public void generate(Exchange exchange) {
        Message message = exchange.getMessage();
        boolean stream = "streamGenerateContent".equals(exchange.getProperty(METHOD, String.class));
        GenerateContentRequest request = GeminiWire.generateContent(message.getBody(byte[].class));
        GeminiRequestMapper.GeminiChat chat = GeminiRequestMapper.toChat(request,
                exchange.getProperty(MODEL, String.class), stream);
        builtInTools.apply(exchange, chat.ignoredTools()); // GigaChat has nothing for these
        if (!chat.builtInTools().isEmpty()) {
            exchange.setProperty(ExchangeKeys.BUILT_IN_TOOLS, chat.builtInTools()); // the chat step serves or names them
        }
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, chat);
        message.setBody(chat.chat());
    }

    /**
     * {@code :countTokens}: the chat request whose input is counted (the contents, or the whole
     * {@code generateContentRequest} with its system instruction and tools), without media parts (GigaChat's
     * counter counts text). Built-in tools are left out silently: nothing is generated, so nothing is refused.
     */
    public void countTokens(Exchange exchange) {
        Message message = exchange.getMessage();
        CountTokensRequest request = GeminiWire.countTokens(message.getBody(byte[].class));
        GenerateContentRequest generate = request.asGenerateContent();
        String model = generate.model() != null ? generate.model() : exchange.getProperty(MODEL, String.class);
        GeminiRequestMapper.GeminiChat chat = GeminiRequestMapper.forCounting(generate, model);
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, chat);
        message.setBody(chat.chat());
    }
}
