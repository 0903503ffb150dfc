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

        Ending(String status, String reason) {
            this.status = status;
            this.reason = reason;
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

    /** The names every state of the response writes, encoded once. */
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString OBJECT = new SerializedString("object");
    private static final SerializableString RESPONSE = new SerializedString("response");
    private static final SerializableString CREATED_AT = new SerializedString("created_at");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString BACKGROUND = new SerializedString("background");
    private static final SerializableString ERROR = new SerializedString("error");
    private static final SerializableString INCOMPLETE_DETAILS = new SerializedString("incomplete_details");
    private static final SerializableString OUTPUT = new SerializedString("output");
    private static final SerializableString USAGE = new SerializedString("usage");

    private final String id;
    private final long createdAt;
    private final ResponsesRequest request;
    private final Set<String> customTools;
    private final Map<String, String> namespaces;
    /** The settings echoed as the first state wrote them, for the next ones. */
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
        return json("in_progress", null, null, List.of(), null);
    }

    /** The finished response, as JSON: its output items, its ending and usage. */
    public byte[] finished(List<ObjectNode> output, Ending ending, ObjectNode usage) {
        return json(ending.status, null, ending.reason, output, usage);
    }

    /**
     * The failed response of a stream that broke after it began, as JSON. Its {@code error.code} is one of the
     * codes OpenAI's clients know for a response ({@code rate_limit_exceeded}, else {@code server_error}); the
     * gateway's own code, when it is another, is added to the message.
     */
    public byte[] failed(List<ObjectNode> output, String code, String message) {
        boolean known = "rate_limit_exceeded".equals(code) || "server_error".equals(code);
        ObjectNode error = NODES.objectNode().put("code", known ? code : "server_error")
                .put("message", known || code == null ? message : message + " (" + code + ")");
        return json("failed", error, null, output, null);
    }

    /** The whole response for a chat completion (the JSON answer), as JSON. */
    public byte[] completed(ChatCompletion completion) {
        ChatCompletion.Choice choice = completion.choices().get(0);
        ChatCompletion.Message message = choice.message();
        List<ObjectNode> output = new ArrayList<>();
        if (message.reasoningContent() != null && !message.reasoningContent().isEmpty()) {
            output.add(reasoningItem(ResponseIds.reasoning(), message.reasoningContent()));
        }
        for (ChatCompletion.BuiltInCall call : message.builtInCalls()) {
            ObjectNode item = builtInItem(call);
            if (item != null) {
                output.add(item);
            }
        }
        boolean calls = message.toolCalls() != null && !message.toolCalls().isEmpty();
        String text = message.content();
        if (text != null && !text.isEmpty() || !calls) {
            ObjectNode item = messageItem(ResponseIds.message(), text == null ? "" : text, "completed");
            if (message.annotations() != null) {
                ArrayNode annotations = (ArrayNode) item.at("/content/0/annotations");
                for (ChatCompletion.Annotation annotation : message.annotations()) {
                    ChatCompletion.UrlCitation cited = annotation.urlCitation();
                    if (cited != null) {
                        annotations.add(urlCitation(cited.startIndex(), cited.endIndex(), cited.url(), cited.title()));
                    }
                }
            }
            output.add(item);
        }
        if (calls) {
            for (ChatCompletion.ToolCall call : message.toolCalls()) {
                output.add(callItem(call.id(), call.function().name(), call.function().arguments(), "completed"));
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

    public static ObjectNode messageItem(String itemId, String text, String status) {
        ObjectNode item = NODES.objectNode().put("id", itemId).put("type", "message").put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    public static ObjectNode outputText(String text) {
        ObjectNode part = NODES.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
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

    public static ObjectNode usage(ChatCompletion.Usage usage) {
        if (usage == null) {
            return usage(0, 0, 0, 0, 0);
        }
        return usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                usage.promptTokensDetails() == null ? 0 : usage.promptTokensDetails().cachedTokens(),
                usage.completionTokensDetails() == null ? 0 : usage.completionTokensDetails().reasoningTokens());
    }

    public static ObjectNode usage(int input, int output, int total, int cached, int reasoning) {
        ObjectNode usage = NODES.objectNode().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", cached);
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        usage.put("total_tokens", total);
        return usage;
    }

    /**
     * The response object, written field by field in OpenAI's order: its state ({@code id} to
     * {@code incomplete_details}), the request's settings echoed (written by the first state, then the same bytes
     * again), then {@code output} and {@code usage}.
     */
    private byte[] json(String status, ObjectNode error, String incompleteReason, List<ObjectNode> output,
                        ObjectNode usage) {
        ByteArrayBuilder out = new ByteArrayBuilder(settings == null ? 2048 : settings.length + 256 + 512 * output.size());
        int settingsFrom = -1;
        int settingsTo = -1;
        try (JsonGenerator g = WireJson.mapper().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(ID);
            g.writeString(id);
            g.writeFieldName(OBJECT);
            g.writeString(RESPONSE);
            g.writeFieldName(CREATED_AT);
            g.writeNumber(createdAt);
            g.writeFieldName(STATUS);
            g.writeString(status);
            g.writeFieldName(BACKGROUND);
            g.writeBoolean(false);
            writeTreeOrNull(g, ERROR, error);
            g.writeFieldName(INCOMPLETE_DETAILS);
            if (incompleteReason == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeStringField("reason", incompleteReason);
                g.writeEndObject();
            }
            g.flush();
            if (settings == null) {
                settingsFrom = out.size();
                writeSettings(g);
                g.flush();
                settingsTo = out.size(); // each field after a comma, as the generator wrote them: kept below
            } else {
                out.write(settings); // whole fields after a comma: the generator goes on after them
            }
            g.writeFieldName(OUTPUT);
            g.writeStartArray();
            for (ObjectNode item : output) {
                WireJson.writeTree(g, item);
            }
            g.writeEndArray();
            writeTreeOrNull(g, USAGE, usage);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a response", e);
        }
        byte[] json = out.toByteArray();
        if (settingsFrom >= 0) {
            settings = Arrays.copyOfRange(json, settingsFrom, settingsTo);
        }
        return json;
    }

    /** The request's settings as the response echoes them, {@code instructions} to {@code metadata}. */
    private void writeSettings(JsonGenerator g) throws IOException {
        ResponsesRequest r = request;
        writeTextOrNull(g, "instructions", r.instructions());
        writeIntOrNull(g, "max_output_tokens", r.maxOutputTokens());
        writeIntOrNull(g, "max_tool_calls", r.maxToolCalls());
        g.writeStringField("model", r.model());
        g.writeBooleanField("parallel_tool_calls", !Boolean.FALSE.equals(r.parallelToolCalls()));
        writeTextOrNull(g, "previous_response_id", r.previousResponseId());
        g.writeObjectFieldStart("reasoning");
        writeTreeOrNull(g, "effort", r.reasoning() == null ? null : r.reasoning().get("effort"));
        writeTreeOrNull(g, "summary", r.reasoning() == null ? null : r.reasoning().get("summary"));
        g.writeEndObject();
        g.writeStringField("service_tier", "default");
        g.writeBooleanField("store", r.stored());
        g.writeNumberField("temperature", r.temperature() == null ? 1.0 : r.temperature());
        g.writeObjectFieldStart("text");
        if (r.text() != null && r.text().hasNonNull("format")) {
            g.writeFieldName("format");
            WireJson.writeTree(g, r.text().get("format"));
        } else {
            g.writeObjectFieldStart("format");
            g.writeStringField("type", "text");
            g.writeEndObject();
        }
        if (r.text() != null && r.text().hasNonNull("verbosity")) {
            g.writeFieldName("verbosity");
            WireJson.writeTree(g, r.text().get("verbosity"));
        }
        g.writeEndObject();
        if (r.toolChoice() == null || r.toolChoice().isNull()) {
            g.writeStringField("tool_choice", "auto");
        } else {
            g.writeFieldName("tool_choice");
            WireJson.writeTree(g, r.toolChoice());
        }
        g.writeArrayFieldStart("tools");
        if (r.tools() != null) {
            for (JsonNode tool : r.tools()) {
                WireJson.writeTree(g, echoTool(tool));
            }
        }
        g.writeEndArray();
        g.writeNumberField("top_p", r.topP() == null ? 1.0 : r.topP());
        g.writeStringField("truncation", r.truncation() == null ? "disabled" : r.truncation());
        writeTextOrNull(g, "user", r.user());
        writeTextOrNull(g, "safety_identifier", r.safetyIdentifier());
        writeTextOrNull(g, "prompt_cache_key", r.promptCacheKey());
        if (r.metadata() == null || r.metadata().isNull()) {
            g.writeObjectFieldStart("metadata");
            g.writeEndObject();
        } else {
            g.writeFieldName("metadata");
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

    private static void writeIntOrNull(JsonGenerator g, String field, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    private static void writeTextOrNull(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    /** A field whose value is a tree, or null when there is none. */
    private static void writeTreeOrNull(JsonGenerator g, String field, JsonNode value) throws IOException {
        g.writeFieldName(field);
        writeTreeOrNull(g, value);
    }

    private static void writeTreeOrNull(JsonGenerator g, SerializableString field, JsonNode value) throws IOException {
        g.writeFieldName(field);
        writeTreeOrNull(g, value);
    }

    private static void writeTreeOrNull(JsonGenerator g, JsonNode value) throws IOException {
        if (value == null || value.isNull()) {
            g.writeNull();
        } else {
            WireJson.writeTree(g, value);
        }
    }
}
