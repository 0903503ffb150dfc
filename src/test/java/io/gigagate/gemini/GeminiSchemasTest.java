package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GeminiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openApiSchemaBecomesJsonSchema() throws Exception {
        JsonNode schema = GeminiSchemas.toJsonSchema(JSON.readTree("""
                {"type": "OBJECT", "description": "a person",
                 "properties": {"name": {"type": "STRING", "nullable": true},
                                "tags": {"type": "ARRAY", "items": {"type": "STRING", "enum": ["a", "b"]}},
                                "age": {"type": "INTEGER", "format": "int32", "minimum": 0},
                                "any": {"anyOf": [{"type": "NUMBER"}, {"type": "BOOLEAN"}]},
                                "free": {"type": "TYPE_UNSPECIFIED"}},
                 "propertyOrdering": ["age", "tags"], "required": ["name"]}"""));

        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.has("propertyOrdering")).isFalse();
        assertThat(schema.get("properties").fieldNames()).toIterable().containsExactly("age", "tags", "name", "any", "free");
        assertThat(schema.at("/properties/name/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema.at("/properties/name/nullable").isMissingNode()).isTrue();
        assertThat(schema.at("/properties/tags/items/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/tags/items/enum").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(schema.at("/properties/age/format").asText()).isEqualTo("int32");
        assertThat(schema.at("/properties/any/anyOf/1/type").asText()).isEqualTo("boolean");
        assertThat(schema.at("/properties/free/type").isMissingNode()).isTrue();
        assertThat(schema.at("/required/0").asText()).isEqualTo("name");
        assertThat(schema.get("description").asText()).isEqualTo("a person");
    }

    @Test
    void nonObjectsPassUnchanged() {
        assertThat(GeminiSchemas.toJsonSchema(null)).isNull();
        assertThat(GeminiSchemas.toJsonSchema(JSON.getNodeFactory().textNode("x")).asText()).isEqualTo("x");
    }
}
