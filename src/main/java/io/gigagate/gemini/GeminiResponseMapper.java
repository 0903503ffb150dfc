package io.gigagate.gemini;

import io.gigagate.gemini.GenerateContentRequest.Content;
import io.gigagate.gemini.GenerateContentRequest.FunctionCall;
import io.gigagate.gemini.GenerateContentRequest.Part;
import io.gigagate.gemini.GenerateContentResponse.Candidate;
import io.gigagate.gemini.GenerateContentResponse.UsageMetadata;
import io.gigagate.openai.ChatCompletion;
import java.util.ArrayList;
import java.util.List;

/**
 * The internal chat completion (GigaChat's answer, read back by the shared chat steps) as Gemini's
 * {@code GenerateContentResponse}. Pure.
 *
 * <ul>
 *   <li>Each choice is a candidate with role {@code model}: reasoning text first as a {@code thought: true}
 *       part when the request asked for thoughts ({@code includeThoughts}), then the text, then one
 *       {@code functionCall} part per call ({@code args} as an object, {@code id} the call id that maps back
 *       to GigaChat's {@code functions_state_id} next turn).</li>
 *   <li>finishReason ({@link #finishReason}): stop and function calls → {@code STOP}, length →
 *       {@code MAX_TOKENS}, GigaChat's blacklist (content_filter) → {@code SAFETY}.</li>
 *   <li>usageMetadata: prompt, candidates (completion minus reasoning), total; cached prompt tokens as
 *       {@code cachedContentTokenCount}, reasoning tokens as {@code thoughtsTokenCount}, each only when
 *       there are some.</li>
 *   <li>GigaChat's web search: {@code groundingMetadata} ({@link #grounding}); its code interpreter:
 *       {@code executableCode} and {@code codeExecutionResult} parts before the text; its URL content
 *       extraction: {@code urlContextMetadata}; images it drew: Markdown links after the text.</li>
 *   <li>{@code modelVersion}: the model the client asked for; {@code responseId}: the completion id.</li>
 * </ul>
 */
public final class GeminiResponseMapper {

    private GeminiResponseMapper() {
    }

    /** One answer (its choices are the candidates). */
    public static GenerateContentResponse toGemini(ChatCompletion completion, boolean includeThoughts) {
        return toGemini(List.of(completion), includeThoughts);
    }

    /**
     * Several answers of one request (candidateCount &gt; 1: one GigaChat call per candidate), joined:
     * candidates indexed in order, usage summed (the prompt counted once per call, as GigaChat billed it).
     */
    public static GenerateContentResponse toGemini(List<ChatCompletion> completions, boolean includeThoughts) {
        List<Candidate> candidates = new ArrayList<>();
        int prompt = 0;
        int completion = 0;
        int total = 0;
        int cached = 0;
        int reasoning = 0;
        boolean usage = false;
        for (ChatCompletion c : completions) {
            for (ChatCompletion.Choice choice : c.choices() == null ? List.<ChatCompletion.Choice>of() : c.choices()) {
                candidates.add(new Candidate(content(choice.message(), includeThoughts),
                        finishReason(choice.finishReason()), candidates.size(), grounding(choice.message()),
                        choice.message() == null ? null : urlContext(choice.message().builtInCalls())));
            }
            ChatCompletion.Usage u = c.usage();
            if (u != null) {
                usage = true;
                prompt += u.promptTokens();
                completion += u.completionTokens();
                total += u.totalTokens();
                cached += u.promptTokensDetails() == null ? 0 : u.promptTokensDetails().cachedTokens();
                reasoning += u.completionTokensDetails() == null ? 0 : u.completionTokensDetails().reasoningTokens();
            }
        }
        ChatCompletion first = completions.get(0);
        return new GenerateContentResponse(candidates,
                usage ? usage(prompt, completion, total, cached, reasoning) : null, first.model(), first.id());
    }

    /** Token counts in Gemini's words; candidates exclude the thoughts, as Gemini counts them. */
    public static UsageMetadata usage(int prompt, int completion, int total, int cached, int reasoning) {
        int thoughts = Math.max(0, Math.min(reasoning, completion));
        return new UsageMetadata(prompt, completion - thoughts, total > 0 ? total : prompt + completion,
                cached > 0 ? cached : null, thoughts > 0 ? thoughts : null);
    }

    /** The code GigaChat's interpreter ran and what it printed: an {@code executableCode} and a {@code codeExecutionResult} part each. */
    public static List<Part> codeParts(List<ChatCompletion.BuiltInCall> calls) {
        List<Part> parts = new ArrayList<>();
        for (ChatCompletion.BuiltInCall call : calls) {
            if (call instanceof ChatCompletion.CodeCall code && code.code() != null) { // parts only for known code
                parts.add(Part.ofCode(code.code()));
                parts.add(Part.ofCodeResult(code.output()));
            }
        }
        return parts;
    }

    /** The pages GigaChat's URL content extraction read, as {@code urlContextMetadata}; null for none. */
    public static GenerateContentResponse.UrlContextMetadata urlContext(List<ChatCompletion.BuiltInCall> calls) {
        List<GenerateContentResponse.UrlMetadata> urls = new ArrayList<>();
        for (ChatCompletion.BuiltInCall call : calls) {
            if (call instanceof ChatCompletion.UrlFetchCall fetch && fetch.url() != null) {
                urls.add(new GenerateContentResponse.UrlMetadata(fetch.url(), "URL_RETRIEVAL_STATUS_SUCCESS"));
            }
        }
        return urls.isEmpty() ? null : new GenerateContentResponse.UrlContextMetadata(urls);
    }

    /** A cited span of an answer's text ({@code [start, end)} in characters) and the page it cites. */
    public record Cite(int start, int end, String url, String title) {
    }

    /** The grounding of a completion's message: its web search calls and url citations. */
    static GenerateContentResponse.GroundingMetadata grounding(ChatCompletion.Message message) {
        if (message == null) {
            return null;
        }
        List<ChatCompletion.WebSearchCall> searches = new ArrayList<>();
        for (ChatCompletion.BuiltInCall call : message.builtInCalls()) {
            if (call instanceof ChatCompletion.WebSearchCall search) {
                searches.add(search);
            }
        }
        List<Cite> cites = new ArrayList<>();
        if (message.annotations() != null) {
            for (ChatCompletion.Annotation annotation : message.annotations()) {
                ChatCompletion.UrlCitation c = annotation.urlCitation();
                if (c != null) {
                    cites.add(new Cite(c.startIndex(), c.endIndex(), c.url(), c.title()));
                }
            }
        }
        return grounding(searches, cites, message.content());
    }

    /**
     * GigaChat's web search as {@code groundingMetadata}: the searches' queries, one chunk per page (the
     * pages found, in order, then any other cited page), one support per cited span, its offsets turned
     * from characters into UTF-8 bytes of the text. Null when there was no search and nothing is cited.
     */
    public static GenerateContentResponse.GroundingMetadata grounding(List<ChatCompletion.WebSearchCall> searches,
                                                                      List<Cite> cites, String text) {
        List<String> queries = new ArrayList<>();
        List<GenerateContentResponse.GroundingChunk> chunks = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (ChatCompletion.WebSearchCall search : searches) {
            if (search.query() != null && !search.query().isBlank()) {
                queries.add(search.query());
            }
            search.pages().forEach(page -> chunk(page.url(), page.title(), uris, chunks));
        }
        List<GenerateContentResponse.GroundingSupport> supports = new ArrayList<>();
        String body = text == null ? "" : text;
        for (Cite cite : cites) {
            if (cite.url() == null) {
                continue;
            }
            int chunk = chunk(cite.url(), cite.title(), uris, chunks);
            int start = Math.max(0, Math.min(cite.start(), body.length()));
            int end = Math.max(start, Math.min(cite.end(), body.length()));
            supports.add(new GenerateContentResponse.GroundingSupport(new GenerateContentResponse.Segment(
                    utf8Length(body, 0, start), utf8Length(body, 0, end), body.substring(start, end)), List.of(chunk)));
        }
        if (searches.isEmpty() && chunks.isEmpty()) {
            return null;
        }
        return new GenerateContentResponse.GroundingMetadata(queries.isEmpty() ? null : queries, chunks,
                supports.isEmpty() ? null : supports);
    }

    /** The index of the page's chunk, added when new. */
    private static int chunk(String url, String title, List<String> uris,
                             List<GenerateContentResponse.GroundingChunk> chunks) {
        int chunk = uris.indexOf(url);
        if (chunk < 0) {
            chunk = uris.size();
            uris.add(url);
            chunks.add(new GenerateContentResponse.GroundingChunk(new GenerateContentResponse.Web(url, title)));
        }
        return chunk;
    }

    private static int utf8Length(String text, int from, int to) {
        return text.substring(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** Gemini's finish reason for a chat finish reason. */
    public static String finishReason(String chatReason) {
        if (chatReason == null) {
            return "STOP";
        }
        return switch (chatReason) {
            case "length" -> "MAX_TOKENS";
            case "content_filter" -> "SAFETY";
            default -> "STOP"; // stop, tool_calls, function_call: Gemini ends a function call turn with STOP
        };
    }

    private static Content content(ChatCompletion.Message message, boolean includeThoughts) {
        List<Part> parts = new ArrayList<>();
        if (message != null) {
            if (includeThoughts && message.reasoningContent() != null && !message.reasoningContent().isEmpty()) {
                parts.add(Part.ofThought(message.reasoningContent()));
            }
            parts.addAll(codeParts(message.builtInCalls()));
            String text = ChatCompletion.withImageLinks(message.content(), message.builtInCalls());
            if (text != null && !text.isEmpty()) {
                parts.add(Part.ofText(text));
            }
            if (message.toolCalls() != null) {
                for (ChatCompletion.ToolCall call : message.toolCalls()) {
                    parts.add(Part.ofCall(functionCall(call.id(), call.function().name(), call.function().arguments())));
                }
            } else if (message.functionCall() != null) {
                parts.add(Part.ofCall(functionCall(null, message.functionCall().name(),
                        message.functionCall().arguments())));
            }
        }
        if (parts.isEmpty()) {
            parts.add(Part.ofText(""));
        }
        return new Content("model", parts);
    }

    /** A call with its arguments as a JSON object (arguments that are not an object are wrapped as {@code {"value": ...}}). */
    public static FunctionCall functionCall(String id, String name, String arguments) {
        return new FunctionCall(id, name, ChatCompletion.FunctionCall.argumentsObject(arguments));
    }
}
