package io.gigagate.anthropic;

/**
 * Anthropic's {@code toolu_...} ids and the chat's {@code call_...} ids, which carry GigaChat's
 * {@code functions_state_id}: the same suffix, so an id handed back in the next turn finds its state id
 * without server state. Ids the gateway did not issue pass unchanged.
 */
public final class ToolUseIds {

    private static final String TOOLU = "toolu_";
    private static final String CALL = "call_";

    private ToolUseIds() {
    }

    /** The chat's id for an Anthropic one: {@code toolu_X} → {@code call_X}. */
    public static String toChat(String toolUseId) {
        return toolUseId.startsWith(TOOLU) ? CALL + toolUseId.substring(TOOLU.length()) : toolUseId;
    }

    /** Anthropic's id for a chat one: {@code call_X} → {@code toolu_X}. */
    public static String toAnthropic(String toolCallId) {
        if (toolCallId == null) {
            return null;
        }
        return toolCallId.startsWith(CALL) ? TOOLU + toolCallId.substring(CALL.length()) : TOOLU + toolCallId;
    }
}
