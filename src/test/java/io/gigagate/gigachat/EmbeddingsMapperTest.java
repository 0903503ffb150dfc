package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.openai.EmbeddingsResponse;
import io.gigagate.error.GatewayException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EmbeddingsMapperTest {

    @Nested
    class Batching {

        @Test
        void inputsAreSplitIntoBatchesOfTheConfiguredSizeInOrder() {
            List<String> texts = IntStream.range(0, 7).mapToObj(i -> "t" + i).toList();

            List<GigaChatEmbeddingsRequest> batches = new EmbeddingsRequestMapper(3).toGigaChat(texts, "Embeddings", null);

            assertThat(batches).extracting(GigaChatEmbeddingsRequest::input)
                    .containsExactly(List.of("t0", "t1", "t2"), List.of("t3", "t4", "t5"), List.of("t6"));
            assertThat(batches).extracting(GigaChatEmbeddingsRequest::model).containsOnly("Embeddings");
        }

        @Test
        void aSmallInputIsOneBatch() {
            assertThat(new EmbeddingsRequestMapper(100).toGigaChat(List.of("a", "b"), "Embeddings", null)).hasSize(1);
        }
    }

    @Nested
    class Dimensions {

        @Test
        void theNativeSizeIsAccepted() {
            assertThat(new EmbeddingsRequestMapper(10).toGigaChat(List.of("a"), "EmbeddingsGigaR", 2560)).hasSize(1);
        }

        @Test
        void anyOtherSizeIsRefusedNamingDimensions() {
            assertThatThrownBy(() -> new EmbeddingsRequestMapper(10).toGigaChat(List.of("a"), "Embeddings", 256))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.param()).isEqualTo("dimensions");
                        assertThat(e.getMessage()).contains("1024");
                    });
        }

        @Test
        void forAnUnknownEmbedderTheSizeIsCheckedOnTheAnswer() {
            GigaChatEmbeddingsResponse answer = answer("Custom", 0, new float[] {1, 2, 3}, 1);
            assertThatThrownBy(() -> new EmbeddingsResponseMapper().toOpenAi(List.of(answer), null, false, 4))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).isEqualTo("dimensions"));
            assertThat(new EmbeddingsResponseMapper().toOpenAi(List.of(answer), null, false, 3).data()).hasSize(1);
        }
    }

    @Nested
    class Answers {

        @Test
        void batchesAreJoinedWithIndexesCountingAcrossThem() {
            GigaChatEmbeddingsResponse first = new GigaChatEmbeddingsResponse("list", "Embeddings", List.of(
                    item(1, new float[] {0.2f}, 3), item(0, new float[] {0.1f}, 2)));
            GigaChatEmbeddingsResponse second = answer("Embeddings", 0, new float[] {0.3f}, 4);

            EmbeddingsResponse response = new EmbeddingsResponseMapper().toOpenAi(List.of(first, second),
                    "text-embedding-3-small", false, null);

            assertThat(response.object()).isEqualTo("list");
            assertThat(response.model()).isEqualTo("text-embedding-3-small");
            assertThat(response.data()).extracting(EmbeddingsResponse.Embedding::index).containsExactly(0, 1, 2);
            assertThat(response.data()).extracting(e -> ((float[]) e.embedding())[0])
                    .containsExactly(0.1f, 0.2f, 0.3f);
        }

        @Test
        void usageIsTheSumOfThePerItemUsage() {
            GigaChatEmbeddingsResponse first = new GigaChatEmbeddingsResponse("list", "Embeddings", List.of(
                    item(0, new float[] {0.1f}, 2), item(1, new float[] {0.2f}, 3)));
            EmbeddingsResponse response = new EmbeddingsResponseMapper().toOpenAi(
                    List.of(first, answer("Embeddings", 0, new float[] {0.3f}, 4)), null, false, null);

            assertThat(response.usage().promptTokens()).isEqualTo(9);
            assertThat(response.usage().totalTokens()).isEqualTo(9);
            assertThat(response.model()).isEqualTo("Embeddings");
        }

        @Test
        void base64IsLittleEndianFloat32() {
            float[] vector = {1.5f, -0.25f, 3.0e-8f};
            EmbeddingsResponse response = new EmbeddingsResponseMapper().toOpenAi(
                    List.of(answer("Embeddings", 0, vector, 1)), null, true, null);

            byte[] bytes = Base64.getDecoder().decode((String) response.data().get(0).embedding());
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(bytes).hasSize(12);
            assertThat(new float[] {buffer.getFloat(), buffer.getFloat(), buffer.getFloat()}).containsExactly(vector);
        }

        @Test
        void aBatchAnsweredWithTheWrongNumberOfVectorsIsAnUpstreamError() {
            List<GigaChatEmbeddingsRequest> sent = List.of(new GigaChatEmbeddingsRequest("Embeddings", List.of("a", "b")));
            List<GigaChatEmbeddingsResponse> got = List.of(answer("Embeddings", 0, new float[] {1}, 1));
            assertThatThrownBy(() -> EmbeddingsResponseMapper.sameCount(sent, got))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
        }
    }

    private static GigaChatEmbeddingsResponse answer(String model, int index, float[] vector, int tokens) {
        return new GigaChatEmbeddingsResponse("list", model, List.of(item(index, vector, tokens)));
    }

    private static GigaChatEmbeddingsResponse.Item item(int index, float[] vector, int tokens) {
        return new GigaChatEmbeddingsResponse.Item("embedding", index, vector, new GigaChatEmbeddingsResponse.Usage(tokens));
    }
}
