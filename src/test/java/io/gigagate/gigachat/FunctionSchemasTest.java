package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatRequestParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.gigagate.openai.JsonAssertions.fixture;
import static io.gigagate.openai.JsonAssertions.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FunctionSchemas} and {@link FunctionNames} on what agent tools really send. The rule-by-rule
 * fixture pairs are in {@link ChatRequestMapperTest}; here, the invariants GigaChat needs hold for a
 * whole MCP-style tool list (zod and pydantic schemas, dotted and dashed names, 20+ tools).
 */
class FunctionSchemasTest {

    @Nested
    class McpStyleToolList {
        private final List<GigaChatChatRequest.Function> functions = new ChatRequestMapper()
                .toGigaChat(ChatRequestParser.parse(fixture("chat/mcp-style-tool-list.openai.json")), "GigaChat")
                .functions();

        @Test
        void everyToolReachesGigaChatUnderAnAcceptedUniqueName() {
            assertThat(functions).hasSizeGreaterThanOrEqualTo(20);
            Set<String> names = new HashSet<>();
            for (GigaChatChatRequest.Function f : functions) {
                assertThat(f.name()).matches("[A-Za-z][A-Za-z0-9_]*");
                assertThat(names.add(f.name())).as("unique %s", f.name()).isTrue();
            }
            assertThat(names).contains("filesystem__read_file", "github_create_issue", "time_now", "fn_3d_render");
        }

        @Test
        void everySchemaIsAnObjectRootWithoutRefsOrCompositionAndWithTypes() {
            for (GigaChatChatRequest.Function f : functions) {
                assertThat(f.parameters().path("type").asText()).as(f.name()).isEqualTo("object");
                assertGigaChatReadable(f.parameters(), f.name());
            }
        }

        @Test
        void pydanticRefsAndNumberEnumsAreInlined() {
            JsonNode issue = functions.stream().filter(f -> f.name().equals("github_create_issue")).findFirst()
                    .orElseThrow().parameters();
            assertThat(issue.at("/properties/labels/items/properties/name/type").asText()).isEqualTo("string");
            assertThat(issue.at("/properties/labels/items/properties/color/type").asText()).isEqualTo("string");
            assertThat(issue.at("/properties/priority/type").asText()).isEqualTo("integer");
            assertThat(issue.at("/properties/priority/description").asText()).contains("1, 2, 3");
        }

        private void assertGigaChatReadable(JsonNode schema, String at) {
            for (String banned : List.of("$ref", "$defs", "definitions", "anyOf", "oneOf", "allOf", "$schema", "const")) {
                assertThat(schema.has(banned)).as("%s has %s", at, banned).isFalse();
            }
            assertThat(schema.path("type").isTextual()).as("%s has one type: %s", at, schema).isTrue();
            if (schema.path("type").asText().equals("object")) {
                assertThat(schema.path("properties").isObject()).as("%s has properties", at).isTrue();
                schema.path("properties").fields().forEachRemaining(p -> assertGigaChatReadable(p.getValue(),
                        at + "." + p.getKey()));
            }
            if (schema.path("type").asText().equals("array")) {
                assertGigaChatReadable(schema.path("items"), at + "[]");
            }
            schema.path("enum").forEach(v -> assertThat(v.isTextual()).as("%s enum", at).isTrue());
        }
    }

    @Nested
    class Cycles {
        @Test
        void aSelfReferencingRootTerminates() {
            JsonNode schema = tree("""
                    {"$ref":"#","type":"object","properties":{"child":{"$ref":"#"}}}""");
            assertThat(FunctionSchemas.parametersToGigaChat(schema).schema().toString()).contains("Recursive");
        }

        @Test
        void mutuallyRecursiveDefinitionsTerminate() {
            JsonNode schema = tree("""
                    {"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},
                     "$defs":{"A":{"type":"object","properties":{"b":{"$ref":"#/$defs/B"}}},
                              "B":{"type":"object","properties":{"a":{"$ref":"#/$defs/A"}}}}}""");
            JsonNode out = FunctionSchemas.parametersToGigaChat(schema).schema();
            assertThat(out.at("/properties/a/properties/b/properties/a/type").asText()).isEqualTo("object");
            assertThat(out.at("/properties/a/properties/b/properties/a/description").asText()).contains("Recursive");
        }

        @Test
        void anUnresolvableRefBecomesAnOpenObject() {
            JsonNode out = FunctionSchemas.parametersToGigaChat(tree("""
                    {"type":"object","properties":{"x":{"$ref":"https://example.com/s.json"}}}""")).schema();
            assertThat(out.at("/properties/x/type").asText()).isEqualTo("object");
            assertThat(out.at("/properties/x/properties").isObject()).isTrue();
        }
    }

    @Nested
    class Names {
        @Test
        void acceptedNamesStayAndOthersAreRenamedWithoutCollisions() {
            FunctionNames names = FunctionNames.of(List.of("a_b", "a-b", "a.b", "Погода"));
            assertThat(names.toGigaChat("a_b")).isEqualTo("a_b");
            assertThat(names.toGigaChat("a-b")).isEqualTo("a_b_2");
            assertThat(names.toGigaChat("a.b")).isEqualTo("a_b_3");
            assertThat(names.toGigaChat("Погода")).isEqualTo("Pogoda");
            assertThat(names.toClient("a_b_3")).isEqualTo("a.b");
        }

        @Test
        void aNameNotStartingWithALetterGetsAPrefix() {
            assertThat(FunctionNames.sanitised("1tool")).isEqualTo("fn_1tool");
            assertThat(FunctionNames.sanitised("_private")).isEqualTo("fn__private");
        }
    }
}
