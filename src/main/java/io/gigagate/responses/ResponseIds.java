package io.gigagate.responses;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids in OpenAI's shapes: {@code resp_…} for responses, {@code msg_…}, {@code fc_…}, {@code rs_…} for
 * items. Random, not secret: a stored response is found only under its owner's identity, so guessing an id
 * gains nothing.
 */
public final class ResponseIds {

    private ResponseIds() {
    }

    public static String response() {
        return make("resp_");
    }

    public static String message() {
        return make("msg_");
    }

    public static String functionCall() {
        return make("fc_");
    }

    public static String customToolCall() {
        return make("ctc_");
    }

    public static String reasoning() {
        return make("rs_");
    }

    public static String imageGenerationCall() {
        return make("ig_");
    }

    public static String codeInterpreterCall() {
        return make("ci_");
    }

    public static String webSearchCall() {
        return make("ws_");
    }

    /** An id for an input item of the given type that came without one. */
    public static String item(String type) {
        return switch (type) {
            case "message" -> message();
            case "function_call" -> functionCall();
            case "custom_tool_call" -> customToolCall();
            case "reasoning" -> reasoning();
            case "function_call_output", "custom_tool_call_output" -> make("fco_");
            default -> make("item_");
        };
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The prefix and 48 random lowercase hex digits (three longs, each as 16 digits), in one array. */
    private static String make(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int at = prefix.length();
        char[] id = new char[at + 48];
        prefix.getChars(0, at, id, 0);
        for (int i = 0; i < 3; i++) {
            long bits = random.nextLong();
            for (int shift = 60; shift >= 0; shift -= 4) {
                id[at++] = HEX[(int) (bits >>> shift) & 0xf];
            }
        }
        return new String(id);
    }
}
