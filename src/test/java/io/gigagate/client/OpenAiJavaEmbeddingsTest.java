package io.gigagate.client;

import io.gigagate.support.OpenAiJavaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** openai-java's embeddings through the gateway: its default base64 form, float, token ids, a large input. */
class OpenAiJavaEmbeddingsTest extends OpenAiJavaTestSupport {


    @Test
    void theDefaultBase64AndFloatEncodingsGiveIdenticalVectors() {
        CreateEmbeddingResponse byDefault = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("the same text").build());
        CreateEmbeddingResponse asFloat = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("the same text")
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        byDefault.validate();
        asFloat.validate();
        assertThat(byDefault.data().get(0).embedding()).hasSize(2560);
        assertThat(byDefault.data().get(0).embedding()).isEqualTo(asFloat.data().get(0).embedding());
        assertThat(byDefault.model()).isEqualTo("text-embedding-3-small");
        assertThat(byDefault.usage().promptTokens()).isPositive();
    }

    @Test
    void tokenIdInputEmbedsTheTextTheIdsSpell() {
        List<Long> ids = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE)
                .encode("tokenised text").boxed().stream().map(Integer::longValue).toList();

        CreateEmbeddingResponse fromIds = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").inputOfArrayOfTokens(ids).build());
        CreateEmbeddingResponse fromText = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("tokenised text").build());

        fromIds.validate();
        assertThat(fromIds.data().get(0).embedding()).isEqualTo(fromText.data().get(0).embedding());
        assertThat(EMULATOR.requests("/embeddings").get(0).json().get("input").get(0).asText())
                .isEqualTo("tokenised text");
    }

    @Test
    void listsOfTokenIdsGiveOneVectorEach() {
        var cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        List<List<Long>> ids = List.of("one", "two").stream()
                .map(t -> cl100k.encode(t).boxed().stream().map(Integer::longValue).toList()).toList();

        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("Embeddings").inputOfArrayOfTokenArrays(ids).build());

        response.validate();
        assertThat(response.data()).hasSize(2);
        assertThat(EMULATOR.lastRequest("/embeddings").json().get("input").toString()).isEqualTo("[\"one\",\"two\"]");
    }

    @Test
    void fiveHundredInputsAreBatchedAndComeBackInOrder() {
        List<String> texts = IntStream.range(0, 500).mapToObj(i -> "document number " + i).toList();

        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("Embeddings").inputOfArrayOfStrings(texts).build());

        response.validate();
        assertThat(response.data()).hasSize(500);
        assertThat(response.data()).extracting(e -> e.index()).containsExactlyElementsOf(
                IntStream.range(0, 500).mapToObj(i -> (long) i).toList());
        assertThat(EMULATOR.requests("/embeddings")).hasSize(5)
                .allSatisfy(r -> assertThat(r.json().get("input").size()).isEqualTo(100));
        CreateEmbeddingResponse last = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("Embeddings").input("document number 499").build());
        assertThat(response.data().get(499).embedding()).isEqualTo(last.data().get(0).embedding());
    }

    @Test
    void unsupportedDimensionsAreABadRequest() {
        assertThatThrownBy(() -> client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("x").dimensions(256).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.param()).hasValue("dimensions"));
    }
}
