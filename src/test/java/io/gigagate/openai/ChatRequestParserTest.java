package io.gigagate.openai;

import io.gigagate.openai.OpenAiErrors;
import io.gigagate.error.GatewayException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChatRequestParserTest {

    private static ChatCompletionRequest parse(String json) {
        return ChatRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayException rejected(String json) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> parse(json));
        assertThat(e).as("expected a 400 for %s", json).isNotNull();
        assertThat(e.status()).isEqualTo(400);
        assertThat(OpenAiErrors.type(e.category())).isEqualTo("invalid_request_error");
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
        return e;
    }

    private static String withMessages(String extra) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    }

    @Nested
    class Body {
        @Test
        void emptyBodyIsRejectedWithoutParam() {
            GatewayException e = catchThrowableOfType(GatewayException.class, () -> ChatRequestParser.parse(new byte[0]));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith("We could not parse the JSON body of your request.");
            assertThat(e.param()).isNull();
            assertThat(e.code()).isNull();
        }

        @Test
        void whitespaceOnlyBodyIsRejectedLikeAnEmptyOne() {
            assertThat(rejected("   ").getMessage()).startsWith("We could not parse the JSON body");
        }

        @Test
        void malformedJsonIsRejectedWithoutEchoingIt() {
            GatewayException e = rejected("{\"messages\": [secret-text-here");
            assertThat(e.getMessage()).startsWith("We could not parse the JSON body").doesNotContain("secret");
            assertThat(e.param()).isNull();
        }

        @Test
        void trailingGarbageIsMalformed() {
            assertThat(rejected(withMessages("") + " {}").getMessage()).startsWith("We could not parse");
        }

        @Test
        void bodyThatIsNotAnObjectIsRejected() {
            assertThat(rejected("[1,2]").getMessage()).contains("expected an object");
            assertThat(rejected("\"hello\"").code()).isEqualTo("invalid_type");
        }

        @Test
        void unknownFieldsAreIgnored() {
            ChatCompletionRequest r = parse(withMessages(",\"brand_new\":{\"a\":[1]},\"x\":null"));
            assertThat(r.model()).isEqualTo("gpt-4o");
        }

        @Test
        void stopAsAStringIsReadAsAList() {
            assertThat(parse(withMessages(",\"stop\":\"END\"")).stop()).containsExactly("END");
            assertThat(parse(withMessages(",\"stop\":[\"a\",\"b\"]")).stop()).containsExactly("a", "b");
        }
    }

    @Nested
    class Types {
        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "{\"messages\":\"hi\"}|messages",
                "{\"messages\":[1]}|messages[0]",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"},{\"role\":7,\"content\":\"c\"}]}|messages[2].role",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"tool_calls\":{}}]}|messages[0].tool_calls",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"temperature\":\"hot\"}|temperature",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"temperature\":\"0.5\"}|temperature",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"n\":1.5}|n",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"max_tokens\":\"10\"}|max_tokens",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"stream\":\"true\"}|stream",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"stream\":1}|stream",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"user\":true}|user",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"stop\":5}|stop",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"stop\":[\"a\",3]}|stop[1]",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"stream_options\":{\"include_usage\":\"yes\"}}|stream_options.include_usage",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"extra_body\":{\"repetition_penalty\":\"x\"}}|extra_body.repetition_penalty",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"extra_body\":[1]}|extra_body",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"flags\":[1]}|flags[0]",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}],\"model\":{\"id\":\"x\"}}|model",
        })
        void wrongTypeNamesTheField(String json, String param) {
            GatewayException e = rejected(json);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.code()).isEqualTo("invalid_type");
            assertThat(e.getMessage()).startsWith("Invalid type for '" + param + "'");
        }

        @Test
        void integerOutOfRangeNamesTheField() {
            assertThat(rejected(withMessages(",\"max_tokens\":99999999999999999999")).param()).isEqualTo("max_tokens");
        }

        @Test
        void contentOfWrongTypeNamesTheContent() {
            GatewayException e = rejected("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":42}]}");
            assertThat(e.param()).isEqualTo("messages[1].content");
        }
    }

    @Nested
    class Messages {
        @Test
        void missingMessagesIsRejected() {
            GatewayException e = rejected("{\"model\":\"gpt-4o\"}");
            assertThat(e.param()).isEqualTo("messages");
            assertThat(e.getMessage()).isEqualTo("Missing required parameter: 'messages'.");
        }

        @Test
        void emptyMessagesIsRejected() {
            assertThat(rejected("{\"messages\":[]}").param()).isEqualTo("messages");
        }

        @Test
        void messageWithoutRoleIsRejected() {
            assertThat(rejected("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"content\":\"b\"}]}").param())
                    .isEqualTo("messages[1].role");
        }

        @Test
        void unknownRoleIsRejectedWithTheSupportedOnes() {
            GatewayException e = rejected("{\"messages\":[{\"role\":\"robot\",\"content\":\"a\"}]}");
            assertThat(e.param()).isEqualTo("messages[0].role");
            assertThat(e.getMessage()).contains("'robot'").contains("'developer'");
        }

        @Test
        void hugeRoleIsNotEchoedInFull() {
            String role = "x".repeat(10_000);
            GatewayException e = rejected("{\"messages\":[{\"role\":\"" + role + "\",\"content\":\"a\"}]}");
            assertThat(e.getMessage().length()).isLessThan(300);
        }

        @ParameterizedTest
        @CsvSource({"user", "system", "developer"})
        void messageThatNeedsContentWithoutContentIsRejected(String role) {
            assertThat(rejected("{\"messages\":[{\"role\":\"" + role + "\"}]}").param()).isEqualTo("messages[0].content");
            assertThat(rejected("{\"messages\":[{\"role\":\"" + role + "\",\"content\":null}]}").param())
                    .isEqualTo("messages[0].content");
        }

        @Test
        void assistantMessageMayHaveNullContent() {
            assertThat(parse("{\"messages\":[{\"role\":\"assistant\",\"content\":null}]}").messages()).hasSize(1);
        }

        @Test
        void toolMessageWithoutToolCallIdIsRejected() {
            assertThat(rejected("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"tool\",\"content\":\"1\"}]}")
                    .param()).isEqualTo("messages[1].tool_call_id");
        }

        @Test
        void explicitNullContentIsKeptApartFromAbsentContent() {
            List<ChatMessage> m = parse("{\"messages\":[{\"role\":\"assistant\",\"content\":null},{\"role\":\"assistant\"}]}")
                    .messages();
            assertThat(m.get(0).content()).isNotNull();
            assertThat(m.get(0).content().isNull()).isTrue();
            assertThat(m.get(1).content()).isNull();
        }
    }

    @Nested
    class Ranges {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                ",\"temperature\":2.5|temperature",
                ",\"temperature\":-0.1|temperature",
                ",\"top_p\":1.01|top_p",
                ",\"top_p\":-1|top_p",
                ",\"n\":0|n",
                ",\"max_tokens\":0|max_tokens",
                ",\"max_completion_tokens\":-5|max_completion_tokens",
                ",\"stop\":[\"1\",\"2\",\"3\",\"4\",\"5\"]|stop",
        })
        void valueOutOfRangeNamesTheField(String extra, String param) {
            GatewayException e = rejected(withMessages(extra));
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.getMessage()).contains("'" + param + "'");
        }

        @Test
        void temperatureMessageReadsLikeOpenAi() {
            assertThat(rejected(withMessages(",\"temperature\":3")).getMessage())
                    .isEqualTo("Invalid value for 'temperature': expected a number between 0 and 2, but got 3 instead.");
        }

        @Test
        void boundaryValuesAreAccepted() {
            ChatCompletionRequest r = parse(withMessages(",\"temperature\":0,\"top_p\":1,\"n\":1,\"max_tokens\":1,"
                    + "\"stop\":[\"1\",\"2\",\"3\",\"4\"]"));
            assertThat(r.temperature()).isZero();
            assertThat(r.stop()).hasSize(4);
        }
    }
}
