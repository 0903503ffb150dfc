package io.gigagate.openai;

import io.gigagate.wire.WireJson;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gigagate.openai.JsonAssertions.assertSameJson;
import static io.gigagate.openai.JsonAssertions.fixture;
import static io.gigagate.openai.JsonAssertions.tree;
import static io.gigagate.openai.JsonAssertions.written;

/** Every OpenAI wire record reads a captured-shape body and writes it back unchanged: nothing lost or renamed. */
class WireRecordsRoundTripTest {

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "openai-chat-request, io.gigagate.openai.ChatCompletionRequest",
            "openai-chat-completion, io.gigagate.openai.ChatCompletion",
            "openai-chat-completion-chunk, io.gigagate.openai.ChatCompletionChunk",
            "openai-chat-completion-chunk-usage, io.gigagate.openai.ChatCompletionChunk",
            "openai-model, io.gigagate.openai.Model",
            "openai-model-list, io.gigagate.openai.ModelList",
    })
    void recordRoundTripsItsCapturedShape(String fixtureName, Class<?> recordType) throws Exception {
        JsonNode captured = tree(fixture("wire/" + fixtureName + ".json"));
        Object parsed = WireJson.mapper().treeToValue(captured, recordType);
        assertSameJson(written(parsed), captured);
    }
}
