package io.gigagate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.openai.ChatCompletion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One response being made: its id, creation time and the request's settings echoed as OpenAI echoes them,
 * then its output items and ending. Both the JSON answer ({@link #completed}) and the stream (the
 * {@code response} of {@code response.created} and of the last event) are made here, so they are the same
 * object. Pure; one per request.
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

    private final String id;
    private final long createdAt;
    private final ResponsesRequest request;
    private final Set<String> customTools;
    private final Map<String, String> namespaces;

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

    /** The response before any output: status {@code in_progress}, no usage. */
    public ObjectNode inProgress() {
        ObjectNode response = base("in_progress");
        response.putArray("output");
        response.putNull("usage");
        return response;
    }

    /** The finished response: its output items, its ending and usage. */
    public ObjectNode finished(List<ObjectNode> output, Ending ending, ObjectNode usage) {
        ObjectNode response = base(ending.status);
        if (ending.reason != null) {
            response.putObject("incomplete_details").put("reason", ending.reason);
        }
        response.putArray("output").addAll(output);
        response.set("usage", usage);
        return response;
    }

    /**
     * The failed response of a stream that broke after it began. Its {@code error.code} is one of the codes
     * OpenAI's clients know for a response ({@code rate_limit_exceeded}, else {@code server_error}); the
     * gateway's own code, when it is another, is added to the message.
     */
    public ObjectNode failed(List<ObjectNode> output, String code, String message) {
        ObjectNode response = base("failed");
        boolean known = "rate_limit_exceeded".equals(code) || "server_error".equals(code);
        response.putObject("error").put("code", known ? code : "server_error")
                .put("message", known || code == null ? message : message + " (" + code + ")");
        response.putArray("output").addAll(output);
        response.putNull("usage");
        return response;
    }

    /** The whole response for a chat completion (the JSON answer). */
    public ObjectNode completed(ChatCompletion completion) {
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
            JsonNode args = io.gigagate.wire.WireJson.mapper().readTree(arguments);
            JsonNode input = args == null ? null : args.get(ResponsesChatMapper.CUSTOM_INPUT);
            if (input != null && input.isTextual()) {
                return input.asText();
            }
            return input == null || input.isNull() ? "" : input.toString();
        } catch (java.io.IOException e) {
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

    /** The fields every state of the response has: ids, status, the request's settings echoed. */
    private ObjectNode base(String status) {
        ResponsesRequest r = request;
        ObjectNode response = NODES.objectNode().put("id", id).put("object", "response").put("created_at", createdAt)
                .put("status", status).put("background", false);
        response.putNull("error");
        response.putNull("incomplete_details");
        if (r.instructions() != null) {
            response.put("instructions", r.instructions());
        } else {
            response.putNull("instructions");
        }
        putIntOrNull(response, "max_output_tokens", r.maxOutputTokens());
        putIntOrNull(response, "max_tool_calls", r.maxToolCalls());
        response.put("model", r.model());
        response.put("parallel_tool_calls", !Boolean.FALSE.equals(r.parallelToolCalls()));
        putTextOrNull(response, "previous_response_id", r.previousResponseId());
        ObjectNode reasoning = response.putObject("reasoning");
        reasoning.set("effort", r.reasoning() != null && r.reasoning().hasNonNull("effort") ? r.reasoning().get("effort")
                : NODES.nullNode());
        reasoning.set("summary", r.reasoning() != null && r.reasoning().hasNonNull("summary")
                ? r.reasoning().get("summary") : NODES.nullNode());
        response.put("service_tier", "default");
        response.put("store", r.stored());
        response.put("temperature", r.temperature() == null ? 1.0 : r.temperature());
        ObjectNode text = response.putObject("text");
        if (r.text() != null && r.text().hasNonNull("format")) {
            text.set("format", r.text().get("format"));
        } else {
            text.putObject("format").put("type", "text");
        }
        if (r.text() != null && r.text().hasNonNull("verbosity")) {
            text.set("verbosity", r.text().get("verbosity"));
        }
        response.set("tool_choice", r.toolChoice() == null || r.toolChoice().isNull() ? NODES.textNode("auto")
                : r.toolChoice());
        ArrayNode tools = response.putArray("tools");
        if (r.tools() != null) {
            for (JsonNode tool : r.tools()) {
                tools.add(echoTool(tool));
            }
        }
        response.put("top_p", r.topP() == null ? 1.0 : r.topP());
        response.put("truncation", r.truncation() == null ? "disabled" : r.truncation());
        putTextOrNull(response, "user", r.user());
        putTextOrNull(response, "safety_identifier", r.safetyIdentifier());
        putTextOrNull(response, "prompt_cache_key", r.promptCacheKey());
        response.set("metadata", r.metadata() == null || r.metadata().isNull() ? NODES.objectNode() : r.metadata());
        return response;
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

    private static void putIntOrNull(ObjectNode node, String field, Integer value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static void putTextOrNull(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
