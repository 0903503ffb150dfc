package io.gigagate.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's OpenAPI-style {@code Schema} (function {@code parameters}, {@code responseSchema}) as JSON
 * Schema, which the chat steps then normalise for GigaChat like any chat tool's schema:
 * {@code type} words are lower-cased ({@code OBJECT} → {@code object}, {@code TYPE_UNSPECIFIED} dropped),
 * {@code nullable: true} becomes a {@code [type, "null"]} type, {@code propertyOrdering} orders
 * {@code properties} and goes; everything else ({@code enum}, {@code format}, {@code required},
 * {@code items}, {@code anyOf}, bounds, descriptions) is kept as it is. Pure.
 */
public final class GeminiSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 64;

    private GeminiSchemas() {
    }

    /** The schema as JSON Schema; anything that is not an object is returned unchanged. */
    public static JsonNode toJsonSchema(JsonNode schema) {
        return convert(schema, 0);
    }

    private static JsonNode convert(JsonNode schema, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return schema;
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "type" -> {
                    String type = value.isTextual() ? value.asText().toLowerCase(Locale.ROOT) : null;
                    if (type != null && !type.equals("type_unspecified") && !type.isEmpty()) {
                        out.put("type", type);
                    } else if (!value.isTextual()) {
                        out.set("type", value);
                    }
                }
                case "nullable", "propertyOrdering", "property_ordering" -> {
                    // applied below
                }
                case "properties" -> out.set("properties", properties(value, schema, depth));
                case "items", "additionalProperties", "not" -> out.set(key, convert(value, depth + 1));
                case "anyOf", "oneOf", "allOf", "prefixItems" -> out.set(key, each(value, depth));
                case "$defs", "definitions" -> out.set(key, values(value, depth));
                default -> out.set(key, value);
            }
        }
        if (schema.path("nullable").asBoolean(false) && out.path("type").isTextual()) {
            ArrayNode types = NODES.arrayNode().add(out.get("type").asText()).add("null");
            out.set("type", types);
        }
        return out;
    }

    /** {@code properties}, converted, in {@code propertyOrdering}'s order first. */
    private static JsonNode properties(JsonNode properties, JsonNode schema, int depth) {
        if (!properties.isObject()) {
            return properties;
        }
        ObjectNode out = NODES.objectNode();
        JsonNode ordering = schema.has("propertyOrdering") ? schema.get("propertyOrdering") : schema.get("property_ordering");
        if (ordering != null && ordering.isArray()) {
            for (JsonNode name : ordering) {
                if (name.isTextual() && properties.has(name.asText())) {
                    out.set(name.asText(), convert(properties.get(name.asText()), depth + 1));
                }
            }
        }
        properties.fields().forEachRemaining(p -> {
            if (!out.has(p.getKey())) {
                out.set(p.getKey(), convert(p.getValue(), depth + 1));
            }
        });
        return out;
    }

    private static JsonNode each(JsonNode list, int depth) {
        if (!list.isArray()) {
            return list;
        }
        ArrayNode out = NODES.arrayNode();
        list.forEach(s -> out.add(convert(s, depth + 1)));
        return out;
    }

    private static JsonNode values(JsonNode map, int depth) {
        if (!map.isObject()) {
            return map;
        }
        ObjectNode out = NODES.objectNode();
        map.fields().forEachRemaining(e -> out.set(e.getKey(), convert(e.getValue(), depth + 1)));
        return out;
    }
}
