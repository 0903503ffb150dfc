package io.gigagate.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import io.gigagate.openai.JsonAssertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by the chat encoder and body tests. */
final class StreamAssertions {

    private StreamAssertions() {
    }

    static void assertSameEvents(List<String> actual, List<String> expected) {
        assertThat(actual).as("event count: %s", actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).equals("[DONE]")) {
                assertThat(actual.get(i)).isEqualTo("[DONE]");
            } else {
                JsonAssertions.assertSameJson(JsonAssertions.tree(actual.get(i)), JsonAssertions.tree(expected.get(i)));
            }
        }
    }

    /**
     * The stream-wide rules: one id, object and created; role on the first choice chunk only;
     * finish_reason on exactly the last choice chunk; usage only on a trailing chunk without choices,
     * and only when asked for.
     */
    static void assertStreamRules(List<String> chunkJson, StreamContext ctx) {
        List<JsonNode> chunks = chunkJson.stream().map(JsonAssertions::tree).toList();
        assertThat(chunks).isNotEmpty();
        String model = chunks.get(0).path("model").asText();
        int lastChoiceChunk = -1;
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode c = chunks.get(i);
            assertThat(c.path("id").asText()).isEqualTo(ctx.completionId());
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("created").asLong()).isEqualTo(ctx.created());
            assertThat(c.path("model").asText()).isEqualTo(model);
            if (c.path("choices").size() > 0) {
                lastChoiceChunk = i;
                assertThat(c.has("usage")).as("usage on a choice chunk: %s", c).isFalse();
                assertThat(c.path("choices").get(0).path("delta").has("role")).as("role in chunk %d", i).isEqualTo(i == 0);
            }
        }
        for (int i = 0; i < chunks.size(); i++) {
            JsonNode finish = chunks.get(i).path("choices").path(0).path("finish_reason");
            assertThat(!finish.isMissingNode() && !finish.isNull()).as("finish_reason in chunk %d", i)
                    .isEqualTo(i == lastChoiceChunk);
        }
        JsonNode last = chunks.get(chunks.size() - 1);
        if (ctx.includeUsage()) {
            assertThat(lastChoiceChunk).isEqualTo(chunks.size() - 2);
            assertThat(last.path("choices").size()).isZero();
            assertThat(last.path("usage").path("total_tokens").isInt()).isTrue();
        } else {
            assertThat(lastChoiceChunk).isEqualTo(chunks.size() - 1);
        }
    }

    /** Every chunk passes openai-java's strict validation; the accumulated completion is returned. */
    static ChatCompletion accumulateWithSdk(List<String> chunkJson) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        for (String json : chunkJson) {
            try {
                ChatCompletionChunk chunk = ObjectMappers.jsonMapper().readValue(json, ChatCompletionChunk.class).validate();
                accumulator.accumulate(chunk);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return accumulator.chatCompletion();
    }
}
