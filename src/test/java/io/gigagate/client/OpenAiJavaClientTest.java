package io.gigagate.client;

import io.gigagate.support.OpenAiJavaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import com.openai.models.models.ModelListPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK, pointed at the gateway by base URL only, validating every response strictly. */
class OpenAiJavaClientTest extends OpenAiJavaTestSupport {


    @Test
    void chatCompletionValidates() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("You are terse.")
                .addUserMessage("hello from openai-java")
                .temperature(0.0)
                .maxCompletionTokens(100)
                .build());

        completion.validate();
        assertThat(completion.model()).isEqualTo("gpt-4o-mini");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValue("Echo: hello from openai-java");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.totalTokens()).isPositive());
    }

    @Test
    void streamedChunksValidateAndAccumulateIntoTheFullMessage() {
        for (boolean includeUsage : new boolean[] {false, true}) {
            ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                    .model("GigaChat-2-Max")
                    .addUserMessage("stream this please");
            if (includeUsage) {
                params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
            }
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            List<ChatCompletionChunk> chunks = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params.build())) {
                stream.stream().forEach(chunk -> {
                    chunk.validate();
                    chunks.add(chunk);
                    accumulator.accumulate(chunk);
                });
            }

            ChatCompletion completion = accumulator.chatCompletion();
            completion.validate();
            assertThat(completion.choices().get(0).message().content()).hasValue("Echo: stream this please");
            assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            assertThat(completion.model()).isEqualTo("GigaChat-2-Max");
            assertThat(chunks.get(chunks.size() - 1).usage().isPresent()).isEqualTo(includeUsage);
            assertThat(completion.usage().isPresent()).isEqualTo(includeUsage);
        }
    }

    @Test
    void modelsListAndRetrieveValidate() {
        ModelListPage page = client.models().list();
        page.data().forEach(Model::validate);
        assertThat(page.data()).extracting(Model::id).contains("GigaChat-2-Max", "gpt-4o");

        Model model = client.models().retrieve("GigaChat-2-Max");
        model.validate();
        assertThat(model.id()).isEqualTo("GigaChat-2-Max");
    }

    @Test
    void errorsAreTheSdkTypedExceptions() {
        assertThatThrownBy(() -> client.models().retrieve("no-such-model"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model("GigaChat").addUserMessage("hi").temperature(3.5).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.param()).hasValue("temperature"));
    }

    @Test
    void threeChoicesValidateWithIndexesZeroToTwo() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addUserMessage("three ways")
                .n(3)
                .build());

        completion.validate();
        assertThat(completion.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0L, 1L, 2L);
        assertThat(completion.choices()).allSatisfy(c -> assertThat(c.message().content()).hasValue("Echo: three ways"));
        assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.totalTokens()).isPositive());
    }

    @Test
    void threeStreamedChoicesValidateAndAccumulate() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("GigaChat-2").addUserMessage("three streams").n(3).build())) {
            stream.stream().forEach(chunk -> {
                chunk.validate();
                accumulator.accumulate(chunk);
            });
        }

        ChatCompletion completion = accumulator.chatCompletion();
        completion.validate();
        assertThat(completion.choices()).extracting(ChatCompletion.Choice::index).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(completion.choices()).allSatisfy(c -> assertThat(c.message().content()).hasValue("Echo: three streams"));
    }
}
