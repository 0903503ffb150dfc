package io.gigagate.gigachat;

import java.util.Locale;

/**
 * GigaChat's reasoning effort, one rule for every front: what a client asked for (chat's
 * {@code reasoning_effort} or {@code reasoning.effort}, the Responses API's {@code reasoning.effort},
 * Anthropic's {@code thinking.budget_tokens}, Gemini's {@code thinkingConfig}) becomes GigaChat's
 * {@code reasoning_effort} (v2: {@code model_options.reasoning.effort}), and the gateway's settings may add
 * a default or strip it, as gpt2giga 0.3's {@code ENABLE_REASONING} and {@code DISABLE_REASONING} do.
 *
 * <p>A token budget becomes an effort by {@link #effortForBudget(int)}: 8,000 tokens or more {@code high},
 * 3,000 or more {@code medium}, fewer {@code low}, 0 none (gpt2giga's thresholds).
 *
 * @param defaultEffort sent when the client asked for none (ENABLE_REASONING: {@code high}); null sends none
 * @param disabled      strip every effort (DISABLE_REASONING); wins over {@code defaultEffort}
 */
public record ReasoningPolicy(String defaultEffort, boolean disabled) {

    /** Whatever the client asked for, nothing added. */
    public static final ReasoningPolicy AS_ASKED = new ReasoningPolicy(null, false);

    public ReasoningPolicy {
        defaultEffort = defaultEffort == null || defaultEffort.isBlank() ? null : defaultEffort.strip().toLowerCase(Locale.ROOT);
    }

    /** From gpt2giga's flags: ENABLE_REASONING adds {@code high}, DISABLE_REASONING strips. */
    public static ReasoningPolicy of(boolean enable, boolean disable) {
        return new ReasoningPolicy(enable ? "high" : null, disable);
    }

    /** The effort GigaChat gets for what the client asked ({@code asked} may be null). */
    public String effort(String asked) {
        if (disabled) {
            return null;
        }
        return asked != null && !asked.isBlank() ? asked : defaultEffort;
    }

    /** A thinking budget in tokens as an effort: ≥ 8,000 high, ≥ 3,000 medium, &gt; 0 low, else none (null). */
    public static String effortForBudget(int budgetTokens) {
        if (budgetTokens >= 8000) {
            return "high";
        }
        if (budgetTokens >= 3000) {
            return "medium";
        }
        return budgetTokens > 0 ? "low" : null;
    }
}
