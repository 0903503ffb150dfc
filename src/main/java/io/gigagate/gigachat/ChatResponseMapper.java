package io.gigagate.gigachat;

import io.gigagate.openai.ChatCompletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GigaChat chat response to OpenAI's {@code chat.completion}. Pure: ids and time come in the
 * {@link ChatResponseContext}.
 *
 * <p>finish_reason: {@code stop}→stop, {@code length}→length, {@code function_call}→tool_calls
 * (function_call for legacy {@code functions} clients), {@code blacklist}→content_filter,
 * {@code error} (GigaChat produced invalid function arguments)→stop, absent or unknown→stop.
 * A hit stop sequence also gives stop.
 */
public final class ChatResponseMapper {

    public ChatCompletion toOpenAi(GigaChatChatResponse response, ChatResponseContext ctx) {
        List<GigaChatChatResponse.Choice> upstream = response.choices() == null ? List.of() : response.choices();
        List<ChatCompletion.Choice> choices = new ArrayList<>();
        for (int i = 0; i < upstream.size(); i++) {
            choices.add(choice(upstream.get(i), i, ctx));
        }
        return new ChatCompletion(ctx.completionId(), ChatCompletion.OBJECT,
                response.created() != null ? response.created() : ctx.nowEpochSeconds(),
                echoRequestedModel(ctx.requestedModel(), response.model()),
                choices, usage(response.usage()), null);
    }

    private ChatCompletion.Choice choice(GigaChatChatResponse.Choice c, int position, ChatResponseContext ctx) {
        GigaChatChatResponse.Message m = c.message();
        GigaChatMessage.FunctionCall call = m == null ? null : m.functionCall();
        ThinkTags.Split think = ThinkTags.split(m == null ? null : m.content());
        String text = think.text();
        String reasoning = joinReasoning(m == null ? null : m.reasoningContent(), think.reasoning());
        if (FunctionReplyMapper.isStructuredOutput(call, ctx.functions())) {
            return structuredOutputBecomesContent(c, position, call, ctx);
        }
        if (call == null && ctx.functions().jsonContent()) {
            text = FunctionReplyMapper.jsonContentIsExtracted(text);
        }
        List<String> images = GigaChatFileIds.fromImageTags(text);
        if (!images.isEmpty()) {
            text = GigaChatFileIds.withoutImageTags(text);
        }
        SourceMarkers.Rendered cited = SourceMarkers.render(text, sources(m));
        text = cited.text();
        StopSequences.Cut cut = StopSequences.cut(text, ctx.stop());
        String content = call != null && cut.text().isEmpty() ? null : cut.text();
        String finishReason = cut.stopped() ? "stop" : finishReason(c.finishReason(), call != null, ctx.legacyFunctions());
        ChatCompletion.FunctionCall openAiCall = call == null ? null : FunctionReplyMapper.toOpenAi(call, ctx.functions());
        List<ChatCompletion.ToolCall> toolCalls = call == null || ctx.legacyFunctions() ? null
                : List.of(new ChatCompletion.ToolCall(toolCallId(m.functionsStateId(), ctx.completionId()), "function",
                        openAiCall));
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", content, null, toolCalls,
                ctx.legacyFunctions() ? openAiCall : null, reasoning, annotations(cited.citations(), content),
                builtInCalls(m, images, ctx));
        return new ChatCompletion.Choice(c.index() != null ? c.index() : position, message, null, finishReason);
    }

    /**
     * What GigaChat's own tools did for this message: its web search with the pages it found, then the images
     * it drew (their {@code <img>} tags' file ids, not fetched yet).
     */
    static List<ChatCompletion.BuiltInCall> builtInCalls(GigaChatChatResponse.Message m, List<String> images,
                                                         ChatResponseContext ctx) {
        List<ChatCompletion.BuiltInCall> calls = new ArrayList<>();
        if (m != null && m.sources() != null && !m.sources().isEmpty()) {
            calls.add(webSearch(ctx.question(), m.sources()));
        }
        if (m != null) {
            calls.addAll(toolRuns(m));
        }
        images.forEach(id -> calls.add(new ChatCompletion.ImageCall(id, ctx.question(), null, null)));
        return calls;
    }

    /** The pages GigaChat's URL content extraction read and the code its interpreter ran, in that order. */
    public static List<ChatCompletion.BuiltInCall> toolRuns(GigaChatChatResponse.Message m) {
        List<ChatCompletion.BuiltInCall> calls = new ArrayList<>();
        if (m.fetchedUrls() != null) {
            m.fetchedUrls().forEach(page -> calls.add(new ChatCompletion.UrlFetchCall(page.url(), page.title())));
        }
        if (m.codeRuns() != null) {
            m.codeRuns().forEach(run -> calls.add(new ChatCompletion.CodeCall(run.code(), run.output())));
        }
        return calls;
    }

    /** A web search call with the pages GigaChat listed, in its order. */
    public static ChatCompletion.WebSearchCall webSearch(String question, java.util.Collection<WebSource> sources) {
        List<ChatCompletion.WebPage> pages = new ArrayList<>();
        for (WebSource source : sources) {
            if (source != null && source.url() != null) {
                pages.add(new ChatCompletion.WebPage(source.url(), source.title()));
            }
        }
        return new ChatCompletion.WebSearchCall(question, pages);
    }

    /** The web search sources of a message, by the id its markers use. */
    static Map<String, WebSource> sources(GigaChatChatResponse.Message m) {
        if (m == null || m.sources() == null) {
            return Map.of();
        }
        Map<String, WebSource> byId = new LinkedHashMap<>();
        m.sources().forEach(source -> byId.put(source.id(), source));
        return byId;
    }

    /** The citations as OpenAI's annotations, those that a stop sequence did not cut away. */
    private static List<ChatCompletion.Annotation> annotations(List<SourceMarkers.Citation> citations, String content) {
        if (citations.isEmpty() || content == null) {
            return null;
        }
        List<ChatCompletion.Annotation> out = new ArrayList<>();
        for (SourceMarkers.Citation c : citations) {
            if (c.end() <= content.length()) {
                out.add(ChatCompletion.Annotation.urlCitation(c.start(), c.end(), c.url(), c.title()));
            }
        }
        return out;
    }

    /** GigaChat's own reasoning text and a think block of its content, in that order; null when neither. */
    private static String joinReasoning(String native_, String fromContent) {
        if (fromContent == null || fromContent.isEmpty()) {
            return native_;
        }
        return native_ == null || native_.isEmpty() ? fromContent : native_ + "\n" + fromContent;
    }

    /**
     * json_schema emulated by a forced function: GigaChat "calls" it, the client asked for content,
     * so the arguments are the message content and the turn simply stopped.
     */
    private static ChatCompletion.Choice structuredOutputBecomesContent(GigaChatChatResponse.Choice c, int position,
                                                                       GigaChatMessage.FunctionCall call,
                                                                       ChatResponseContext ctx) {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant",
                FunctionReplyMapper.structuredOutputContent(call, ctx.functions()), null, null, null,
                c.message().reasoningContent());
        return new ChatCompletion.Choice(c.index() != null ? c.index() : position, message, null, "stop");
    }

    /** OpenAI clients expect the model they asked for; GigaChat answers with {@code name:version}. */
    static String echoRequestedModel(String requested, String upstream) {
        if (requested != null && !requested.isBlank()) {
            return requested;
        }
        if (upstream == null) {
            return null;
        }
        return withoutVersion(upstream);
    }

    /** GigaChat answers with a versioned model ({@code GigaChat:2.0.28.2}); clients know it by its name. */
    public static String withoutVersion(String upstream) {
        int colon = upstream.indexOf(':');
        return colon < 0 ? upstream : upstream.substring(0, colon);
    }

    public static String finishReason(String gigaChat, boolean functionCalled, boolean legacyFunctions) {
        if (functionCalled || "function_call".equals(gigaChat)) {
            return legacyFunctions ? "function_call" : "tool_calls";
        }
        if (gigaChat == null) {
            return "stop";
        }
        return switch (gigaChat) {
            case "length" -> "length";
            case "blacklist" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * The tool call id carries GigaChat's functions_state_id ({@code call_<id>}) so the next request
     * can hand it back without server state. Without one, the id is derived from the completion id
     * (unique per completion, GigaChat makes one call per turn) in a form that is not a state id.
     */
    public static String toolCallId(String functionsStateId, String completionId) {
        if (functionsStateId != null && !functionsStateId.isBlank()) {
            return "call_" + functionsStateId;
        }
        String suffix = completionId.startsWith("chatcmpl-") ? completionId.substring(9) : completionId;
        return "call_" + suffix.replace("-", "") + "_0";
    }

    /** OpenAI SDKs expect integer usage; GigaChat may omit fields. Cached tokens are GigaChat's precached ones. */
    public static ChatCompletion.Usage usage(GigaChatChatResponse.Usage u) {
        if (u == null) {
            return new ChatCompletion.Usage(0, 0, 0, new ChatCompletion.PromptTokensDetails(0),
                    new ChatCompletion.CompletionTokensDetails(0));
        }
        int prompt = orZero(u.promptTokens());
        int completion = orZero(u.completionTokens());
        int total = u.totalTokens() != null ? u.totalTokens() : prompt + completion;
        return new ChatCompletion.Usage(prompt, completion, total,
                new ChatCompletion.PromptTokensDetails(orZero(u.precachedPromptTokens())),
                new ChatCompletion.CompletionTokensDetails(0));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
