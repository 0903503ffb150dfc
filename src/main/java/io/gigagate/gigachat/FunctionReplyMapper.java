package io.gigagate.gigachat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.wire.WireJson;

/**
 * GigaChat's function calls and JSON answers back to what the OpenAI client asked for, shared by
 * {@link ChatResponseMapper} and the stream decoder (io.gigagate.stream.GigaChatStreamDecoder). Pure.
 */
public final class FunctionReplyMapper {

    private FunctionReplyMapper() {
    }

    /** A call of the function that emulates {@code response_format: json_schema}: it is the answer, not a tool call. */
    public static boolean isStructuredOutput(GigaChatMessage.FunctionCall call, FunctionsContext f) {
        return call != null && call.name() != null && call.name().equals(f.structuredOutputFunction());
    }

    /** The emulated structured output as message content: the call's arguments, a JSON string. */
    public static String structuredOutputContent(GigaChatMessage.FunctionCall call, FunctionsContext f) {
        return argumentsAsString(call, f);
    }

    /**
     * A GigaChat call as OpenAI's: the client's function name (renamed ones mapped back) and the
     * arguments as a JSON string (GigaChat sends an object).
     */
    public static ChatCompletion.FunctionCall toOpenAi(GigaChatMessage.FunctionCall call, FunctionsContext f) {
        String name = f.clientNames().getOrDefault(call.name(), call.name());
        return new ChatCompletion.FunctionCall(name, argumentsAsString(call, f));
    }

    /** GigaChat sends arguments as a JSON object; a wrapped non-object root is unwrapped from {@code value}. */
    static String argumentsAsString(GigaChatMessage.FunctionCall call, FunctionsContext f) {
        JsonNode args = call.arguments();
        if (args != null && args.isObject() && f.wrappedRoots().contains(call.name())
                && args.has(FunctionSchemas.WRAPPED_ROOT)) {
            args = args.get(FunctionSchemas.WRAPPED_ROOT);
        }
        return args == null || args.isNull() ? "{}" : args.isTextual() ? args.asText() : args.toString();
    }

    /**
     * GigaChat has no JSON mode, so a JSON answer may come inside a Markdown fence or with a
     * sentence around it: the first JSON object or array in the text is returned as written. Text
     * holding none is returned unchanged (the client's parser then reports it).
     */
    public static String jsonContentIsExtracted(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = withoutFence(text.strip());
        if (isJson(trimmed)) {
            return trimmed;
        }
        for (char open : new char[] {'{', '['}) {
            int from = trimmed.indexOf(open);
            int to = trimmed.lastIndexOf(open == '{' ? '}' : ']');
            if (from >= 0 && to > from && isJson(trimmed.substring(from, to + 1))) {
                return trimmed.substring(from, to + 1);
            }
        }
        return text;
    }

    private static String withoutFence(String text) {
        if (!text.startsWith("```")) {
            return text;
        }
        int firstLineEnd = text.indexOf('\n');
        int close = text.lastIndexOf("```");
        return firstLineEnd < 0 || close <= firstLineEnd ? text : text.substring(firstLineEnd + 1, close).strip();
    }

    private static boolean isJson(String text) {
        if (!(text.startsWith("{") || text.startsWith("["))) {
            return false;
        }
        try {
            WireJson.mapper().readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
