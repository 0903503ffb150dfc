package io.gigagate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One response being made: its id, creation time and the request's settings echoed as OpenAI echoes them,
 * then its output items and ending. Both the JSON answer ({@link #completed}) and the stream (the
 * {@code response} of {@code response.created} and of the last event) are made here, so they are the same
 * object, written as the JSON bytes that are sent and stored. Pure; one per request, used by one thread at a time.
 */
public final class ResponseDraft {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Why a response ended, in the Responses API's words. */
    public enum Ending {
        COMPLETED("completed", null),
        MAX_OUTPUT_TOKENS("incomplete", "max_output_tokens"),
        CONTENT_FILTER("incomplete", "content_filter");

        final String status;
        final String reason;
        /** Its state fields, {@code status} to {@code incomplete_details}, as bytes after a comma. */
        final byte[] state;

        Ending(String status, String reason) {
            this.status = status;
            this.reason = reason;
            this.state = state(status, null, reason == null ? null : ascii("{\"reason\":\"" + reason + "\"}"));
        }

        /** From chat's finish reason ({@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}). */
        public static Ending of(String finishReason) {
            if ("length".equals(finishReason)) {
                return MAX_OUTPUT_TOKENS;
            }
            return "content_filter".equals(finishReason) ? CONTENT_FILTER : COMPLETED;
        }

        /** {@code response.completed} or {@code response.incomplete}. */
        public String eventType() {
            return "response." + status;
        }
    }

    private static final byte[] NULL = ascii("null");
    private static final byte[] IN_PROGRESS = state("in_progress", null, null);
    private static final byte[] OUTPUT_START = ascii(",\"output\":[");
    private static final byte[] OUTPUT_END_USAGE = ascii("],\"usage\":");
    private static final byte[] MESSAGE_ID = ascii("{\"id\":\"");
    private static final byte[] TEXT_PART = ascii("{\"type\":\"output_text\",\"text\":");
    private static final byte[] ANNOTATIONS = ascii(",\"annotations\":[");
    private static final byte[] LOGPROBS = ascii("],\"logprobs\":[]}");
    private static final byte[] EMPTY_PART = ascii("{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[],\"logprobs\":[]}");

    private final String id;
    private final long createdAt;
    private final ResponsesRequest request;
    private final Set<String> customTools;
    private final Map<String, String> namespaces;
    /**
     * The response's first fields ({@code {"id":...,"object":"response","created_at":...}} without its closing
     * brace), and the request's settings echoed ({@code instructions} to {@code metadata}, each after a comma):
     * written once, by the first state, the same bytes in every state after it.
     */
    private byte[] head;
    private byte[] settings;

    public ResponseDraft(String id, long createdAt, ResponsesRequest request, Set<String> customTools) {
        this(id, createdAt, request, customTools, Map.of());
    }

    /** @param namespaces the namespace of each tool declared inside a {@code namespace} tool, by name */
    public ResponseDraft(String id, long createdAt, ResponsesRequest request, Set<String> customTools,
                         Map<String, String> namespaces) {
        this.id = id;
        this.createdAt = createdAt;
        this.request = request;
        this.customTools = customTools == null ? Set.of() : customTools;
        this.namespaces = namespaces == null ? Map.of() : namespaces;
    }

    public String id() {
        return id;
    }

    public ResponsesRequest request() {
        return request;
    }

    /** Whether the function of this name is a custom tool (its calls are {@code custom_tool_call}s). */
    public boolean isCustomTool(String name) {
        return customTools.contains(name);
    }

    /** The response before any output: status {@code in_progress}, no usage; as JSON. */
    public byte[] inProgress() {
        return json(IN_PROGRESS, List.of(), NULL);
    }

    /**
     * The finished response, as JSON.
     *
     * @param output its output items, each as JSON ({@link WireJson#bytes}, {@link #messageItem})
     * @param usage  as {@link #usage(int, int, int, int, int)} wrote it
     */
    public byte[] finished(List<byte[]> output, Ending ending, byte[] usage) {
        return json(ending.state, output, usage);
    }

    /**
     * The failed response of a stream that broke after it began, as JSON. Its {@code error.code} is one of the
     * codes OpenAI's clients know for a response ({@code rate_limit_exceeded}, else {@code server_error}); the
     * gateway's own code, when it is another, is added to the message.
     */
    public byte[] failed(List<byte[]> output, String code, String message) {
        boolean known = "rate_limit_exceeded".equals(code) || "server_error".equals(code);
        ObjectNode error = NODES.objectNode().put("code", known ? code : "server_error")
                .put("message", known || code == null ? message : message + " (" + code + ")");
        return json(state("failed", WireJson.bytes(error), null), output, NULL);
    }

    /** The whole response for a chat completion (the JSON answer), as JSON. */
    public byte[] completed(ChatCompletion completion) {
        ChatCompletion.Choice choice = completion.choices().get(0);
        ChatCompletion.Message message = choice.message();
        List<byte[]> output = new ArrayList<>();
        if (message.reasoningContent() != null && !message.reasoningContent().isEmpty()) {
            output.add(WireJson.bytes(reasoningItem(ResponseIds.reasoning(), message.reasoningContent())));
        }
        for (ChatCompletion.BuiltInCall call : message.builtInCalls()) {
            ObjectNode item = builtInItem(call);
            if (item != null) {
                output.add(WireJson.bytes(item));
            }
        }
        boolean calls = message.toolCalls() != null && !message.toolCalls().isEmpty();
        String text = message.content();
        if (text != null && !text.isEmpty() || !calls) {
            List<ObjectNode> annotations = new ArrayList<>();
            if (message.annotations() != null) {
                for (ChatCompletion.Annotation annotation : message.annotations()) {
                    ChatCompletion.UrlCitation cited = annotation.urlCitation();
                    if (cited != null) {
                        annotations.add(urlCitation(cited.startIndex(), cited.endIndex(), cited.url(), cited.title()));
                    }
                }
            }
            output.add(messageItem(new SerializedString(ResponseIds.message()), "completed",
                    outputTextPart(WireJson.quoted(text == null ? "" : text), annotations)));
        }
        if (calls) {
            for (ChatCompletion.ToolCall call : message.toolCalls()) {
                output.add(WireJson.bytes(callItem(call.id(), call.function().name(), call.function().arguments(), "completed")));
            }
        }
        return finished(output, Ending.of(choice.finishReason()), usage(completion.usage()));
    }

    // ---- output items ----

    /** The output item for what one of GigaChat's own tools did ({@code web_search_call}...), or null. */
    public static ObjectNode builtInItem(ChatCompletion.BuiltInCall call) {
        if (call instanceof ChatCompletion.WebSearchCall search) {
            return webSearchItem(ResponseIds.webSearchCall(), search, "completed");
        }
        if (call instanceof ChatCompletion.ImageCall image) {
            return imageItem(ResponseIds.imageGenerationCall(), image, "completed");
        }
        if (call instanceof ChatCompletion.CodeCall code) {
            return codeItem(ResponseIds.codeInterpreterCall(), code, "completed");
        }
        return null; // a page read by URL content extraction: the Responses API has no tool that asks for it
    }

    /**
     * A {@code code_interpreter_call}: the code GigaChat ran, its printed output as one {@code logs} output
     * (none while in progress); {@code container_id} is empty, GigaChat names no container. When GigaChat only
     * said that its interpreter ran ({@code code} unknown), {@code code} and {@code outputs} are null, as the
     * API allows.
     */
    public static ObjectNode codeItem(String itemId, ChatCompletion.CodeCall code, String status) {
        ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "code_interpreter_call").put("status", status);
        if (code.code() == null) {
            return item.putNull("code").put("container_id", "").putNull("outputs");
        }
        item.put("code", "completed".equals(status) ? code.code() : "").put("container_id", "");
        ArrayNode outputs = item.putArray("outputs");
        if ("completed".equals(status)) {
            outputs.addObject().put("type", "logs").put("logs", code.output() == null ? "" : code.output());
        }
        return item;
    }

    /**
     * An {@code image_generation_call}: {@code result} is the JPEG GigaChat drew, base64 (null while in
     * progress); {@code output_format} jpeg, {@code revised_prompt} the prompt it drew from.
     */
    public static ObjectNode imageItem(String itemId, ChatCompletion.ImageCall image, String status) {
        ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "image_generation_call").put("status", status);
        if (image.image() != null && "completed".equals(status)) {
            item.put("result", java.util.Base64.getEncoder().encodeToString(image.image()));
        } else {
            item.putNull("result");
        }
        item.put("output_format", "jpeg");
        if (image.prompt() != null) {
            item.put("revised_prompt", image.prompt());
        }
        return item;
    }

    /**
     * A {@code web_search_call}: {@code action: {type: "search", query, sources: [{type: "url", url}]}}; the
     * query is the question GigaChat answered (it does not say what it searched), empty when unknown.
     */
    public static ObjectNode webSearchItem(String itemId, ChatCompletion.WebSearchCall search, String status) {
        ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "web_search_call").put("status", status);
        ObjectNode action = item.putObject("action").put("type", "search")
                .put("query", search.query() == null ? "" : search.query());
        ArrayNode sources = action.putArray("sources");
        for (ChatCompletion.WebPage page : search.pages()) {
            sources.addObject().put("type", "url").put("url", page.url());
        }
        return item;
    }

    /** An {@code output_text} part's {@code url_citation} annotation; a page without a title is titled by its url. */
    public static ObjectNode urlCitation(int start, int end, String url, String title) {
        return NODES.objectNode().put("type", "url_citation").put("start_index", start).put("end_index", end)
                .put("url", url).put("title", title == null ? url : title);
    }

    /**
     * A {@code message} item as JSON, written from bytes (the stream makes one for every answer).
     *
     * @param status {@code in_progress} or {@code completed}
     * @param part its one {@code output_text} part ({@link #outputTextPart}), or null for none yet
     */
    public static byte[] messageItem(SerializableString itemId, String status, byte[] part) {
        ByteArrayBuilder out = new ByteArrayBuilder(96 + (part == null ? 0 : part.length));
        out.write(MESSAGE_ID);
        out.write(itemId.asQuotedUTF8());
        out.write(ascii("\",\"type\":\"message\",\"status\":\"" + status + "\",\"role\":\"assistant\",\"content\":["));
        if (part != null) {
            out.write(part);
        }
        out.write(ascii("]}"));
        return out.toByteArray();
    }

    /**
     * An {@code output_text} part as JSON.
     *
     * @param text its text as a JSON string, quotes included ({@link WireJson#quoted})
     */
    public static byte[] outputTextPart(byte[] text, List<ObjectNode> annotations) {
        ByteArrayBuilder out = new ByteArrayBuilder(80 + text.length);
        out.write(TEXT_PART);
        out.write(text);
        out.write(ANNOTATIONS);
        joined(out, annotations.isEmpty() ? List.of() : annotations.stream().map(WireJson::bytes).toList());
        out.write(LOGPROBS);
        return out.toByteArray();
    }

    /** The {@code output_text} part a message starts with, no text yet: one shared array, to be written, not changed. */
    public static byte[] emptyTextPart() {
        return EMPTY_PART;
    }

    public static ObjectNode reasoningItem(String itemId, String summary) {
        ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (summary != null) {
            parts.add(summaryText(summary));
        }
        return item;
    }

    public static ObjectNode summaryText(String text) {
        return NODES.objectNode().put("type", "summary_text").put("text", text);
    }

    /** A call as a {@code function_call} item, or a {@code custom_tool_call} when the tool is a custom one. */
    public ObjectNode callItem(String callId, String name, String arguments, String status) {
        if (isCustomTool(name)) {
            return customCallItem(ResponseIds.customToolCall(), callId, name, customInput(arguments), status);
        }
        ObjectNode item = NODES.objectNode().put("id", ResponseIds.functionCall()).put("type", "function_call")
                .put("status", status).put("arguments", arguments).put("call_id", callId).put("name", name);
        String namespace = namespaces.get(name);
        if (namespace != null) {
            item.put("namespace", namespace);
        }
        return item;
    }

    public static ObjectNode customCallItem(String itemId, String callId, String name, String input, String status) {
        return NODES.objectNode().put("id", itemId).put("type", "custom_tool_call").put("status", status)
                .put("call_id", callId).put("name", name).put("input", input);
    }

    /** A custom tool's input from the arguments GigaChat gave its one-string function. */
    public static String customInput(String arguments) {
        try {
            JsonNode args = WireJson.mapper().readTree(arguments);
            JsonNode input = args == null ? null : args.get(ResponsesChatMapper.CUSTOM_INPUT);
            if (input != null && input.isTextual()) {
                return input.asText();
            }
            return input == null || input.isNull() ? "" : input.toString();
        } catch (IOException e) {
            return arguments;
        }
    }

    /** The usage a response carries, as JSON. */
    public static byte[] usage(ChatCompletion.Usage usage) {
        if (usage == null) {
            return usage(0, 0, 0, 0, 0);
        }
        return usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                usage.promptTokensDetails() == null ? 0 : usage.promptTokensDetails().cachedTokens(),
                usage.completionTokensDetails() == null ? 0 : usage.completionTokensDetails().reasoningTokens());
    }

    /** The usage a response carries, as JSON: numbers only, so written as text. */
    public static byte[] usage(int input, int output, int total, int cached, int reasoning) {
        return ascii("{\"input_tokens\":" + input + ",\"input_tokens_details\":{\"cached_tokens\":" + cached
                + "},\"output_tokens\":" + output + ",\"output_tokens_details\":{\"reasoning_tokens\":" + reasoning
                + "},\"total_tokens\":" + total + "}");
    }

    /**
     * The response object in OpenAI's order: its first fields ({@code id} to {@code created_at}), its state
     * ({@code status} to {@code incomplete_details}), the request's settings echoed, then {@code output} and
     * {@code usage}. The parts that do not change are written once; each state is their bytes in a row.
     */
    private byte[] json(byte[] state, List<byte[]> output, byte[] usage) {
        if (head == null) {
            writeHeadAndSettings();
        }
        int size = head.length + state.length + settings.length + OUTPUT_START.length + OUTPUT_END_USAGE.length
                + usage.length + output.size() + 1;
        for (byte[] item : output) {
            size += item.length;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(size);
        out.write(head);
        out.write(state);
        out.write(settings);
        out.write(OUTPUT_START);
        joined(out, output);
        out.write(OUTPUT_END_USAGE);
        out.write(usage);
        out.append('}');
        return out.toByteArray();
    }

    /** The state fields after a comma: {@code status}, {@code background}, {@code error}, {@code incomplete_details}. */
    private static byte[] state(String status, byte[] error, byte[] incompleteDetails) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        out.write(ascii(",\"status\":\"" + status + "\",\"background\":false,\"error\":"));
        out.write(error == null ? NULL : error);
        out.write(ascii(",\"incomplete_details\":"));
        out.write(incompleteDetails == null ? NULL : incompleteDetails);
        return out.toByteArray();
    }

    /**
     * Writes {@link #head} and {@link #settings} with one generator: the object's first fields, then the settings,
     * which as the generator writes them each begin with a comma; the closing brace is left out.
     */
    private void writeHeadAndSettings() {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        int settingsFrom;
        int settingsTo;
        try (JsonGenerator g = WireJson.mapper().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("object", "response");
            g.writeNumberField("created_at", createdAt);
            g.flush();
            settingsFrom = out.size();
            writeSettings(g);
            g.flush();
            settingsTo = out.size(); // closing the generator closes the object: that brace is not wanted
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a response", e);
        }
        byte[] written = out.toByteArray();
        head = Arrays.copyOfRange(written, 0, settingsFrom);
        settings = Arrays.copyOfRange(written, settingsFrom, settingsTo);
    }

    /** The settings' names and default values, encoded once (a response writes them all, whatever the request set). */
    private static final class Names {
        static final SerializableString INSTRUCTIONS = new SerializedString("instructions");
        static final SerializableString MAX_OUTPUT_TOKENS = new SerializedString("max_output_tokens");
        static final SerializableString MAX_TOOL_CALLS = new SerializedString("max_tool_calls");
        static final SerializableString MODEL = new SerializedString("model");
        static final SerializableString PARALLEL_TOOL_CALLS = new SerializedString("parallel_tool_calls");
        static final SerializableString PREVIOUS_RESPONSE_ID = new SerializedString("previous_response_id");
        static final SerializableString REASONING = new SerializedString("reasoning");
        static final SerializableString EFFORT = new SerializedString("effort");
        static final SerializableString SUMMARY = new SerializedString("summary");
        static final SerializableString SERVICE_TIER = new SerializedString("service_tier");
        static final SerializableString DEFAULT = new SerializedString("default");
        static final SerializableString STORE = new SerializedString("store");
        static final SerializableString TEMPERATURE = new SerializedString("temperature");
        static final SerializableString TEXT = new SerializedString("text");
        static final SerializableString FORMAT = new SerializedString("format");
        static final SerializableString TYPE = new SerializedString("type");
        static final SerializableString VERBOSITY = new SerializedString("verbosity");
        static final SerializableString TOOL_CHOICE = new SerializedString("tool_choice");
        static final SerializableString AUTO = new SerializedString("auto");
        static final SerializableString TOOLS = new SerializedString("tools");
        static final SerializableString TOP_P = new SerializedString("top_p");
        static final SerializableString TRUNCATION = new SerializedString("truncation");
        static final SerializableString DISABLED = new SerializedString("disabled");
        static final SerializableString USER = new SerializedString("user");
        static final SerializableString SAFETY_IDENTIFIER = new SerializedString("safety_identifier");
        static final SerializableString PROMPT_CACHE_KEY = new SerializedString("prompt_cache_key");
        static final SerializableString METADATA = new SerializedString("metadata");
        /** {@code temperature} and {@code top_p} when the request leaves them out, as OpenAI echoes them. */
        static final String ONE = "1.0";
    }

    /** The request's settings as the response echoes them, {@code instructions} to {@code metadata}. */
    private void writeSettings(JsonGenerator g) throws IOException {
        ResponsesRequest r = request;
        writeTextOrNull(g, Names.INSTRUCTIONS, r.instructions());
        writeIntOrNull(g, Names.MAX_OUTPUT_TOKENS, r.maxOutputTokens());
        writeIntOrNull(g, Names.MAX_TOOL_CALLS, r.maxToolCalls());
        g.writeFieldName(Names.MODEL);
        g.writeString(r.model());
        g.writeFieldName(Names.PARALLEL_TOOL_CALLS);
        g.writeBoolean(!Boolean.FALSE.equals(r.parallelToolCalls()));
        writeTextOrNull(g, Names.PREVIOUS_RESPONSE_ID, r.previousResponseId());
        g.writeFieldName(Names.REASONING);
        g.writeStartObject();
        g.writeFieldName(Names.EFFORT);
        writeTreeOrNull(g, r.reasoning() == null ? null : r.reasoning().get("effort"));
        g.writeFieldName(Names.SUMMARY);
        writeTreeOrNull(g, r.reasoning() == null ? null : r.reasoning().get("summary"));
        g.writeEndObject();
        g.writeFieldName(Names.SERVICE_TIER);
        g.writeString(Names.DEFAULT);
        g.writeFieldName(Names.STORE);
        g.writeBoolean(r.stored());
        writeNumberOrOne(g, Names.TEMPERATURE, r.temperature());
        g.writeFieldName(Names.TEXT);
        g.writeStartObject();
        g.writeFieldName(Names.FORMAT);
        if (r.text() != null && r.text().hasNonNull("format")) {
            WireJson.writeTree(g, r.text().get("format"));
        } else {
            g.writeStartObject();
            g.writeFieldName(Names.TYPE);
            g.writeString(Names.TEXT);
            g.writeEndObject();
        }
        if (r.text() != null && r.text().hasNonNull("verbosity")) {
            g.writeFieldName(Names.VERBOSITY);
            WireJson.writeTree(g, r.text().get("verbosity"));
        }
        g.writeEndObject();
        g.writeFieldName(Names.TOOL_CHOICE);
        if (r.toolChoice() == null || r.toolChoice().isNull()) {
            g.writeString(Names.AUTO);
        } else {
            WireJson.writeTree(g, r.toolChoice());
        }
        g.writeFieldName(Names.TOOLS);
        g.writeStartArray();
        if (r.tools() != null) {
            for (JsonNode tool : r.tools()) {
                WireJson.writeTree(g, echoTool(tool));
            }
        }
        g.writeEndArray();
        writeNumberOrOne(g, Names.TOP_P, r.topP());
        g.writeFieldName(Names.TRUNCATION);
        if (r.truncation() == null) {
            g.writeString(Names.DISABLED);
        } else {
            g.writeString(r.truncation());
        }
        writeTextOrNull(g, Names.USER, r.user());
        writeTextOrNull(g, Names.SAFETY_IDENTIFIER, r.safetyIdentifier());
        writeTextOrNull(g, Names.PROMPT_CACHE_KEY, r.promptCacheKey());
        g.writeFieldName(Names.METADATA);
        if (r.metadata() == null || r.metadata().isNull()) {
            g.writeStartObject();
            g.writeEndObject();
        } else {
            WireJson.writeTree(g, r.metadata());
        }
    }

    /** A function tool echoed with the keys OpenAI always writes ({@code parameters}, {@code strict}). */
    private static JsonNode echoTool(JsonNode tool) {
        if (!tool.isObject() || !"function".equals(tool.path("type").asText())) {
            return tool;
        }
        ObjectNode echo = ((ObjectNode) tool).deepCopy();
        if (!echo.has("parameters")) {
            echo.putNull("parameters");
        }
        if (!echo.has("strict")) {
            echo.put("strict", true);
        }
        if (!echo.has("description")) {
            echo.putNull("description");
        }
        return echo;
    }

    private static void writeIntOrNull(JsonGenerator g, SerializableString field, Integer value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void writeTextOrNull(JsonGenerator g, SerializableString field, String value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** A number the request may leave out, {@code 1.0} then. */
    private static void writeNumberOrOne(JsonGenerator g, SerializableString field, Double value) throws IOException {
        g.writeFieldName(field);
        if (value == null) {
            g.writeNumber(Names.ONE);
        } else {
            g.writeNumber(value);
        }
    }

    private static void writeTreeOrNull(JsonGenerator g, JsonNode value) throws IOException {
        if (value == null || value.isNull()) {
            g.writeNull();
        } else {
            WireJson.writeTree(g, value);
        }
    }

    /** JSON values one after another, comma-separated (an array's elements). */
    private static void joined(ByteArrayBuilder out, List<byte[]> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.write(values.get(i));
        }
    }

    private static byte[] ascii(String json) {
        return json.getBytes(StandardCharsets.US_ASCII);
    }
}
