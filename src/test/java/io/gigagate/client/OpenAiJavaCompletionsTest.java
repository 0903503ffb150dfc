package io.gigagate.client;

import io.gigagate.support.OpenAiJavaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** openai-java's legacy completions through the gateway: plain, fill-in-the-middle, streamed. */
class OpenAiJavaCompletionsTest extends OpenAiJavaTestSupport {


    @Test
    void aPlainCompletionValidates() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model(CompletionCreateParams.Model.GPT_3_5_TURBO_INSTRUCT)
                .prompt("Say this is a test")
                .maxTokens(16)
                .temperature(0.0)
                .build());

        completion.validate();
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).text()).isEqualTo("Echo: Say this is a test");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(CompletionChoice.FinishReason.STOP);
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isPositive());
    }

    @Test
    void aCompletionWithASuffixValidatesAndSendsTheFillInTheMiddleForm() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model("GigaChat-2")
                .prompt("function add(a, b) {\n  return ")
                .suffix(";\n}")
                .maxTokens(32)
                .build());

        completion.validate();
        assertThat(completion.choices().get(0).text()).startsWith("Echo: <prefix>function add(a, b) {");
        assertThat(EMULATOR.lastRequest("/chat/completions").chat().at("/messages/1/content").asText())
                .isEqualTo("<prefix>function add(a, b) {\n  return </prefix>\n<suffix>;\n}</suffix>");
    }

    @Test
    void aStreamedCompletionGivesTheTextInChunks() {
        List<Completion> chunks = new ArrayList<>();
        try (StreamResponse<Completion> stream = client.completions().createStreaming(CompletionCreateParams.builder()
                .model("GigaChat-2")
                .prompt("stream the old way")
                .build())) {
            stream.stream().forEach(chunks::add);
        }

        assertThat(chunks).hasSizeGreaterThan(1);
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> text.append(choice.text())));
        assertThat(text.toString()).isEqualTo("Echo: stream the old way");
        Completion last = chunks.get(chunks.size() - 1);
        last.validate(); // the last chunk carries the finish reason, so it is a complete Completion
        assertThat(last.choices().get(0).finishReason()).isEqualTo(CompletionChoice.FinishReason.STOP);
        assertThat(chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo(chunks.get(0).id()));
    }
}
