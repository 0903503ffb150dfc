package io.gigagate.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration every wire shares (the fronts in front, GigaChat behind).
 *
 * <ul>
 *   <li>Unknown fields are ignored: clients send fields we have not modelled, and GigaChat adds
 *       fields without notice.</li>
 *   <li>No scalar coercion: {@code "temperature": "0.5"} or {@code "n": 1.5}, {@code "role": 7} or {@code "stream": 1} is a type error, as it
 *       is at OpenAI, instead of being silently converted.</li>
 *   <li>Numbers in free-form JSON (schemas, arguments) are kept as written ({@code 1.0} stays
 *       {@code 1.0}, large integers are not rounded).</li>
 *   <li>Output is UTF-8 and non-ASCII is not escaped (GigaChat counts fewer tokens for raw UTF-8), characters
 *       beyond the Basic Multilingual Plane (emoji) included: as their four bytes, not as two {@code \\u} escapes.</li>
 *   <li>Null handling is left to the records: each says with {@code @JsonInclude} what it omits.</li>
 * </ul>
 *
 * <p>An {@link ObjectMapper} is thread-safe once configured, so one instance is shared.
 */
public final class WireJson {

    /**
     * How deep JSON may nest. Real requests, tool schemas included, stay far below it; a body nested
     * thousands deep is an attack on the parser's stack and is refused as unparseable (400).
     */
    public static final int MAX_NESTING_DEPTH = 128;

    /**
     * Parser and generator buffers kept for reuse. Jackson's default keeps them per thread, which on
     * virtual threads (one per request, Java 21+) means fresh buffers for every request, each held
     * as long as its thread lives: a few tens of KB per open stream. A shared pool bounds them by the
     * number of JSON reads and writes running at once instead.
     */
    private static final int BUFFER_POOL_SIZE = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .recyclerPool(JsonRecyclerPools.newBoundedPool(BUFFER_POOL_SIZE))
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, bool -> bool
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();

    /**
     * What trees are written with ({@link #writeTree}): made once, as writing a tree through the mapper sets one up
     * for every call. A tree asks it only for settings, which never change.
     */
    private static final SerializerProvider TREES = MAPPER.getSerializerProviderInstance();

    private WireJson() {
    }

    /** Writes a tree with a generator, as {@code generator.writeTree(tree)} does without setting up a serializer. */
    public static void writeTree(JsonGenerator generator, JsonNode tree) throws IOException {
        tree.serialize(generator, TREES);
    }

    /** A tree as compact JSON, written as {@link #writeTree} writes it. */
    public static byte[] bytes(JsonNode tree) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            writeTree(generator, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a tree", e);
        }
        return out.toByteArray();
    }

    /** {@code text} as a JSON string, quotes included, escaped as every string the gateway writes. */
    public static byte[] quoted(String text) {
        ByteArrayBuilder out = new ByteArrayBuilder(text.length() + 16);
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            generator.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a string", e);
        }
        return out.toByteArray();
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
