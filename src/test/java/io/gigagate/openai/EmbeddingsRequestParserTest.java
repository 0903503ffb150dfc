package io.gigagate.openai;

import io.gigagate.openai.OpenAiErrors;
import io.gigagate.error.GatewayException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmbeddingsRequestParserTest {

    private static final TokenIdsDecoder DECODER = new TokenIdsDecoder();

    @Nested
    class InputShapes {

        @Test
        void aStringIsOneText() {
            assertThat(texts("{\"input\":\"hello\"}")).containsExactly("hello");
        }

        @Test
        void aListOfStringsIsOneTextEach() {
            assertThat(texts("{\"input\":[\"a\",\"b\"]}")).containsExactly("a", "b");
        }

        @Test
        void tokenIdsAreDecodedWithCl100kForOpenAiEmbeddingModels() {
            String ids = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE)
                    .encode("Привет, world").boxed().toString();
            assertThat(texts("{\"model\":\"text-embedding-3-small\",\"input\":" + ids + "}"))
                    .containsExactly("Привет, world");
        }

        @Test
        void listsOfTokenIdsAreOneTextEach() {
            var cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
            String body = "{\"input\":[" + cl100k.encode("one").boxed() + "," + cl100k.encode("two").boxed() + "]}";
            assertThat(texts(body)).containsExactly("one", "two");
        }

        @Test
        void tokenIdsOfAGpt4oModelAreDecodedWithO200k() {
            String ids = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE)
                    .encode("unicorn mathematics").boxed().toString();
            assertThat(texts("{\"model\":\"gpt-4o\",\"input\":" + ids + "}")).containsExactly("unicorn mathematics");
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest(name = "{0} -> param {1}, code {2}")
        @CsvSource(delimiter = '|', value = {
                "{}                                      | input              | missing_required_parameter",
                "{\"input\":null}                        | input              | missing_required_parameter",
                "{\"input\":\"\"}                        | input              | empty_string",
                "{\"input\":[]}                          | input              | empty_array",
                "{\"input\":[\"a\",\"\"]}                | input[1]           | empty_string",
                "{\"input\":42}                          | input              | invalid_type",
                "{\"input\":{\"text\":\"a\"}}            | input              | invalid_type",
                "{\"input\":[\"a\",7]}                   | input[1]           | invalid_type",
                "{\"input\":[1,\"a\"]}                   | input[1]           | invalid_type",
                "{\"input\":[[1,2],[]]}                  | input[1]           | empty_array",
                "{\"input\":[[1,2],\"a\"]}               | input[1]           | invalid_type",
                "{\"input\":[-5]}                        | input[0]           | invalid_type",
                "{\"input\":[99999999]}                  | input              | invalid_value",
                "{\"input\":\"a\",\"encoding_format\":\"int8\"} | encoding_format | invalid_value",
                "{\"input\":\"a\",\"dimensions\":0}      | dimensions         | invalid_value",
                "{\"input\":\"a\",\"dimensions\":\"9\"}  | dimensions         | invalid_type",
                "{\"input\":\"a\",\"model\":5}           | model              | invalid_type",
        })
        void eachRefusalNamesItsParam(String body, String param, String code) {
            assertThatThrownBy(() -> texts(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(OpenAiErrors.type(e.category())).isEqualTo("invalid_request_error");
                assertThat(e.param()).isEqualTo(param);
                assertThat(e.code()).isEqualTo(code);
            });
        }

        @Test
        void moreThan2048InputsAreRefused() {
            String body = "{\"input\":[" + String.join(",", java.util.Collections.nCopies(2049, "\"a\"")) + "]}";
            assertThatThrownBy(() -> texts(body)).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.code()).isEqualTo("array_above_max_length"));
        }

        @Test
        void aBodyThatIsNotJsonIsOpenAisParseError() {
            assertThatThrownBy(() -> texts("not json")).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.getMessage()).contains("could not parse the JSON body"));
        }
    }

    @Test
    void base64OnlyWhenAskedFor() {
        assertThat(EmbeddingsRequestParser.parse(bytes("{\"input\":\"a\"}")).base64()).isFalse();
        assertThat(EmbeddingsRequestParser.parse(bytes("{\"input\":\"a\",\"encoding_format\":\"base64\"}")).base64())
                .isTrue();
    }

    private static List<String> texts(String body) {
        return EmbeddingsRequestParser.texts(EmbeddingsRequestParser.parse(bytes(body)), DECODER);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
