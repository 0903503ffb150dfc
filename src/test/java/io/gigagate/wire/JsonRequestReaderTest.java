package io.gigagate.wire;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The front-neutral reader on its own: a made-up front's records, its own words for a bad body. */
class JsonRequestReaderTest {

    record Part(String text, Integer weight) {
    }

    record Options(Double temperature, Integer count) {
    }

    record Ask(String model, List<Part> parts, Options options) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String OUR_WORDS = "Request body is not valid JSON for this front.";
    private static final JsonRequestReader READER = new JsonRequestReader(MAPPER, OUR_WORDS);

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static GatewayException refused(Executable call) {
        GatewayException e = catchThrowableOfType(GatewayException.class, call::execute);
        assertThat(e).as("expected a GatewayException").isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
        return e;
    }

    private static GatewayException readRefused(String json) {
        GatewayException viaRead = refused(() -> READER.read(bytes(json), Ask.class));
        GatewayException viaTree = refused(() -> READER.bind(READER.readObject(bytes(json)), Ask.class));
        assertThat(viaTree.getMessage()).as("read and readObject+bind word it alike").isEqualTo(viaRead.getMessage());
        assertThat(viaTree.param()).isEqualTo(viaRead.param());
        assertThat(viaTree.code()).isEqualTo(viaRead.code());
        return viaRead;
    }

    @Nested
    class Binding {
        @Test
        void wellFormedBodyBinds() {
            Ask ask = READER.read(bytes("{\"model\":\"m\",\"parts\":[{\"text\":\"hi\",\"weight\":2}],\"extra\":1}"),
                    Ask.class);
            assertThat(ask.model()).isEqualTo("m");
            assertThat(ask.parts()).containsExactly(new Part("hi", 2));
        }

        @Test
        void wrongTypedNestedFieldNamesThePathAndTheTypeItGot() {
            GatewayException e = readRefused("{\"parts\":[{\"text\":\"a\"},{\"text\":\"b\",\"weight\":{\"x\":1}}]}");
            assertThat(e.param()).isEqualTo("parts[1].weight");
            assertThat(e.code()).isEqualTo("invalid_type");
            assertThat(e.getMessage()).isEqualTo(
                    "Invalid type for 'parts[1].weight': got an object, which is not a valid type for this parameter.");
        }

        @Test
        void wrongTypedFieldInANestedObjectNamesIt() {
            GatewayException e = readRefused("{\"options\":{\"temperature\":\"hot\"}}");
            assertThat(e.param()).isEqualTo("options.temperature");
            assertThat(e.getMessage()).contains("got a string");
        }

        @Test
        void wrongTypedArrayNamesTheField() {
            GatewayException e = readRefused("{\"parts\":true}");
            assertThat(e.param()).isEqualTo("parts");
            assertThat(e.getMessage()).contains("got a boolean");
        }

        @Test
        void numberTooLargeForItsFieldIsATypeErrorNamingTheField() {
            GatewayException e = readRefused("{\"options\":{\"count\":99999999999999999999}}");
            assertThat(e.param()).isEqualTo("options.count");
            assertThat(e.code()).isEqualTo("invalid_type");
            assertThat(e.getMessage()).isEqualTo(
                    "Invalid type for 'options.count': got an integer, which is not a valid type for this parameter.");
        }
    }

    @Nested
    class Body {
        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "{\"model\": [secret", "{} {}"})
        void unparsableBodyGetsTheCallersMessage(String json) {
            GatewayException e = readRefused(json);
            assertThat(e.getMessage()).isEqualTo(OUR_WORDS);
            assertThat(e.param()).isNull();
            assertThat(e.code()).isNull();
        }

        @Test
        void noBodyAtAllGetsTheCallersMessage() {
            assertThat(refused(() -> READER.read(null, Ask.class)).getMessage()).isEqualTo(OUR_WORDS);
            assertThat(refused(() -> READER.readObject(null)).getMessage()).isEqualTo(OUR_WORDS);
        }

        @Test
        void anotherFrontsWordsAreItsOwn() {
            JsonRequestReader other = new JsonRequestReader(MAPPER, "Something else entirely.");
            assertThat(refused(() -> other.read(bytes("{"), Ask.class)).getMessage())
                    .isEqualTo("Something else entirely.");
        }

        @Test
        void bodyThatIsNotAnObjectSaysWhatItIs() {
            GatewayException e = readRefused("[1,2]");
            assertThat(e.getMessage()).isEqualTo(
                    "Invalid type for the request body: expected an object, but got an array instead.");
            assertThat(e.param()).isNull();
            assertThat(e.code()).isEqualTo("invalid_type");
            assertThat(readRefused("\"hello\"").getMessage()).contains("but got a string instead");
            assertThat(readRefused("null").getMessage()).contains("but got null instead");
        }
    }

    @Nested
    class Checks {
        @Test
        void rangeAcceptsTheBoundsAndAbsenceAndRefusesOutsideAndNaN() {
            assertThatCode(() -> {
                JsonRequestReader.range("temperature", null, 0, 2);
                JsonRequestReader.range("temperature", 0.0, 0, 2);
                JsonRequestReader.range("temperature", 2.0, 0, 2);
            }).doesNotThrowAnyException();
            GatewayException e = refused(() -> JsonRequestReader.range("temperature", 2.5, 0, 2));
            assertThat(e.getMessage()).isEqualTo(
                    "Invalid value for 'temperature': expected a number between 0 and 2, but got 2.5 instead.");
            assertThat(e.param()).isEqualTo("temperature");
            assertThat(e.code()).isEqualTo("invalid_value");
            assertThat(refused(() -> JsonRequestReader.range("p", -3.0, -2, 2)).getMessage())
                    .contains("between -2 and 2, but got -3 instead");
            assertThat(refused(() -> JsonRequestReader.range("p", Double.NaN, 0, 1)).param()).isEqualTo("p");
        }

        @Test
        void betweenAndAtLeastAreForIntegers() {
            assertThatCode(() -> JsonRequestReader.between("n", 10, 1, 10)).doesNotThrowAnyException();
            assertThat(refused(() -> JsonRequestReader.between("n", 11, 1, 10)).getMessage()).isEqualTo(
                    "Invalid value for 'n': expected an integer between 1 and 10, but got 11 instead.");
            assertThatCode(() -> JsonRequestReader.atLeast("n", null, 1)).doesNotThrowAnyException();
            assertThat(refused(() -> JsonRequestReader.atLeast("n", 0, 1)).getMessage()).isEqualTo(
                    "Invalid value for 'n': expected an integer of at least 1, but got 0 instead.");
        }

        @Test
        void oneOfListsTheSupportedValuesInOrder() {
            assertThatCode(() -> {
                JsonRequestReader.oneOf("format", null, List.of("a", "b"));
                JsonRequestReader.oneOf("format", "b", List.of("a", "b"));
            }).doesNotThrowAnyException();
            GatewayException e = refused(() -> JsonRequestReader.oneOf("format", "c", List.of("a", "b")));
            assertThat(e.getMessage()).isEqualTo("Invalid value: 'c'. Supported values are: 'a', 'b'.");
            assertThat(e.param()).isEqualTo("format");
            assertThat(e.code()).isEqualTo("invalid_value");
        }

        @Test
        void oneOfEchoesOnlyAnExcerptOfALongValue() {
            String longValue = "x".repeat(39) + "yz-and-a-secret-tail";
            GatewayException e = refused(() -> JsonRequestReader.oneOf("format", longValue, List.of("a")));
            assertThat(e.getMessage()).isEqualTo("Invalid value: '" + "x".repeat(39) + "y...'. Supported values are: 'a'.");
        }

        @Test
        void missingEmptyAndTooLongNameTheParamAndCode() {
            GatewayException missing = JsonRequestReader.missing("a.b");
            assertThat(missing.getMessage()).isEqualTo("Missing required parameter: 'a.b'.");
            assertThat(missing.code()).isEqualTo("missing_required_parameter");
            assertThat(JsonRequestReader.emptyArray("xs").code()).isEqualTo("empty_array");
            assertThat(JsonRequestReader.emptyString("s").code()).isEqualTo("empty_string");
            GatewayException items = refused(() -> JsonRequestReader.maxItems("stop", 5, 4));
            assertThat(items.getMessage()).isEqualTo("Invalid 'stop': array too long. Expected an array with maximum "
                    + "length 4, but got an array with length 5 instead.");
            assertThat(items.code()).isEqualTo("array_above_max_length");
            assertThatCode(() -> JsonRequestReader.maxItems("stop", 4, 4)).doesNotThrowAnyException();
            assertThat(refused(() -> JsonRequestReader.maxChars("s", 6, 5)).code()).isEqualTo("string_above_max_length");
        }

        @Test
        void invalidTypeSaysWhatWasExpectedAndWhatCame() throws Exception {
            JsonNode value = MAPPER.readTree("1.5");
            GatewayException e = JsonRequestReader.invalidType("x", "an object", value);
            assertThat(e.getMessage()).isEqualTo("Invalid type for 'x': expected an object, but got a decimal instead.");
            assertThat(e.param()).isEqualTo("x");
            assertThat(e.code()).isEqualTo("invalid_type");
        }

        @Test
        void typeNamesReadAsInMessages() throws Exception {
            assertThat(List.of("\"s\"", "1", "1.5", "true", "[]", "{}", "null").stream()
                    .map(json -> {
                        try {
                            return JsonRequestReader.typeName(MAPPER.readTree(json));
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }).toList())
                    .containsExactly("a string", "an integer", "a decimal", "a boolean", "an array", "an object", "null");
        }
    }
}
