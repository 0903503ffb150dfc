package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.wire.WireJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReasoningPolicyTest {

    private static ChatCompletionRequest request(Map<String, Object> fields) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("messages", java.util.List.of(Map.of("role", "user", "content", "hi")));
        return WireJson.mapper().convertValue(body, ChatCompletionRequest.class);
    }

    private static String sent(ReasoningPolicy policy, Map<String, Object> fields) {
        return new ChatRequestMapper(null, StructuredOutputMode.FUNCTION, null, policy)
                .toGigaChat(request(fields), "GigaChat-2-Max").reasoningEffort();
    }

    @Test
    void whatTheClientAskedIsSentAsIs() {
        assertThat(sent(ReasoningPolicy.AS_ASKED, Map.of("reasoning_effort", "low"))).isEqualTo("low");
        assertThat(sent(ReasoningPolicy.AS_ASKED, Map.of("reasoning", Map.of("effort", "medium")))).isEqualTo("medium");
        assertThat(sent(ReasoningPolicy.AS_ASKED, Map.of())).isNull();
    }

    @Test
    void enableAddsHighOnlyWhereTheClientAskedNothing() {
        ReasoningPolicy enabled = ReasoningPolicy.of(true, false);
        assertThat(sent(enabled, Map.of())).isEqualTo("high");
        assertThat(sent(enabled, Map.of("reasoning_effort", "low"))).isEqualTo("low");
    }

    @Test
    void disableStripsEverythingAndWinsOverEnable() {
        ReasoningPolicy disabled = ReasoningPolicy.of(true, true);
        assertThat(sent(disabled, Map.of("reasoning_effort", "high"))).isNull();
        assertThat(sent(disabled, Map.of("extra_body", Map.of("reasoning_effort", "high")))).isNull();
        assertThat(sent(disabled, Map.of())).isNull();
    }

    @Test
    void aThinkingBudgetBecomesAnEffortByOneRule() {
        assertThat(ReasoningPolicy.effortForBudget(16000)).isEqualTo("high");
        assertThat(ReasoningPolicy.effortForBudget(8000)).isEqualTo("high");
        assertThat(ReasoningPolicy.effortForBudget(7999)).isEqualTo("medium");
        assertThat(ReasoningPolicy.effortForBudget(3000)).isEqualTo("medium");
        assertThat(ReasoningPolicy.effortForBudget(1024)).isEqualTo("low");
        assertThat(ReasoningPolicy.effortForBudget(0)).isNull();
        assertThat(new ReasoningPolicy("  HIGH ", false).defaultEffort()).isEqualTo("high");
    }
}
