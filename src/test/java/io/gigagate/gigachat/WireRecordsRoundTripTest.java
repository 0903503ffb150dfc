package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.wire.WireJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.gigagate.openai.JsonAssertions.assertSameJson;
import static io.gigagate.openai.JsonAssertions.fixture;
import static io.gigagate.openai.JsonAssertions.tree;
import static io.gigagate.openai.JsonAssertions.written;

/** Every GigaChat wire record reads a captured-shape body and writes it back unchanged: nothing lost or renamed. */
class WireRecordsRoundTripTest {

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "gigachat-chat-request, io.gigagate.gigachat.GigaChatChatRequest",
            "gigachat-chat-response, io.gigagate.gigachat.GigaChatChatResponse",
            "gigachat-chat-chunk, io.gigagate.gigachat.GigaChatChatChunk",
            "gigachat-chat-chunk-function-in-progress, io.gigagate.gigachat.GigaChatChatChunk",
            "gigachat-model, io.gigagate.gigachat.GigaChatModel",
            "gigachat-model-list, io.gigagate.gigachat.GigaChatModelList",
            "gigachat-error, io.gigagate.gigachat.GigaChatErrorBody",
            "gigachat-oauth-error, io.gigagate.gigachat.GigaChatErrorBody",
    })
    void recordRoundTripsItsCapturedShape(String fixtureName, Class<?> recordType) throws Exception {
        JsonNode captured = tree(fixture("wire/" + fixtureName + ".json"));
        Object parsed = WireJson.mapper().treeToValue(captured, recordType);
        assertSameJson(written(parsed), captured);
    }
}
