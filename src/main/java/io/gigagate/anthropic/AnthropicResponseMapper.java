package io.gigagate.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.wire.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The internal chat completion (GigaChat's answer read back) as Anthropic's {@code message}. Pure.
 *
 * <ul>
 *   <li>{@code id}: {@code msg_} and GigaChat's request id; {@code model}: as the client asked.</li>
 *   <li>content: a {@code thinking} block with GigaChat's reasoning when the request enabled thinking, for
 *       GigaChat's web search a {@code server_tool_use} ({@code web_search}) and its
 *       {@code web_search_tool_result}, for its code interpreter {@code code_execution} and its
 *       {@code code_execution_tool_result}, for its URL content extraction {@code web_fetch} and its
 *       {@code web_fetch_tool_result} ({@link #builtInBlocks}), a {@code text} block when there is text (its
 *       links to cited pages as {@code web_search_result_location} citations), a {@code tool_use} block per call ({@code toolu_} ids that
 *       carry GigaChat's {@code functions_state_id}; the arguments as the {@code input} object).</li>
 *   <li>{@code stop_reason}: {@code end_turn}, {@code max_tokens}, {@code tool_use}, {@code refusal}
 *       (GigaChat's blacklist), {@code stop_sequence} with {@code stop_sequence} set to the one that
 *       matched.</li>
 *   <li>usage: see {@link AnthropicMessage.Usage}; {@code server_tool_use.web_search_requests} counts the
 *       searches.</li>
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
        int searches = 0;
        int fetches = 0;
        if (message != null) {
            for (ChatCompletion.BuiltInCall call : message.builtInCalls()) {
                List<AnthropicMessage.Block> blocks = builtInBlocks(call,
                        serverToolUseId(completion.id(), content.size()));
                content.addAll(blocks);
                searches += !blocks.isEmpty() && call instanceof ChatCompletion.WebSearchCall ? 1 : 0;
                fetches += !blocks.isEmpty() && call instanceof ChatCompletion.UrlFetchCall ? 1 : 0;
            }
        }
        StopSequenceCutter stops = new StopSequenceCutter(request.stopSequences());
        String text = message == null || message.content() == null ? "" : stops.cut(message.content());
        if (message != null) { // the images GigaChat drew, as Markdown links after the text
            text = ChatCompletion.withImageLinks(text, message.builtInCalls());
        }
        if (!text.isEmpty()) {
            content.add(new AnthropicMessage.Text("text", text, citations(message.annotations(), text)));
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
                (usage == null ? AnthropicMessage.Usage.of(0, 0, 0)
                        : AnthropicMessage.Usage.of(usage.promptTokens(), usage.completionTokens(),
                                usage.promptTokensDetails() == null ? 0 : usage.promptTokensDetails().cachedTokens()))
                        .withServerTools(searches, fetches));
    }

    /** {@code srvtoolu_<id>_<n>}: a server tool use's id, from the completion id and the block's place. */
    public static String serverToolUseId(String completionId, int n) {
        return "srvtoolu_" + messageId(completionId).substring(4) + "_" + n;
    }

    /**
     * The blocks for what one of GigaChat's own tools did: a web search is a {@code server_tool_use} named
     * {@code web_search} (input: the query) and its {@code web_search_tool_result} with the pages found.
     * Empty for a call Anthropic has no blocks for.
     */
    public static List<AnthropicMessage.Block> builtInBlocks(ChatCompletion.BuiltInCall call, String id) {
        if (call instanceof ChatCompletion.WebSearchCall search) {
            ObjectNode input = WireJson.mapper().createObjectNode().put("query",
                    search.query() == null ? "" : search.query());
            List<AnthropicMessage.WebSearchResult> results = new ArrayList<>();
            search.pages().forEach(page -> results.add(new AnthropicMessage.WebSearchResult(page.url(), page.title())));
            return List.of(new AnthropicMessage.ServerToolUse(id, "web_search", input),
                    new AnthropicMessage.ServerToolResult("web_search_tool_result", id, results));
        }
        if (call instanceof ChatCompletion.CodeCall code && code.code() != null) { // blocks only for known code
            ObjectNode input = WireJson.mapper().createObjectNode().put("code", code.code() == null ? "" : code.code());
            ObjectNode result = WireJson.mapper().createObjectNode().put("type", "code_execution_result")
                    .put("stdout", code.output() == null ? "" : code.output()).put("stderr", "").put("return_code", 0);
            result.putArray("content");
            return List.of(new AnthropicMessage.ServerToolUse(id, "code_execution", input),
                    new AnthropicMessage.ServerToolResult("code_execution_tool_result", id, result));
        }
        if (call instanceof ChatCompletion.UrlFetchCall fetch && fetch.url() != null) {
            ObjectNode input = WireJson.mapper().createObjectNode().put("url", fetch.url());
            ObjectNode result = WireJson.mapper().createObjectNode().put("type", "web_fetch_result")
                    .put("url", fetch.url());
            ObjectNode document = result.putObject("content").put("type", "document");
            document.putObject("source").put("type", "text").put("media_type", "text/plain").put("data", "");
            if (fetch.title() != null) {
                document.put("title", fetch.title());
            }
            result.putNull("retrieved_at");
            return List.of(new AnthropicMessage.ServerToolUse(id, "web_fetch", input),
                    new AnthropicMessage.ServerToolResult("web_fetch_tool_result", id, result));
        }
        return List.of();
    }

    /**
     * The text's {@code web_search_result_location} citations (the completion's url citations whose link a
     * stop sequence did not cut away), or null for none.
     */
    static List<AnthropicMessage.Citation> citations(List<ChatCompletion.Annotation> annotations, String text) {
        if (annotations == null || annotations.isEmpty()) {
            return null;
        }
        List<AnthropicMessage.Citation> out = new ArrayList<>();
        for (ChatCompletion.Annotation annotation : annotations) {
            ChatCompletion.UrlCitation cited = annotation.urlCitation();
            if (cited != null && cited.url() != null && cited.endIndex() <= text.length()
                    && cited.startIndex() <= cited.endIndex()) {
                out.add(citation(cited.url(), cited.title(), text.substring(cited.startIndex(), cited.endIndex())));
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** One cited page; its cited text is the answer's span that links it. */
    public static AnthropicMessage.Citation citation(String url, String title, String citedText) {
        return new AnthropicMessage.Citation(url, title, citedText);
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
