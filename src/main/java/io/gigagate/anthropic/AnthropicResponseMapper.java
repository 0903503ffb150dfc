package io.gigagate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.openai.ChatCompletion;
import java.util.ArrayList;
import java.util.List;

/**
 * The internal chat completion (GigaChat's answer read back) as Anthropic's {@code message}. Pure.
 *
 * <ul>
 *   <li>{@code id}: {@code msg_} and GigaChat's request id; {@code model}: as the client asked.</li>
 *   <li>content: a {@code thinking} block with GigaChat's reasoning when the request enabled thinking, a
 *       {@code text} block when there is text, a {@code tool_use} block per call ({@code toolu_} ids that
 *       carry GigaChat's {@code functions_state_id}; the arguments as the {@code input} object).</li>
 *   <li>{@code stop_reason}: {@code end_turn}, {@code max_tokens}, {@code tool_use}, {@code refusal}
 *       (GigaChat's blacklist), {@code stop_sequence} with {@code stop_sequence} set to the one that
 *       matched.</li>
 *   <li>usage: see {@link AnthropicMessage.Usage}.</li>
 * </ul>
 */
public final class AnthropicResponseMapper {

    private AnthropicResponseMapper() {
    }

    /** {@code msg_<id>} from the chat completion id ({@code chatcmpl-<GigaChat's request id>}). */
    public static String messageId(String completionId) {
        String id = completionId == null ? "" : completionId.startsWith("chatcmpl-") ? completionId.substring(9)
                : completionId;
        return "msg_" + id.replace("-", "");
    }

    public static AnthropicMessage toMessage(ChatCompletion completion, AnthropicRequest request) {
        ChatCompletion.Choice choice = completion.choices() == null || completion.choices().isEmpty() ? null
                : completion.choices().get(0);
        ChatCompletion.Message message = choice == null ? null : choice.message();
        List<AnthropicMessage.Block> content = new ArrayList<>();
        if (request.thinking() && message != null && message.reasoningContent() != null
                && !message.reasoningContent().isEmpty()) {
            content.add(new AnthropicMessage.Thinking(message.reasoningContent()));
        }
        StopSequenceCutter stops = new StopSequenceCutter(request.stopSequences());
        String text = message == null || message.content() == null ? "" : stops.cut(message.content());
        if (!text.isEmpty()) {
            content.add(new AnthropicMessage.Text(text));
        }
        boolean called = false;
        if (message != null && message.toolCalls() != null && stops.matched() == null) {
            for (ChatCompletion.ToolCall call : message.toolCalls()) {
                content.add(new AnthropicMessage.ToolUse(ToolUseIds.toAnthropic(call.id()), call.function().name(),
                        input(call.function().arguments())));
                called = true;
            }
        }
        String stopReason = stops.matched() != null ? "stop_sequence"
                : stopReason(choice == null ? null : choice.finishReason(), called);
        ChatCompletion.Usage usage = completion.usage();
        return new AnthropicMessage(messageId(completion.id()), AnthropicMessage.TYPE, "assistant", request.model(),
                content, stopReason, stops.matched(),
                usage == null ? AnthropicMessage.Usage.of(0, 0, 0)
                        : AnthropicMessage.Usage.of(usage.promptTokens(), usage.completionTokens(),
                                usage.promptTokensDetails() == null ? 0 : usage.promptTokensDetails().cachedTokens()));
    }

    /** The chat's finish reason in Anthropic's words. */
    public static String stopReason(String finishReason, boolean toolCalled) {
        if (toolCalled) {
            return "tool_use";
        }
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "content_filter" -> "refusal";
            case "tool_calls", "function_call" -> "tool_use";
            default -> "end_turn";
        };
    }

    /** The call's arguments (JSON text) as the {@code input} object; anything that is not an object is wrapped. */
    public static JsonNode input(String arguments) {
        return ChatCompletion.FunctionCall.argumentsObject(arguments);
    }
}
