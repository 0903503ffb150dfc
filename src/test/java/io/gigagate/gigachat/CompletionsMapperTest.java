package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.Completion;
import io.gigagate.openai.CompletionRequest;
import io.gigagate.openai.CompletionRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompletionsMapperTest {

    private final CompletionsMapper mapper = new CompletionsMapper();

    @Nested
    class Prompts {

        @Test
        void aPlainPromptIsTheOneUserMessage() {
            ChatCompletionRequest chat = mapper.toChat(request("{\"prompt\":\"Say hi\",\"max_tokens\":5,\"stop\":\".\"}"),
                    "Say hi");
            assertThat(chat.messages()).hasSize(1);
            assertThat(chat.messages().get(0).role()).isEqualTo("user");
            assertThat(chat.messages().get(0).content().asText()).isEqualTo("Say hi");
            assertThat(chat.maxTokens()).isEqualTo(5);
            assertThat(chat.stop()).containsExactly(".");
        }

        @Test
        void aSuffixMeansTheFillInTheMiddleForm() {
            ChatCompletionRequest chat = mapper.toChat(request("{\"prompt\":\"def f(\",\"suffix\":\"):\\n  pass\"}"),
                    "def f(");
            assertThat(chat.messages()).extracting(m -> m.role()).containsExactly("system", "user");
            assertThat(chat.messages().get(0).content().asText()).isEqualTo(CompletionsMapper.FIM_INSTRUCTION);
            assertThat(chat.messages().get(1).content().asText())
                    .isEqualTo("<prefix>def f(</prefix>\n<suffix>):\n  pass</suffix>");
        }
    }

    @Nested
    class Answers {

        @Test
        void choicesAreOrderedByPromptThenSample() {
            CompletionRequest r = request("{\"prompt\":[\"a\",\"b\"],\"n\":2}");
            Completion c = mapper.toCompletion(r, List.of("a", "b"),
                    List.of(answer("a1", "stop"), answer("a2", "stop"), answer("b1", "length"), answer("b2", "stop")),
                    "cmpl-1", 7);

            assertThat(c.object()).isEqualTo("text_completion");
            assertThat(c.choices()).extracting(Completion.Choice::text).containsExactly("a1", "a2", "b1", "b2");
            assertThat(c.choices()).extracting(Completion.Choice::index).containsExactly(0, 1, 2, 3);
            assertThat(c.choices().get(2).finishReason()).isEqualTo("length");
            assertThat(c.usage().totalTokens()).isEqualTo(12);
        }

        @Test
        void echoPutsThePromptFirst() {
            Completion c = mapper.toCompletion(request("{\"prompt\":\"Once\",\"echo\":true}"), List.of("Once"),
                    List.of(answer(" upon a time", "stop")), "cmpl-1", 7);
            assertThat(c.choices().get(0).text()).isEqualTo("Once upon a time");
        }

        @Test
        void aFencedFillInTheMiddleReplyIsUnfenced() {
            Completion c = mapper.toCompletion(request("{\"prompt\":\"x = \",\"suffix\":\"\\n\"}"), List.of("x = "),
                    List.of(answer("```python\n42\n```", "stop")), "cmpl-1", 7);
            assertThat(c.choices().get(0).text()).isEqualTo("42");
        }

        @Test
        void aChatOnlyFinishReasonBecomesStop() {
            assertThat(CompletionsMapper.finishReason(new ChatCompletion.Choice(0, null, null, "tool_calls")))
                    .isEqualTo("stop");
            assertThat(CompletionsMapper.finishReason(new ChatCompletion.Choice(0, null, null, "content_filter")))
                    .isEqualTo("content_filter");
        }
    }

    @Test
    void textWithoutOneWholeFenceIsKept() {
        assertThat(CompletionsMapper.unfence("a ``` b")).isEqualTo("a ``` b");
        assertThat(CompletionsMapper.unfence("```\nx\n```\ny\n```")).isEqualTo("```\nx\n```\ny\n```");
    }

    private static CompletionRequest request(String json) {
        return CompletionRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ChatCompletion answer(String text, String finish) {
        return new ChatCompletion("chatcmpl-x", "chat.completion", 1, "GigaChat",
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", text, null, null, null, null),
                        null, finish)),
                new ChatCompletion.Usage(2, 1, 3, new ChatCompletion.PromptTokensDetails(0), null), null);
    }
}
