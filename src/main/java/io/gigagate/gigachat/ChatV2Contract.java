package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * GigaChat's v2 chat contract ({@code /api/v2/chat/completions}) as a translation of the v1 one the gateway
 * builds: a v1 {@link GigaChatChatRequest} becomes the v2 request, and v2 answers and stream events become
 * the v1 {@link GigaChatChatResponse} and {@link GigaChatChatChunk} the rest of the gateway reads. So every
 * front, tool rule and stream step works on either contract, and v2 is a property of the upstream door.
 *
 * <p>The v2 wire, as GigaChat's official SDK sends it and its recorded traffic shows:
 * <ul>
 *   <li>messages carry {@code content} as an array of parts: {@code {text}}, {@code {files: [{id}]}},
 *       {@code {function_call: {name, arguments}}}, {@code {function_result: {name, result}}}; a function's
 *       result is {@code role: "tool"}; the assistant turn that called it and the result both carry
 *       {@code tools_state_id};</li>
 *   <li>sampling settings, reasoning effort and {@code response_format} sit in {@code model_options};</li>
 *   <li>functions are one tool, {@code tools: [{functions: {specifications: [...]}}]}, chosen through
 *       {@code tool_config: {mode: "auto" | "forced", function_name}}; v1's {@code function_call: "none"}
 *       sends no functions (as gpt2giga does: no recorded v2 traffic shows a "none" mode); GigaChat's
 *       built-in tools sit beside them ({@code {web_search: {}}}, ...);</li>
 *   <li>{@code disable_filter} is the inverse of v1's {@code profanity_check}; {@code function_ranker} is
 *       {@code ranker_options};</li>
 *   <li>answers: {@code {model, created_at, messages: [{role, content: [parts], tool_state_id}],
 *       finish_reason, usage: {input_tokens, input_tokens_details: {cached_tokens}, output_tokens,
 *       total_tokens}}}; reasoning comes as a message of {@code role: "reasoning"} before the answer; a generated
 *       image is a {@code files} part ({@code {id, mime, target: "image"}}), read as v1's
 *       {@code <img src="id" fuse="true"/>} so both contracts' images are found alike; that a built-in tool ran
 *       is a {@code tool_execution} part ({@code {name, status, seconds_left, censored}}, in a message of
 *       {@code role: "reasoning"} or on the message itself, as the official SDK models it): a code interpreter or
 *       URL content extraction that reports {@code success} is a run whose code, output or page is unknown
 *       (recorded answers of both carry only the answer's text); what the code interpreter ran
 *       ({@code {code_interpreter: {code, output}}}) and which page URL content extraction read
 *       ({@code {url_content_extraction: {url, title}}}) are read from parts whose shape is the emulator's
 *       assumption (no recorded traffic shows them), and take the place of the unknown run;</li>
 *   <li>streams: named events {@code response.message.delta} (message pieces), {@code response.tool.completed}
 *       (a built-in tool's {@code tool_execution}) and {@code response.message.done} (finish reason, usage), no
 *       {@code [DONE]}.</li>
 * </ul>
 * The state id is read under each of its spellings ({@code tool_state_id}, {@code tools_state_id},
 * {@code functions_state_id}), as the official SDK does.
 */
public final class ChatV2Contract {

    private final ObjectMapper json;

    public ChatV2Contract(ObjectMapper json) {
        this.json = json;
    }

    // ---------------------------------------------------------------------------------- request

    /** The v2 request for a v1 one. */
    public ObjectNode request(GigaChatChatRequest v1) {
        ObjectNode out = json.createObjectNode();
        if (v1.model() != null) {
            out.put("model", v1.model());
        }
        out.set("messages", messages(v1.messages()));
        ObjectNode options = json.createObjectNode();
        putIfPresent(options, "temperature", v1.temperature());
        putIfPresent(options, "top_p", v1.topP());
        if (v1.maxTokens() != null) {
            options.put("max_tokens", v1.maxTokens());
        }
        putIfPresent(options, "repetition_penalty", v1.repetitionPenalty());
        putIfPresent(options, "update_interval", v1.updateInterval());
        if (v1.reasoningEffort() != null) {
            options.putObject("reasoning").put("effort", v1.reasoningEffort());
        }
        if (v1.responseFormat() != null) {
            options.set("response_format", json.valueToTree(v1.responseFormat()));
        }
        if (!options.isEmpty()) {
            out.set("model_options", options);
        }
        boolean noFunctions = v1.functionCall() != null && "none".equals(v1.functionCall().asText(null));
        ArrayNode tools = json.createArrayNode();
        if (v1.functions() != null && !v1.functions().isEmpty() && !noFunctions) {
            ArrayNode specifications = tools.addObject().putObject("functions").putArray("specifications");
            v1.functions().forEach(f -> specifications.add(json.valueToTree(f)));
        }
        if (v1.builtInTools() != null) {
            v1.builtInTools().forEach(tool -> tools.addObject().putObject(tool));
        }
        if (!tools.isEmpty()) {
            out.set("tools", tools);
        }
        JsonNode toolConfig = noFunctions ? null : toolConfig(v1.functionCall());
        if (toolConfig != null) {
            out.set("tool_config", toolConfig);
        }
        if (v1.stream() != null) {
            out.put("stream", v1.stream());
        }
        if (v1.profanityCheck() != null) {
            out.put("disable_filter", !v1.profanityCheck());
        }
        if (v1.flags() != null && !v1.flags().isEmpty()) {
            ArrayNode flags = out.putArray("flags");
            v1.flags().forEach(flags::add);
        }
        if (v1.functionRanker() != null && !v1.functionRanker().isNull()) {
            out.set("ranker_options", v1.functionRanker());
        }
        if (v1.storage() != null && !v1.storage().isNull()) {
            out.set("storage", v1.storage());
        }
        return out;
    }

    private ArrayNode messages(List<GigaChatMessage> messages) {
        ArrayNode out = json.createArrayNode();
        String callState = null; // the last calling turn's state id, for the results that answer it
        for (GigaChatMessage m : messages == null ? List.<GigaChatMessage>of() : messages) {
            ObjectNode message = out.addObject();
            ArrayNode content = json.createArrayNode();
            String state = null;
            if ("function".equals(m.role())) {
                message.put("role", "tool");
                ObjectNode result = content.addObject().putObject("function_result");
                result.put("name", m.name());
                result.set("result", resultValue(m.content()));
                state = m.functionsStateId() != null ? m.functionsStateId() : callState;
            } else {
                message.put("role", m.role());
                if (m.content() != null && !m.content().isEmpty()) {
                    content.addObject().put("text", m.content());
                }
                if (m.attachments() != null && !m.attachments().isEmpty()) {
                    ArrayNode files = content.addObject().putArray("files");
                    m.attachments().forEach(id -> files.addObject().put("id", id));
                }
                if (m.functionCall() != null) {
                    ObjectNode call = content.addObject().putObject("function_call");
                    call.put("name", m.functionCall().name());
                    call.set("arguments", m.functionCall().arguments() == null
                            ? json.createObjectNode() : m.functionCall().arguments());
                }
                if (content.isEmpty()) {
                    content.addObject().put("text", "");
                }
                if ("assistant".equals(m.role())) {
                    callState = m.functionsStateId();
                    state = callState;
                }
            }
            message.set("content", content);
            if (state != null) {
                message.put("tools_state_id", state);
            }
        }
        return out;
    }

    /** A function's result as v2 takes it: the JSON it is (v1 requires an object), else the text itself. */
    private JsonNode resultValue(String content) {
        if (content != null) {
            try {
                JsonNode parsed = json.readTree(content);
                if (parsed != null && parsed.isContainerNode()) {
                    return parsed;
                }
            } catch (java.io.IOException e) {
                // not JSON: sent as text
            }
        }
        return json.getNodeFactory().textNode(content == null ? "" : content);
    }

    private JsonNode toolConfig(JsonNode functionCall) {
        if (functionCall == null || functionCall.isNull()) {
            return null;
        }
        ObjectNode config = json.createObjectNode();
        if (functionCall.isTextual()) {
            config.put("mode", functionCall.asText()); // "auto"; "none" sends no functions at all
        } else if (functionCall.hasNonNull("name")) {
            config.put("mode", "forced");
            config.put("function_name", functionCall.get("name").asText());
        } else {
            return null;
        }
        return config;
    }

    private static void putIfPresent(ObjectNode node, String field, Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    // ---------------------------------------------------------------------------------- answers

    /** The v1 answer for a v2 one. */
    public GigaChatChatResponse response(JsonNode v2) {
        Parts parts = parts(v2.path("messages"));
        GigaChatChatResponse.Message message = new GigaChatChatResponse.Message("assistant", parts.text(),
                parts.functionCall(), parts.stateId() != null ? parts.stateId() : stateId(v2), parts.reasoning(),
                null, null, parts.sources(), parts.codeRuns(), parts.fetchedUrls());
        return new GigaChatChatResponse(
                List.of(new GigaChatChatResponse.Choice(0, message, textOrNull(v2.path("finish_reason")))),
                createdAt(v2), textOrNull(v2.path("model")), "chat.completion", usage(v2.path("usage")));
    }

    /**
     * The v1 chunk for the data of one v2 stream event ({@code response.message.delta} or
     * {@code response.message.done}; the data tells them apart, so the event name is not needed).
     */
    public GigaChatChatChunk chunk(JsonNode v2) {
        Parts parts = parts(v2.path("messages"));
        boolean assistant = false;
        for (JsonNode message : v2.path("messages")) {
            assistant |= "assistant".equals(message.path("role").asText());
        }
        GigaChatChatResponse.Message delta = new GigaChatChatResponse.Message(assistant ? "assistant" : null,
                parts.text(), parts.functionCall(), parts.stateId() != null ? parts.stateId() : stateId(v2),
                parts.reasoning(), null, null, parts.sources(), parts.codeRuns(), parts.fetchedUrls());
        return new GigaChatChatChunk(
                List.of(new GigaChatChatChunk.Choice(0, delta, textOrNull(v2.path("finish_reason")))),
                createdAt(v2), textOrNull(v2.path("model")), "chat.completion", usage(v2.path("usage")));
    }

    /** One v2 stream's translation, which holds a function call until its state id has come. */
    public Stream stream() {
        return new Stream();
    }

    /**
     * A v2 stream, event by event, as v1 chunks. A function call may come in a delta before the done event
     * that carries its {@code tool_state_id} and finish reason; the call is held until then (it is one
     * piece either way) so that its id, which the next turn sends back, is GigaChat's state id.
     */
    public final class Stream {

        private GigaChatChatChunk heldCall;

        private Stream() {
        }

        /** The chunk for this event, or null while a function call waits for its done event. */
        public GigaChatChatChunk next(JsonNode v2) {
            GigaChatChatChunk chunk = chunk(v2);
            GigaChatChatChunk.Choice choice = chunk.choices().get(0);
            if (heldCall == null) {
                if (choice.delta().functionCall() != null && choice.finishReason() == null
                        && choice.delta().functionsStateId() == null) {
                    heldCall = chunk;
                    return null;
                }
                return chunk;
            }
            GigaChatChatResponse.Message call = heldCall.choices().get(0).delta();
            GigaChatChatResponse.Message delta = choice.delta();
            heldCall = null;
            return new GigaChatChatChunk(List.of(new GigaChatChatChunk.Choice(0, new GigaChatChatResponse.Message(
                    "assistant", join(call.content(), delta.content()), call.functionCall(),
                    delta.functionsStateId() != null ? delta.functionsStateId() : call.functionsStateId(),
                    join(call.reasoningContent(), delta.reasoningContent()), null, null, delta.sources()),
                    choice.finishReason() != null ? choice.finishReason() : "function_call")),
                    chunk.created(), chunk.model(), chunk.object(), chunk.usage());
        }

        /** At the end of the stream: a call still held (no done event came), or null. */
        public GigaChatChatChunk end() {
            GigaChatChatChunk held = heldCall;
            heldCall = null;
            return held;
        }

        private static String join(String a, String b) {
            return a == null ? b : b == null ? a : a + b;
        }
    }

    /**
     * GigaChat's storage thread id of an answer or stream event that asked for storage ({@code storage}): its
     * top-level {@code thread_id}, or null.
     */
    public static String threadId(JsonNode v2) {
        JsonNode id = v2.path("thread_id");
        return id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
    }

    /** Whether a stream event's data is v2's (messages or a finish, no {@code choices}). */
    public static boolean isV2Event(JsonNode data) {
        return data.isObject() && !data.has("choices")
                && (data.has("messages") || data.has("finish_reason") || data.has("usage"));
    }

    /** What the messages of a v2 answer or delta amount to in v1 terms. */
    private record Parts(String text, GigaChatMessage.FunctionCall functionCall, String reasoning, String stateId,
                         List<WebSource> sources, List<GigaChatChatResponse.CodeRun> codeRuns,
                         List<GigaChatChatResponse.FetchedUrl> fetchedUrls) {
    }

    private Parts parts(JsonNode messages) {
        StringBuilder text = null;
        StringBuilder reasoning = null;
        GigaChatMessage.FunctionCall call = null;
        String stateId = null;
        java.util.Map<String, WebSource> sources = new java.util.LinkedHashMap<>();
        List<GigaChatChatResponse.CodeRun> runs = new java.util.ArrayList<>();
        List<GigaChatChatResponse.FetchedUrl> fetched = new java.util.ArrayList<>();
        java.util.Set<String> ran = new java.util.HashSet<>(2);
        for (JsonNode message : messages) {
            sources(message.path("inline_data"), sources);
            executed(message.path("tool_execution"), ran);
            boolean isReasoning = "reasoning".equals(message.path("role").asText());
            String id = stateId(message);
            stateId = id != null ? id : stateId;
            if (message.hasNonNull("reasoning")) { // a reasoning piece of a stream: {reasoning: {text}}
                reasoning = append(reasoning, message.path("reasoning").path("text").asText(""));
            }
            if (message.path("function_call").isObject()) {
                call = functionCall(message.path("function_call"));
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                if (isReasoning) {
                    reasoning = append(reasoning, content.asText());
                } else {
                    text = append(text, content.asText());
                }
                continue;
            }
            for (JsonNode part : content) {
                sources(part.path("inline_data"), sources);
                executed(part.path("tool_execution"), ran);
                if (part.hasNonNull("text")) {
                    if (isReasoning) {
                        reasoning = append(reasoning, part.get("text").asText());
                    } else {
                        text = append(text, part.get("text").asText());
                    }
                }
                if (part.path("function_call").isObject()) {
                    call = functionCall(part.path("function_call"));
                }
                if (part.path("code_interpreter").isObject()) { // the emulator's assumption, as no recording shows one
                    JsonNode run = part.get("code_interpreter");
                    runs.add(new GigaChatChatResponse.CodeRun(run.path("code").asText(""),
                            run.path("output").asText("")));
                }
                if (part.path("url_content_extraction").isObject()) { // likewise
                    JsonNode page = part.get("url_content_extraction");
                    fetched.add(new GigaChatChatResponse.FetchedUrl(page.path("url").asText(null),
                            page.path("title").asText(null)));
                }
                if (!isReasoning && part.has("files")) { // a generated image: v1's text2image tag, read alike
                    JsonNode files = part.get("files");
                    for (JsonNode file : files.isArray() ? files : List.of(files)) {
                        if (file.path("id").isTextual() && isImage(file)) {
                            text = append(text, "<img src=\"" + file.get("id").asText() + "\" fuse=\"true\"/>");
                        }
                    }
                }
            }
        }
        if (runs.isEmpty() && ran.contains(BuiltInTool.CODE_INTERPRETER.wire())) {
            runs.add(new GigaChatChatResponse.CodeRun(null, null)); // it ran; GigaChat did not say what
        }
        if (fetched.isEmpty() && ran.contains(BuiltInTool.URL_CONTENT_EXTRACTION.wire())) {
            fetched.add(new GigaChatChatResponse.FetchedUrl(null, null));
        }
        return new Parts(text == null ? (call != null ? "" : null) : text.toString(), call,
                reasoning == null ? null : reasoning.toString(), stateId,
                sources.isEmpty() ? null : List.copyOf(sources.values()), runs.isEmpty() ? null : List.copyOf(runs),
                fetched.isEmpty() ? null : List.copyOf(fetched));
    }

    /** The name of a built-in tool whose {@code tool_execution} reports it done ({@code status} success or absent). */
    private static void executed(JsonNode execution, java.util.Set<String> into) {
        if (execution.path("name").isTextual()) {
            String status = execution.path("status").asText("success");
            if ("success".equals(status)) {
                into.add(execution.get("name").asText());
            }
        }
    }

    /** Whether a file of an answer is a generated image ({@code target: "image"}, or an image MIME type). */
    private static boolean isImage(JsonNode file) {
        return "image".equals(file.path("target").asText()) || file.path("mime").asText().startsWith("image/");
    }

    /** Web search sources of {@code inline_data}: {@code {"1": {url, title}, ...}}. */
    private static void sources(JsonNode inlineData, java.util.Map<String, WebSource> into) {
        inlineData.path("sources").fields().forEachRemaining(e -> into.put(e.getKey(),
                new WebSource(e.getKey(), e.getValue().path("url").asText(null), e.getValue().path("title").asText(null))));
    }

    private GigaChatMessage.FunctionCall functionCall(JsonNode call) {
        JsonNode arguments = call.path("arguments");
        if (arguments.isTextual()) { // tolerated: arguments as a JSON string
            try {
                arguments = json.readTree(arguments.asText());
            } catch (java.io.IOException e) {
                arguments = json.createObjectNode();
            }
        }
        return new GigaChatMessage.FunctionCall(call.path("name").asText(null),
                arguments.isMissingNode() || arguments.isNull() ? json.createObjectNode() : arguments);
    }

    private static StringBuilder append(StringBuilder to, String piece) {
        return (to == null ? new StringBuilder() : to).append(piece);
    }

    private static String stateId(JsonNode node) {
        for (String field : List.of("tool_state_id", "tools_state_id", "functions_state_id")) {
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        }
        return null;
    }

    private static Long createdAt(JsonNode v2) {
        JsonNode created = v2.hasNonNull("created_at") ? v2.get("created_at") : v2.path("created");
        return created.canConvertToLong() ? created.asLong() : null;
    }

    private static GigaChatChatResponse.Usage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        Integer input = intOrNull(usage.path("input_tokens"));
        Integer output = intOrNull(usage.path("output_tokens"));
        Integer total = intOrNull(usage.path("total_tokens"));
        if (total == null && input != null && output != null) {
            total = input + output;
        }
        return new GigaChatChatResponse.Usage(input, output, total,
                intOrNull(usage.path("input_tokens_details").path("cached_tokens")), null);
    }

    private static Integer intOrNull(JsonNode node) {
        return node.canConvertToInt() ? node.asInt() : null;
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
