package io.gigagate.openai;

import io.gigagate.wire.WireJson;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: fixtures from the classpath and JSON tree comparison (numbers compared by value). */
public final class JsonAssertions {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonAssertions() {
    }

    public static byte[] fixture(String path) {
        try (InputStream in = JsonAssertions.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(byte[] json) {
        try {
            return WireJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode tree(String json) {
        return tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Serialises {@code value} with {@link WireJson} and parses the result back into a tree. */
    public static JsonNode written(Object value) {
        try {
            return tree(WireJson.mapper().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertSameJson(JsonNode actual, JsonNode expected) {
        assertThat(actual.equals(NUMBERS_BY_VALUE, expected))
                .as("expected %s%nbut was  %s", expected, actual)
                .isTrue();
    }
}
