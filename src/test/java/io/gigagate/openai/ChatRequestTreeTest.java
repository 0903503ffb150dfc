package io.gigagate.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.wire.WireJson;
import org.junit.jupiter.api.Test;

/** The fronts' chat trees made into the record field by field give what Jackson's data binding gave. */
class ChatRequestTreeTest {

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) WireJson.mapper().readTree(json);
    }

    private static void sameAsDataBinding(String json) throws Exception {
        ChatCompletionRequest bound = WireJson.mapper().convertValue(tree(json), ChatCompletionRequest.class);
        ChatCompletionRequest direct = ChatRequestTree.toRequest(tree(json));
        assertThat(direct).isEqualTo(bound);
        assertThat(WireJson.mapper().writeValueAsString(direct)).isEqualTo(WireJson.mapper().writeValueAsString(bound));
    }

    @Test
    void everyFieldAFrontWritesIsTheSameAsDataBindingMadeIt() throws Exception {
        sameAsDataBinding("""
                {"model": "GigaChat-2-Max", "messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": [{"type": "text", "text": "Look"},
                                               {"type": "image_url", "image_url": {"url": "data:image/png;base64,AA=="}}]},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "weather", "arguments": "{\\"city\\":\\"Oslo\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "name": "weather", "content": "{\\"t\\":3}"},
                  {"role": "assistant", "content": "It is 3 degrees."}],
                 "stream": true, "temperature": 0.7, "top_p": 0.9, "n": 2, "max_tokens": 100,
                 "max_completion_tokens": 200, "stop": ["END", "STOP"],
                 "tools": [{"type": "function", "function": {"name": "weather", "parameters": {"type": "object"}}}],
                 "tool_choice": {"type": "function", "function": {"name": "weather"}},
                 "response_format": {"type": "json_schema", "json_schema": {"name": "r", "schema": {"type": "object"}}},
                 "parallel_tool_calls": false, "user": "u-1", "reasoning_effort": "high",
                 "reasoning": {"effort": "low"}}""");
    }

    @Test
    void smallAndNullValuedTreesToo() throws Exception {
        sameAsDataBinding("""
                {"model": "GigaChat", "messages": [{"role": "user", "content": "Hi"}]}""");
        sameAsDataBinding("""
                {"model": null, "messages": [{"role": "user", "content": "Hi"}], "tool_choice": "auto",
                 "temperature": 1, "reasoning": null, "stop": []}""");
    }

    @Test
    void aFieldOutsideTheFrontsSetIsAProgrammingErrorNotADroppedValue() throws Exception {
        assertThatThrownBy(() -> ChatRequestTree.toRequest(tree("""
                {"model": "GigaChat", "messages": [], "seed": 1}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
        assertThatThrownBy(() -> ChatRequestTree.toRequest(tree("""
                {"model": "GigaChat", "messages": [{"role": "user", "content": "Hi", "refusal": "no"}]}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refusal");
        assertThatThrownBy(() -> ChatRequestTree.toRequest(tree("""
                {"model": "GigaChat", "messages": [], "n": "two"}""")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
