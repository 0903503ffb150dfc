package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * GigaChat's v2 chat contract on the emulator's side ({@code POST /api/v2/chat/completions}): a v2 request is
 * checked the way GigaChat checks it and read into the emulator's own v1-shaped view, so replies, faults,
 * responders and usage are the ones v1 has; the v1-shaped answer and stream chunks are then written in v2's
 * shapes. Written from GigaChat's recorded v2 traffic (shared/reference/gigachat-api.md §11): content as
 * parts ({@code text}, {@code files}, {@code function_call}, {@code function_result}), {@code model_options},
 * {@code tools: [{functions: {specifications}}, {web_search: {}}, ...]}, {@code tool_config}, {@code
 * tools_state_id} in requests and {@code tool_state_id} in answers, a {@code role: "reasoning"} message
 * before the answer, named stream events without {@code [DONE]}, and {@code storage}/{@code thread_id}; from the
 * official SDK's models and fixtures, the {@code tool_execution} state of the built-in tools that ran (in a
 * reasoning message; in streams, a {@code response.tool.completed} event).
 */
final class V2Wire {

    static final String DELTA = "response.message.delta";
    static final String DONE = "response.message.done";
    static final String TOOL_COMPLETED = "response.tool.completed";

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final Set<String> BUILT_IN_TOOLS = Set.of("web_search", "image_generate", "code_interpreter",
            "url_content_extraction", "model_3d_generate");

    private static final java.util.regex.Pattern IMAGE_TAG =
            java.util.regex.Pattern.compile("<img src=\"([^\"]+)\" fuse=\"true\"/>");

    /** One v2 stream event: its name and data. */
    record Event(String name, ObjectNode data) {
    }

    private V2Wire() {
    }

    /**
     * The emulator's v1-shaped view of a v2 request, with the earlier turns of its storage thread in front.
     *
     * @param ctx the emulator's state (its threads); null for a view of the request alone
     * @throws ApiError 422 for what GigaChat's v2 refuses
     */
    static ObjectNode toInternal(JsonNode v2, EmulatorContext ctx) {
        ObjectNode root = EmulatorContext.JSON.createObjectNode();
        JsonNode storage = v2.path("storage");
        String threadId = ctx == null ? null : storage.path("thread_id").asText(null);
        EmulatorContext.StoredThread thread = threadId == null ? null : ctx.threads.get(threadId);
        if (threadId != null && thread == null) {
            throw ApiError.of(404, "Thread not found");
        }
        if (v2.hasNonNull("model")) {
            root.set("model", v2.get("model"));
        } else if (thread != null) {
            root.put("model", thread.model());
        }
        JsonNode messages = v2.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalidParams("messages must be a non-empty array");
        }
        ArrayNode internal = root.putArray("messages");
        if (thread != null) {
            thread.messages().forEach(m -> internal.add(m.deepCopy()));
        }
        for (int i = 0; i < messages.size(); i++) {
            internal.add(message(messages.get(i), i));
        }
        JsonNode options = v2.path("model_options");
        for (String field : List.of("temperature", "top_p", "max_tokens", "repetition_penalty", "update_interval",
                "response_format")) {
            if (options.has(field)) {
                root.set(field, options.get(field));
            }
        }
        if (options.path("reasoning").hasNonNull("effort")) {
            root.set("reasoning_effort", options.path("reasoning").get("effort"));
        }
        tools(v2.path("tools"), v2.path("tool_config"), root);
        if (v2.has("stream")) {
            root.set("stream", v2.get("stream"));
        }
        if (v2.path("disable_filter").isBoolean()) {
            root.put("profanity_check", !v2.get("disable_filter").asBoolean());
        }
        for (String[] same : new String[][] {{"flags", "flags"}, {"ranker_options", "function_ranker"},
                {"storage", "storage"}}) {
            if (v2.has(same[0])) {
                root.set(same[1], v2.get(same[0]));
            }
        }
        return root;
    }

    private static ObjectNode message(JsonNode m, int i) {
        String at = "messages[" + i + "]";
        if (!m.isObject()) {
            throw ApiError.invalidParams(at + " must be an object");
        }
        String role = m.path("role").asText("");
        if (!ROLES.contains(role)) {
            throw ApiError.invalidParams(at + ".role must be one of system, user, assistant, tool");
        }
        JsonNode content = m.get("content");
        if (content == null || !content.isArray() || content.isEmpty()) {
            throw ApiError.invalidParams(at + ".content must be a non-empty array of content parts");
        }
        ObjectNode out = EmulatorContext.JSON.createObjectNode();
        out.put("role", "tool".equals(role) ? "function" : role);
        StringBuilder text = new StringBuilder();
        ArrayNode attachments = null;
        for (JsonNode part : content) {
            if (part.has("text")) {
                if (!part.get("text").isTextual()) {
                    throw ApiError.invalidParams(at + ".content[].text must be a string");
                }
                text.append(part.get("text").asText());
            } else if (part.has("files")) {
                for (JsonNode file : part.get("files")) {
                    if (!file.path("id").isTextual()) {
                        throw ApiError.invalidParams(at + ".content[].files[].id is required");
                    }
                    (attachments == null ? attachments = out.putArray("attachments") : attachments).add(file.get("id"));
                }
            } else if (part.has("function_call")) {
                if (!"assistant".equals(role)) {
                    throw ApiError.invalidParams(at + ": only assistant messages carry function_call");
                }
                JsonNode call = part.get("function_call");
                if (!call.path("arguments").isObject() && !call.path("arguments").isMissingNode()) {
                    throw ApiError.invalidParams(at + ".content[].function_call.arguments must be an object");
                }
                out.set("function_call", call);
            } else if (part.has("function_result")) {
                if (!"tool".equals(role)) {
                    throw ApiError.invalidParams(at + ": only tool messages carry function_result");
                }
                JsonNode result = part.get("function_result");
                if (!result.path("name").isTextual()) {
                    throw ApiError.invalidParams(at + ".content[].function_result.name is required");
                }
                out.set("name", result.get("name"));
                JsonNode value = result.path("result");
                text.append(value.isObject() ? value.toString()
                        : EmulatorContext.JSON.createObjectNode().set("result", value).toString());
            } else {
                throw ApiError.invalidParams(at + ".content[] has an unknown part type");
            }
        }
        if ("tool".equals(role) && !out.has("name")) {
            throw ApiError.invalidParams(at + ": a tool message must carry a function_result");
        }
        String state = m.path("tools_state_id").asText(null);
        if (state != null && "assistant".equals(role)) {
            out.put("functions_state_id", state);
        }
        out.put("content", text.toString());
        return out;
    }

    private static void tools(JsonNode tools, JsonNode config, ObjectNode root) {
        ArrayNode functions = null;
        ArrayNode builtIns = null;
        for (JsonNode tool : tools) {
            if (tool.has("functions")) {
                for (JsonNode spec : tool.path("functions").path("specifications")) {
                    (functions == null ? functions = root.putArray("functions") : functions).add(spec);
                }
                continue;
            }
            String name = tool.fieldNames().hasNext() ? tool.fieldNames().next() : "";
            if (!BUILT_IN_TOOLS.contains(name)) {
                throw ApiError.invalidParams("tools[] has an unknown tool: " + name);
            }
            (builtIns == null ? builtIns = root.putArray("builtin_tools") : builtIns).add(name);
        }
        String mode = config.path("mode").asText(null);
        if (mode == null) {
            return;
        }
        switch (mode) {
            case "auto", "none" -> root.put("function_call", mode);
            case "forced" -> {
                if (config.hasNonNull("function_name")) {
                    root.putObject("function_call").put("name", config.get("function_name").asText());
                } else if (config.hasNonNull("tool_name")) {
                    root.put("forced_builtin_tool", config.get("tool_name").asText());
                } else {
                    throw ApiError.invalidParams("tool_config.mode forced needs function_name or tool_name");
                }
            }
            default -> throw ApiError.invalidParams("tool_config.mode must be auto, none or forced");
        }
    }

    /**
     * A v1-shaped completion written as v2's answer.
     *
     * @param sources the built-in tools' results ({@code sources} for the text part's {@code inline_data},
     *                {@code parts} before the content), or null
     */
    static ObjectNode completion(ObjectNode v1, String threadId, ObjectNode sources) {
        ObjectNode out = head(v1);
        JsonNode choice = v1.path("choices").path(0);
        ArrayNode messages = out.putArray("messages");
        JsonNode message = choice.path("message");
        if (sources != null) {
            messages.add(toolsRan(sources));
        }
        if (message.hasNonNull("reasoning_content")) {
            messages.addObject().put("role", "reasoning").putArray("content").addObject()
                    .put("text", message.get("reasoning_content").asText());
        }
        messages.add(withSources(assistant(message), sources));
        out.put("finish_reason", choice.path("finish_reason").asText());
        out.set("usage", usage(v1.path("usage")));
        if (threadId != null) {
            out.put("thread_id", threadId);
            out.put("message_id", UUID.randomUUID().toString());
        }
        return out;
    }

    /**
     * A v1-shaped stream chunk written as v2's events: its pieces as a delta, its finish as the done event.
     *
     * @param sources the built-in tools' results to send with this chunk's text (as for {@link #completion}), or null
     */
    static List<Event> events(ObjectNode v1, String threadId, ObjectNode sources) {
        List<Event> out = new ArrayList<>();
        JsonNode choice = v1.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        if (delta.hasNonNull("reasoning_content") && !delta.get("reasoning_content").asText().isEmpty()) {
            ObjectNode data = head(v1);
            data.putArray("messages").addObject().putObject("reasoning")
                    .put("text", delta.get("reasoning_content").asText());
            out.add(new Event(DELTA, data));
        }
        boolean hasText = delta.path("content").isTextual() && !delta.get("content").asText().isEmpty();
        if (hasText && sources != null) { // the tools ran before the first text
            ObjectNode data = head(v1);
            data.putArray("messages").add(toolsRan(sources));
            out.add(new Event(TOOL_COMPLETED, data));
        }
        if (hasText || delta.has("function_call")) {
            ObjectNode data = head(v1);
            ObjectNode message = withSources(assistant(delta), sources);
            message.remove("tool_state_id"); // v2 sends the state id with the done event
            data.putArray("messages").add(message);
            out.add(new Event(DELTA, data));
        }
        if (choice.hasNonNull("finish_reason")) {
            ObjectNode data = head(v1);
            data.put("finish_reason", choice.get("finish_reason").asText());
            if (v1.has("usage")) {
                data.set("usage", usage(v1.get("usage")));
            }
            if (delta.hasNonNull("functions_state_id")) {
                data.put("tool_state_id", delta.get("functions_state_id").asText());
            }
            if (threadId != null) {
                data.put("thread_id", threadId);
            }
            out.add(new Event(DONE, data));
        }
        return out;
    }

    /**
     * The {@code role: "reasoning"} message that reports the built-in tools that ran: one {@code tool_execution}
     * part each ({@code {name, status: "success", seconds_left: 0, censored: false}}), then the assumed detail
     * parts when there are any.
     */
    private static ObjectNode toolsRan(ObjectNode results) {
        ObjectNode message = EmulatorContext.JSON.createObjectNode().put("role", "reasoning");
        ArrayNode content = message.putArray("content");
        for (JsonNode name : results.path("executed")) {
            content.addObject().putObject("tool_execution").put("name", name.asText()).put("status", "success")
                    .put("seconds_left", 0).put("censored", false);
        }
        results.path("parts").forEach(part -> content.add(part.deepCopy()));
        return message;
    }

    /** The message with {@code inline_data.sources} on its first text part, as web search answers carry them. */
    private static ObjectNode withSources(ObjectNode message, ObjectNode results) {
        if (results == null) {
            return message;
        }
        ObjectNode sources = results.hasNonNull("sources") ? (ObjectNode) results.get("sources") : null;
        if (sources != null) {
            for (JsonNode part : message.path("content")) {
                if (part.has("text")) {
                    ObjectNode inline = ((ObjectNode) part).putObject("inline_data");
                    inline.putArray("images");
                    inline.set("sources", sources);
                    break;
                }
            }
        }
        return message;
    }

    private static ObjectNode head(JsonNode v1) {
        ObjectNode out = EmulatorContext.JSON.createObjectNode();
        out.set("model", v1.path("model"));
        out.set("created_at", v1.path("created"));
        return out;
    }

    private static ObjectNode assistant(JsonNode v1Message) {
        ObjectNode message = EmulatorContext.JSON.createObjectNode();
        message.put("role", "assistant");
        ArrayNode content = message.putArray("content");
        String text = v1Message.path("content").asText("");
        java.util.regex.Matcher image = IMAGE_TAG.matcher(text);
        boolean drawn = false;
        while (image.find()) { // a drawn image: a files part, as v2 answers image_generate
            content.addObject().putArray("files").addObject().put("id", image.group(1)).put("mime", "image/jpeg")
                    .put("target", "image");
            drawn = true;
        }
        if (drawn) {
            text = IMAGE_TAG.matcher(text).replaceAll("").stripLeading();
        }
        if (!text.isEmpty() || content.isEmpty() && !v1Message.has("function_call")) {
            content.addObject().put("text", text);
        }
        if (v1Message.has("function_call")) {
            content.addObject().set("function_call", v1Message.get("function_call"));
        }
        if (v1Message.hasNonNull("functions_state_id")) {
            message.put("tool_state_id", v1Message.get("functions_state_id").asText());
        }
        return message;
    }

    private static ObjectNode usage(JsonNode v1) {
        ObjectNode usage = EmulatorContext.JSON.createObjectNode();
        int prompt = v1.path("prompt_tokens").asInt();
        usage.put("input_tokens", prompt);
        ObjectNode details = usage.putObject("input_tokens_details");
        details.put("prompt_tokens", prompt);
        details.put("cached_tokens", v1.path("precached_prompt_tokens").asInt());
        usage.put("output_tokens", v1.path("completion_tokens").asInt());
        usage.put("total_tokens", v1.path("total_tokens").asInt());
        return usage;
    }
}
