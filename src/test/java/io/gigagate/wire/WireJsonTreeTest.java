package io.gigagate.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link WireJson#writeTree} writes what the mapper writes, for every kind of node a request's tree holds, and
 * bytes and text agree (the UTF-8 writer does not escape emoji as surrogate pairs); so do {@link WireJson#bytes}
 * and {@link WireJson#quoted}, the pieces a response is put together from.
 */
class WireJsonTreeTest {

    @Test
    void writesTreesAsTheMapperDoes() throws Exception {
        JsonNode tree = WireJson.mapper().readTree("""
                {"text": "Привет \\"мир\\"\\n\\t\\u0001 🙂", "int": 7, "big": 123456789012345678901234567890,
                 "decimal": 1.0, "exp": 1.5E+3, "negative": -0.25, "null": null, "yes": true, "no": false,
                 "empty": {}, "none": [], "nested": [{"a": [1, [2, {"b": null}]]}, "x", 2.50]}""");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = WireJson.mapper().createGenerator(out)) {
            WireJson.writeTree(g, tree);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(new String(WireJson.mapper().writeValueAsBytes(tree), StandardCharsets.UTF_8))
                .isEqualTo(WireJson.mapper().writeValueAsString(tree))
                .contains("\"decimal\":1.0", "\"big\":123456789012345678901234567890", "\"none\":[]", "\"null\":null",
                        "Привет", "🙂"); // raw UTF-8, emoji too: no \\u escapes for GigaChat to count as tokens
    }

    @Test
    void bytesAndQuotedStringsAreWhatTheMapperWrites() throws Exception {
        JsonNode tree = WireJson.mapper().readTree("{\"a\": [1, 2.50, null], \"b\": \"Привет 🙂\"}");
        String text = "Tab\t, \"quoted\", back\\slash, \u0001, Привет 🙂, and a lone \ud83d";

        assertThat(WireJson.bytes(tree)).isEqualTo(WireJson.mapper().writeValueAsBytes(tree));
        assertThat(WireJson.quoted(text)).isEqualTo(WireJson.mapper().writeValueAsBytes(text));
        assertThat(WireJson.mapper().readTree(WireJson.quoted(text)).asText()).isEqualTo(text);
        assertThat(new String(WireJson.quoted("🙂"), StandardCharsets.UTF_8)).isEqualTo("\"🙂\"");
    }
}
