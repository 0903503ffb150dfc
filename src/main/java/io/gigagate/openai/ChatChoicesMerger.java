package io.gigagate.openai;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins n one-choice completions into one completion with n choices, for {@code n > 1}: GigaChat
 * answers one choice per call, so the gateway makes n calls. Pure.
 *
 * <ul>
 *   <li>{@code id}, {@code created}, {@code model}: the first completion's.</li>
 *   <li>Choices: the first choice of each completion, in order, with {@code index} 0..n-1.</li>
 *   <li>{@code usage}: the sum over the n calls, prompt tokens included, because GigaChat bills the
 *       prompt once per call (OpenAI would count it once).</li>
 * </ul>
 */
public final class ChatChoicesMerger {

    private ChatChoicesMerger() {
    }

    public static ChatCompletion merge(List<ChatCompletion> completions) {
        ChatCompletion first = completions.get(0);
        List<ChatCompletion.Choice> choices = new ArrayList<>(completions.size());
        int prompt = 0;
        int completion = 0;
        int total = 0;
        int cached = 0;
        int reasoning = 0;
        for (ChatCompletion c : completions) {
            ChatCompletion.Choice choice = c.choices().get(0);
            choices.add(new ChatCompletion.Choice(choices.size(), choice.message(), choice.logprobs(), choice.finishReason()));
            ChatCompletion.Usage u = c.usage();
            if (u != null) {
                prompt += u.promptTokens();
                completion += u.completionTokens();
                total += u.totalTokens();
                cached += u.promptTokensDetails() == null ? 0 : u.promptTokensDetails().cachedTokens();
                reasoning += u.completionTokensDetails() == null ? 0 : u.completionTokensDetails().reasoningTokens();
            }
        }
        ChatCompletion.Usage usage = new ChatCompletion.Usage(prompt, completion, total,
                new ChatCompletion.PromptTokensDetails(cached), new ChatCompletion.CompletionTokensDetails(reasoning));
        return new ChatCompletion(first.id(), first.object(), first.created(), first.model(), choices, usage,
                first.systemFingerprint());
    }
}
