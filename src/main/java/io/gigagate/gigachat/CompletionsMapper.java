package io.gigagate.gigachat;

import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatMessage;
import io.gigagate.openai.Completion;
import io.gigagate.openai.CompletionRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Legacy text completion on top of chat: each prompt becomes a chat request (then mapped by
 * {@link ChatRequestMapper}, so temperature 0, max_tokens and GigaChat's rules apply unchanged), and
 * the chat answers become one {@code text_completion}. Pure.
 *
 * <p>Prompt forms (GigaChat is a chat model and has no completion or fill-in-the-middle mode):
 * <ul>
 *   <li>plain: the prompt is the one user message, as it is;</li>
 *   <li>with {@code suffix} (fill-in-the-middle, editor autocomplete): the system message
 *       {@link #FIM_INSTRUCTION} and the user message
 *       {@code <prefix>PROMPT</prefix>\n<suffix>SUFFIX</suffix>}; a reply wrapped in one markdown
 *       code fence is unwrapped (chat models tend to fence code).</li>
 * </ul>
 *
 * <p>Answers: one choice per prompt and sample, {@code index = prompt * n + sample}, as OpenAI orders
 * them; {@code echo} puts the prompt before the text; stop sequences are cut by the chat mapping;
 * {@code usage} is the sum over the calls. Dropped: logprobs (always null), best_of (n is used),
 * presence/frequency penalties, logit_bias, seed, user.
 */
public final class CompletionsMapper {

    public static final String FIM_INSTRUCTION = "You fill in a gap in a text or in code. The user message holds "
            + "the text before the gap between <prefix> and </prefix> and the text after the gap between <suffix> "
            + "and </suffix>. Reply with exactly the text that belongs in the gap and nothing else: no explanations, "
            + "no repetition of the prefix or the suffix, no markdown code fences.";

    /** The chat request for one prompt. */
    public ChatCompletionRequest toChat(CompletionRequest r, String prompt) {
        List<ChatMessage> messages = r.suffix() == null
                ? List.of(message("user", prompt))
                : List.of(message("system", FIM_INSTRUCTION), message("user", fillInTheMiddle(prompt, r.suffix())));
        return new ChatCompletionRequest(r.model(), messages, r.stream(), r.streamOptions(), r.temperature(), r.topP(),
                null, r.maxTokens(), null, r.stop(), null, null, null, null, null, null, r.user(), r.seed(),
                r.frequencyPenalty(), r.presencePenalty(), r.logitBias(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    static String fillInTheMiddle(String prefix, String suffix) {
        return "<prefix>" + prefix + "</prefix>\n<suffix>" + suffix + "</suffix>";
    }

    /**
     * One {@code text_completion} from the chat answers, given in order: prompt 0's n samples, then
     * prompt 1's, and so on.
     */
    public Completion toCompletion(CompletionRequest r, List<String> prompts, List<ChatCompletion> answers,
                                   String id, long created) {
        List<Completion.Choice> choices = new ArrayList<>(answers.size());
        int prompt = 0;
        int completion = 0;
        int total = 0;
        int cached = 0;
        for (int i = 0; i < answers.size(); i++) {
            ChatCompletion answer = answers.get(i);
            ChatCompletion.Choice choice = answer.choices().isEmpty() ? null : answer.choices().get(0);
            choices.add(new Completion.Choice(text(r, prompts.get(i / r.choicesPerPrompt()), choice), i, null,
                    finishReason(choice)));
            if (answer.usage() != null) {
                prompt += answer.usage().promptTokens();
                completion += answer.usage().completionTokens();
                total += answer.usage().totalTokens();
                cached += answer.usage().promptTokensDetails() == null ? 0
                        : answer.usage().promptTokensDetails().cachedTokens();
            }
        }
        String model = answers.isEmpty() ? r.model() : answers.get(0).model();
        return new Completion(id, Completion.OBJECT, created, model, choices, new ChatCompletion.Usage(prompt,
                completion, total, new ChatCompletion.PromptTokensDetails(cached), null));
    }

    private static String text(CompletionRequest r, String prompt, ChatCompletion.Choice choice) {
        String content = choice == null || choice.message() == null || choice.message().content() == null
                ? "" : choice.message().content();
        if (r.suffix() != null) {
            content = unfence(content);
        }
        return r.echoed() ? prompt + content : content;
    }

    /** Legacy completions know stop, length and content_filter; a chat-only reason becomes stop. */
    static String finishReason(ChatCompletion.Choice choice) {
        String reason = choice == null ? null : choice.finishReason();
        return "length".equals(reason) || "content_filter".equals(reason) ? reason : "stop";
    }

    /** A reply that is exactly one fenced block ("```lang\n...\n```") becomes the block's content. */
    static String unfence(String text) {
        String t = text.strip();
        if (!t.startsWith("```") || !t.endsWith("```") || t.length() < 6) {
            return text;
        }
        int firstNewline = t.indexOf('\n');
        if (firstNewline < 0) {
            return text;
        }
        String inner = t.substring(firstNewline + 1, t.length() - 3);
        if (inner.contains("```")) {
            return text;
        }
        return inner.endsWith("\n") ? inner.substring(0, inner.length() - 1) : inner;
    }

    private static ChatMessage message(String role, String content) {
        return new ChatMessage(role, com.fasterxml.jackson.databind.node.TextNode.valueOf(content), null, null, null,
                null, null);
    }
}
