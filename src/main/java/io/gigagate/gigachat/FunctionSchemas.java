package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas from OpenAI clients (tool parameters, structured output) to the subset GigaChat
 * takes. Pure. Each rule is one method; the order is fixed in {@link #normalised}.
 *
 * <p>GigaChat documents function parameters as "a JSON-Schema object" and nothing more; the rules
 * follow what gpt2giga learnt against the real API (inlined refs, no composition keywords, string
 * enums only, {@code properties} on every object) and keep what they drop as description text, so
 * the model still sees it.
 */
final class FunctionSchemas {

    /** Deeper than this is treated like a cycle: no agent tool needs it and it bounds the work. */
    static final int MAX_DEPTH = 24;
    /** The property a non-object root is wrapped in (and unwrapped from on the way back). */
    static final String WRAPPED_ROOT = "value";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> DROPPED = Set.of("$schema", "$id", "$defs", "definitions", "$comment",
            "$anchor", "$dynamicRef", "$dynamicAnchor");
    private static final Set<String> FORMATS_KEPT = Set.of("date", "date-time", "time");

    private FunctionSchemas() {
    }

    /** A function's parameters as GigaChat takes them; {@code wrapped} when the root was not an object. */
    record Parameters(ObjectNode schema, boolean wrapped) {
    }

    /** Tool parameters: normalised, with an object root. A missing schema is a function without arguments. */
    static Parameters parametersToGigaChat(JsonNode schema) {
        ObjectNode root = schema != null && schema.isObject() ? ((ObjectNode) schema).deepCopy() : NODES.objectNode();
        if (!root.has("type") && !root.has("$ref") && !root.has("anyOf") && !root.has("oneOf") && !root.has("allOf")) {
            root.put("type", "object"); // parameters are an object unless they say otherwise
        }
        return rootIsObject(toGigaChat(root));
    }

    /** Any client schema, normalised (the root keeps its type). */
    static ObjectNode toGigaChat(JsonNode schema) {
        JsonNode root = schema.isObject() ? schema : NODES.objectNode();
        return normalised(root, root, new ArrayDeque<>(), 0);
    }

    /**
     * GigaChat calls a function with an argument OBJECT, so a root that is not an object (an array,
     * a string) becomes the one required property {@code value}; a root without a type is an object.
     */
    static Parameters rootIsObject(ObjectNode schema) {
        String type = schema.path("type").asText("");
        if (type.equals("object")) {
            return new Parameters(schema, false);
        }
        ObjectNode wrapper = NODES.objectNode().put("type", "object");
        wrapper.putObject("properties").set(WRAPPED_ROOT, schema);
        wrapper.putArray("required").add(WRAPPED_ROOT);
        return new Parameters(wrapper, true);
    }

    private static ObjectNode normalised(JsonNode schema, JsonNode root, Deque<String> refs, int depth) {
        if (!schema.isObject()) {
            // `true` / `{}`-like boolean schemas: anything goes, which GigaChat cannot say
            return NODES.objectNode().put("type", "string");
        }
        ObjectNode s = ((ObjectNode) schema).deepCopy();
        if (depth > MAX_DEPTH) {
            return tooDeep(s);
        }
        if (s.has("$ref")) {
            s = refIsInlined(s, root, refs, depth);
        }
        s = allOfIsMerged(s, root, refs, depth);
        s = anyOfIsSimplified(s, "anyOf", root, refs, depth);
        s = anyOfIsSimplified(s, "oneOf", root, refs, depth);
        nullableTypeBecomesType(s);
        constBecomesEnum(s);
        nonStringEnumBecomesDescription(s);
        typeIsInferred(s);
        unsupportedFormatBecomesDescription(s);
        s.remove(DROPPED);
        nestedSchemasAreNormalised(s, root, refs, depth);
        objectHasProperties(s);
        arrayHasItems(s);
        return s;
    }

    /**
     * GigaChat does not resolve {@code $ref}: the target ({@code #/$defs/X}, {@code #/definitions/X}
     * or any local JSON pointer) is inlined, siblings of {@code $ref} win. A ref that is already being
     * expanded (a recursive type) or cannot be found becomes an open object with a note.
     */
    static ObjectNode refIsInlined(ObjectNode s, JsonNode root, Deque<String> refs, int depth) {
        String ref = s.path("$ref").asText("");
        s.remove("$ref");
        JsonNode target = localTarget(root, ref);
        if (target == null || target.isMissingNode() || refs.contains(ref)) {
            ObjectNode open = NODES.objectNode().put("type", "object");
            open.putObject("properties");
            appendNote(open, target == null || target.isMissingNode() ? "Unresolved reference " + ref + "."
                    : "Recursive structure (" + ref + "), same shape as its parent.");
            return merged(s, open);
        }
        refs.push(ref);
        try {
            return merged(s, normalised(target, root, refs, depth + 1));
        } finally {
            refs.pop();
        }
    }

    private static JsonNode localTarget(JsonNode root, String ref) {
        try {
            return ref.startsWith("#") ? root.at(ref.substring(1)) : null;
        } catch (IllegalArgumentException e) {
            return null; // not a JSON pointer
        }
    }

    /** GigaChat takes no {@code allOf}: its branches are merged (properties joined, required united). */
    static ObjectNode allOfIsMerged(ObjectNode s, JsonNode root, Deque<String> refs, int depth) {
        JsonNode allOf = s.remove("allOf");
        if (allOf == null || !allOf.isArray()) {
            return s;
        }
        ObjectNode out = s;
        for (JsonNode branch : allOf) {
            out = merged(out, normalised(branch, root, refs, depth + 1));
        }
        return out;
    }

    /**
     * GigaChat takes no {@code anyOf}/{@code oneOf}. Null branches go (a nullable X is X); one branch
     * left is merged in; with several, the first is kept and the others are named in the description.
     */
    static ObjectNode anyOfIsSimplified(ObjectNode s, String keyword, JsonNode root, Deque<String> refs, int depth) {
        JsonNode branches = s.remove(keyword);
        if (branches == null || !branches.isArray()) {
            return s;
        }
        List<ObjectNode> kept = new ArrayList<>();
        for (JsonNode branch : branches) {
            ObjectNode n = normalised(branch, root, refs, depth + 1);
            if (!"null".equals(n.path("type").asText())) {
                kept.add(n);
            }
        }
        if (kept.isEmpty()) {
            return s;
        }
        ObjectNode out = merged(s, kept.get(0));
        if (kept.size() > 1) {
            List<String> others = new ArrayList<>();
            for (ObjectNode other : kept.subList(1, kept.size())) {
                others.add(other.path("type").asText("any"));
            }
            appendNote(out, "Also accepted: " + String.join(", ", others) + ".");
        }
        return out;
    }

    /** GigaChat wants one type: {@code ["X", "null"]} is X; several non-null types keep the first, with a note. */
    static void nullableTypeBecomesType(ObjectNode s) {
        JsonNode type = s.get("type");
        if (type == null || !type.isArray()) {
            return;
        }
        List<String> types = new ArrayList<>();
        type.forEach(t -> {
            if (t.isTextual() && !t.asText().equals("null")) {
                types.add(t.asText());
            }
        });
        if (types.isEmpty()) {
            s.remove("type");
            return;
        }
        s.put("type", types.get(0));
        if (types.size() > 1) {
            appendNote(s, "Also accepted: " + String.join(", ", types.subList(1, types.size())) + ".");
        }
    }

    /** {@code const} is not in GigaChat's subset; it is a one-value enum. */
    static void constBecomesEnum(ObjectNode s) {
        JsonNode c = s.remove("const");
        if (c != null && !s.has("enum")) {
            s.putArray("enum").add(c);
        }
    }

    /**
     * GigaChat's enums are strings (gpt2giga drops the rest). Null values go; an enum with numbers
     * or booleans is removed, its type kept or inferred, and its values listed in the description
     * so the model still answers with one of them.
     */
    static void nonStringEnumBecomesDescription(ObjectNode s) {
        JsonNode en = s.get("enum");
        if (en == null || !en.isArray()) {
            return;
        }
        ArrayNode values = NODES.arrayNode();
        en.forEach(v -> {
            if (!v.isNull()) {
                values.add(v);
            }
        });
        boolean allStrings = true;
        for (JsonNode v : values) {
            allStrings &= v.isTextual();
        }
        if (allStrings) {
            s.set("enum", values);
            return;
        }
        s.remove("enum");
        if (!s.has("type")) {
            s.put("type", typeOfValues(values));
        }
        List<String> listed = new ArrayList<>();
        values.forEach(v -> listed.add(v.toString()));
        appendNote(s, "Allowed values: " + String.join(", ", listed) + ".");
    }

    private static String typeOfValues(ArrayNode values) {
        boolean integers = true;
        boolean numbers = true;
        boolean booleans = true;
        for (JsonNode v : values) {
            integers &= v.isIntegralNumber();
            numbers &= v.isNumber();
            booleans &= v.isBoolean();
        }
        return values.isEmpty() ? "string" : integers ? "integer" : numbers ? "number" : booleans ? "boolean" : "string";
    }

    /** GigaChat needs a type on every schema: objects and arrays by their keywords, anything else a string. */
    static void typeIsInferred(ObjectNode s) {
        if (s.has("type")) {
            return;
        }
        s.put("type", s.has("properties") || s.has("required") || s.has("additionalProperties") ? "object"
                : s.has("items") ? "array" : "string");
    }

    /** Only date formats are known to pass GigaChat; other formats move into the description. */
    static void unsupportedFormatBecomesDescription(ObjectNode s) {
        JsonNode format = s.get("format");
        if (format != null && !FORMATS_KEPT.contains(format.asText())) {
            s.remove("format");
            appendNote(s, "Format: " + format.asText() + ".");
        }
    }

    private static void nestedSchemasAreNormalised(ObjectNode s, JsonNode root, Deque<String> refs, int depth) {
        JsonNode props = s.get("properties");
        if (props != null && props.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                out.set(p.getKey(), normalised(p.getValue(), root, refs, depth + 1));
            }
            s.set("properties", out);
        }
        JsonNode items = s.get("items");
        if (items != null && items.isArray()) {
            // tuple form: GigaChat takes one item schema, the first
            items = items.isEmpty() ? NODES.objectNode() : items.get(0);
        }
        if (items != null) {
            s.set("items", normalised(items, root, refs, depth + 1));
        }
        s.remove("prefixItems");
        JsonNode additional = s.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            s.set("additionalProperties", normalised(additional, root, refs, depth + 1));
        }
    }

    /** GigaChat rejects an object schema without {@code properties} (a function without arguments included). */
    static void objectHasProperties(ObjectNode s) {
        if ("object".equals(s.path("type").asText()) && !s.path("properties").isObject()) {
            s.putObject("properties");
        }
    }

    /** An array needs an item schema; without one, items are strings (as gpt2giga sends them). */
    static void arrayHasItems(ObjectNode s) {
        if ("array".equals(s.path("type").asText()) && !s.path("items").isObject()) {
            s.putObject("items").put("type", "string");
        }
    }

    private static ObjectNode tooDeep(ObjectNode s) {
        ObjectNode open = NODES.objectNode().put("type", "object");
        open.putObject("properties");
        if (s.path("description").isTextual()) {
            open.put("description", s.get("description").asText());
        }
        appendNote(open, "Nested too deeply to describe.");
        return open;
    }

    /**
     * {@code base} with what {@code extra} adds: base's own keywords win (a description next to a
     * {@code $ref} stays), properties are joined and required lists united.
     */
    static ObjectNode merged(ObjectNode base, ObjectNode extra) {
        ObjectNode out = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = out.get(e.getKey());
            if (mine == null) {
                out.set(e.getKey(), e.getValue().deepCopy());
            } else if (e.getKey().equals("properties") && mine.isObject() && e.getValue().isObject()) {
                ObjectNode joined = ((ObjectNode) e.getValue()).deepCopy();
                joined.setAll((ObjectNode) mine);
                out.set("properties", joined);
            } else if (e.getKey().equals("required") && mine.isArray() && e.getValue().isArray()) {
                Set<String> seen = new java.util.LinkedHashSet<>();
                mine.forEach(r -> seen.add(r.asText()));
                e.getValue().forEach(r -> seen.add(r.asText()));
                ArrayNode req = out.putArray("required");
                seen.forEach(req::add);
            } else if (e.getKey().equals("description") && mine.isTextual() && e.getValue().isTextual()
                    && e.getValue().asText().startsWith("(") ) {
                out.put("description", mine.asText() + " " + e.getValue().asText());
            }
        }
        return out;
    }

    /** Notes the gateway adds are in parentheses after the client's own description. */
    static void appendNote(ObjectNode s, String note) {
        String description = s.path("description").asText("");
        s.put("description", description.isEmpty() ? "(" + note + ")" : description + " (" + note + ")");
    }
}
