package io.gigagate.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * POST /api/v1/chat/completions: validation, reply selection, JSON and SSE output; and, with {@code v2},
 * POST /api/v2/chat/completions: the same replies behind v2's wire ({@link V2Wire}).
 */
final class ChatHandler implements Handler {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "function");
    private static final java.util.regex.Pattern FUNCTION_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String TEXT2IMAGE = "text2image";

    private final EmulatorContext ctx;
    private final Duration chunkDelay;
    private final int streamChunks;
    private final boolean stampChunks;
    private final boolean v2;

    /**
     * @param chunkDelay   the least delay between SSE events
     * @param streamChunks how many content pieces a default streamed reply is split into
     * @param stampChunks  prefix each streamed piece with {@code @<System.nanoTime()> }
     */
    ChatHandler(EmulatorContext ctx, Duration chunkDelay, int streamChunks, boolean stampChunks) {
        this(ctx, chunkDelay, streamChunks, stampChunks, false);
    }

    /** @param v2 whether this is GigaChat's v2 chat contract */
    ChatHandler(EmulatorContext ctx, Duration chunkDelay, int streamChunks, boolean stampChunks, boolean v2) {
        this.ctx = ctx;
        this.chunkDelay = chunkDelay;
        this.streamChunks = streamChunks;
        this.stampChunks = stampChunks;
        this.v2 = v2;
    }

    @Override
    public void handle(Call call) throws IOException {
        RecordedRequest rr = call.request();
        JsonNode body = call.jsonObject();
        JsonNode root = v2 ? V2Wire.toInternal(body, ctx) : body;
        String threadId = v2 ? threadId(body.path("storage")) : null;
        validate(root);
        int limit = ctx.faults.concurrencyLimitValue();
        int active = ctx.activeChats.incrementAndGet();
        ctx.peakChats.accumulateAndGet(active, Math::max);
        try {
            if (limit > 0 && active > limit) {
                throw ApiError.of(429, "Too many requests");
            }
            ChatReply reply = chooseReply(root);
            if (reply.isFunctionCall() && reply.functionsStateId() == null) {
                // one state id for the call: the answer and a storage thread's record of it carry the same
                reply = new ChatReply(reply.content(), reply.functionName(), reply.functionArguments(),
                        reply.finishReason(), reply.streamPieces(), UUID.randomUUID().toString());
            }
            ObjectNode usage = usage(root, reply, rr.header("X-Session-ID"));
            String model = root.get("model").asText() + ":" + Models.VERSION;
            long created = System.currentTimeMillis() / 1000;
            String reasoning = reasoning(root);
            if (threadId != null) {
                List<JsonNode> turns = new ArrayList<>();
                root.get("messages").forEach(turns::add);
                turns.add(message(reply, true));
                ctx.threads.put(threadId, new EmulatorContext.StoredThread(root.get("model").asText(), List.copyOf(turns)));
            }
            if (root.path("stream").asBoolean(false)) {
                stream(call.exchange(), call.correlation(), streamEvents(reply, usage, model, created, reasoning),
                        spacingMillis(root), threadId, builtInResults(root));
            } else {
                ObjectNode completion = completion(reply, usage, model, created, reasoning);
                call.json(200, v2 ? V2Wire.completion(completion, threadId, builtInResults(root)) : completion);
            }
        } finally {
            ctx.activeChats.decrementAndGet();
        }
    }

    /** Whether the request has GigaChat's built-in web search (v2's {@code tools: [{web_search: {}}]}). */
    private static boolean webSearch(JsonNode root) {
        return hasBuiltIn(root, "web_search");
    }

    /** Whether the request has this one of GigaChat's built-in v2 tools. */
    static boolean hasBuiltIn(JsonNode root, String tool) {
        for (JsonNode t : root.path("builtin_tools")) {
            if (tool.equals(t.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String lastUserText(JsonNode root) {
        String question = "";
        for (JsonNode m : root.get("messages")) {
            if ("user".equals(m.path("role").asText())) {
                question = m.path("content").asText("");
            }
        }
        return question;
    }

    /**
     * The pages web search "found" for a request with it ({@code inline_data.sources}: id → url, title), or
     * null: two per question, on a host that does not exist.
     */
    private static ObjectNode searchSources(JsonNode root) {
        if (!webSearch(root)) {
            return null;
        }
        String slug = lastUserText(root).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        ObjectNode sources = EmulatorContext.JSON.createObjectNode();
        sources.putObject("1").put("url", "https://search.invalid/" + slug).put("title", "About " + slug);
        sources.putObject("2").put("url", "https://search.invalid/more/" + slug).put("title", "More on " + slug);
        return sources;
    }

    /**
     * What the v2 answer carries besides its text for the built-in tools the request has, or null:
     * {@code sources} (web search, on the text part's {@code inline_data}), {@code executed} (the tools that ran,
     * each reported as a {@code tool_execution} part in a {@code role: "reasoning"} message before the answer, or
     * in a stream's {@code response.tool.completed} event, as the official SDK's models and fixtures show) and
     * {@code parts} (sent beside those). The parts' shapes are this emulator's assumption, as no recorded traffic
     * shows them (recorded code interpreter and URL content answers carry only their text):
     * {@code {code_interpreter: {code, output}}} for the code interpreter, {@code {url_content_extraction:
     * {url, title}}} for URL content extraction; {@code Faults#builtInDetails(false)} leaves them out.
     */
    private ObjectNode builtInResults(JsonNode root) {
        ObjectNode sources = searchSources(root);
        com.fasterxml.jackson.databind.node.ArrayNode parts = EmulatorContext.JSON.createArrayNode();
        com.fasterxml.jackson.databind.node.ArrayNode executed = EmulatorContext.JSON.createArrayNode();
        String question = lastUserText(root);
        String url = urlIn(question);
        boolean details = ctx.faults.builtInDetails();
        if (sources != null) {
            executed.add("web_search");
        }
        if (hasBuiltIn(root, "url_content_extraction") && url != null) {
            executed.add("url_content_extraction");
            if (details) {
                parts.addObject().putObject("url_content_extraction").put("url", url).put("title", "Page at " + url);
            }
        }
        if (hasBuiltIn(root, "code_interpreter")) {
            executed.add("code_interpreter");
            if (details) {
                parts.addObject().putObject("code_interpreter").put("code", codeFor(question))
                        .put("output", question.length() + "\n");
            }
        }
        if (executed.isEmpty()) {
            return null;
        }
        ObjectNode results = EmulatorContext.JSON.createObjectNode();
        if (sources != null) {
            results.set("sources", sources);
        }
        results.set("executed", executed);
        results.set("parts", parts);
        return results;
    }

    /** The code the emulator's code interpreter "runs" for a question: it counts its characters. */
    private static String codeFor(String question) {
        return "print(len(" + EmulatorContext.JSON.getNodeFactory().textNode(question) + "))";
    }

    private static String urlIn(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+").matcher(text);
        return m.find() ? m.group() : null;
    }

    /** v2 storage: {@code storage: {}} (or {@code true}) opens a thread, {@code thread_id} continues one. */
    private static String threadId(JsonNode storage) {
        if (storage.isMissingNode() || storage.isNull() || (storage.isBoolean() && !storage.asBoolean())) {
            return null;
        }
        return storage.path("thread_id").asText(UUID.randomUUID().toString());
    }

    /**
     * The reasoning text for a request that asked for reasoning ({@code reasoning_effort}, v2's
     * {@code model_options.reasoning.effort}), or null: GigaChat sends it apart from the answer.
     */
    private static String reasoning(JsonNode root) {
        String effort = root.path("reasoning_effort").asText("");
        if (effort.isEmpty() || effort.equals("none")) {
            return null;
        }
        String question = "";
        for (JsonNode m : root.get("messages")) {
            if ("user".equals(m.path("role").asText())) {
                question = m.path("content").asText("");
            }
        }
        return "Reasoning (" + effort + ") about: " + (question.length() > 60 ? question.substring(0, 60) : question);
    }

    // =====================================================================================
    // validation
    // =====================================================================================

    private void validate(JsonNode root) {
        JsonNode modelNode = root.get("model");
        if (modelNode == null || !modelNode.isTextual()) {
            throw ApiError.invalidParams("model is required");
        }
        if (!Models.isChat(modelNode.asText())) {
            throw ApiError.of(404, "No such model");
        }
        JsonNode msgs = root.get("messages");
        if (msgs == null || !msgs.isArray() || msgs.isEmpty()) {
            throw ApiError.invalidParams("messages must be a non-empty array");
        }
        int images = 0;
        for (int i = 0; i < msgs.size(); i++) {
            JsonNode m = msgs.get(i);
            if (!m.isObject()) {
                throw ApiError.invalidParams("messages[" + i + "] must be an object");
            }
            JsonNode roleNode = m.get("role");
            if (roleNode == null || !roleNode.isTextual() || !ROLES.contains(roleNode.asText())) {
                throw ApiError.invalidParams("messages[" + i + "].role must be one of system, user, assistant, function");
            }
            String role = roleNode.asText();
            JsonNode content = m.get("content");
            if (content != null && !content.isNull() && !content.isTextual()) {
                throw ApiError.invalidParams("messages[" + i + "].content must be a string");
            }
            if (role.equals("system") && i != 0) {
                throw ApiError.invalidParams("system message must be the first message");
            }
            if (role.equals("function")) {
                JsonNode name = m.get("name");
                if (name == null || !name.isTextual() || name.asText().isBlank()) {
                    throw ApiError.invalidParams("messages[" + i + "].name is required for function messages");
                }
                JsonNode previous = i == 0 ? null : msgs.get(i - 1);
                if (previous == null || !"assistant".equals(previous.path("role").asText())
                        || !name.asText().equals(previous.path("function_call").path("name").asText())) {
                    // v1 pairs every result with the call right before it (peers.md, OpenCode plugin)
                    throw ApiError.invalidParams("every assistant function result must have an assistant function "
                            + "in history");
                }
                if (!isJsonObjectString(content == null ? null : content.asText(null))) {
                    throw ApiError.invalidParams("messages[" + i + "].content of a function message must be a JSON object");
                }
            }
            JsonNode fc = m.get("function_call");
            if (fc != null && !fc.isNull()) {
                if (!fc.isObject() || !fc.path("name").isTextual()) {
                    throw ApiError.invalidParams("messages[" + i + "].function_call must be an object with a name");
                }
                JsonNode args = fc.get("arguments");
                if (args != null && !args.isNull() && !args.isObject()) {
                    throw ApiError.invalidParams("messages[" + i + "].function_call.arguments must be an object");
                }
            }
            JsonNode att = m.get("attachments");
            if (att != null && !att.isNull()) {
                if (!att.isArray()) {
                    throw ApiError.invalidParams("messages[" + i + "].attachments must be an array of file ids");
                }
                int imagesHere = 0;
                for (JsonNode id : att) {
                    if (!id.isTextual()) {
                        throw ApiError.invalidParams("messages[" + i + "].attachments must be an array of file ids");
                    }
                    FileStore.StoredFile f = ctx.files.get(id.asText());
                    if (f.contentType() != null && f.contentType().toLowerCase(Locale.ROOT).startsWith("image/")) {
                        imagesHere++;
                    }
                }
                if (imagesHere > 1) {
                    throw ApiError.invalidParams("only one image can be attached to a message");
                }
                images += imagesHere;
            }
        }
        if (images > 10) {
            throw ApiError.invalidParams("no more than 10 images can be attached to a request");
        }
        positive(root, "temperature");
        positive(root, "repetition_penalty");
        JsonNode topP = root.get("top_p");
        if (topP != null && !topP.isNull() && (!topP.isNumber() || topP.asDouble() < 0 || topP.asDouble() > 1)) {
            throw ApiError.invalidParams("top_p must be in range [0, 1]");
        }
        JsonNode maxTokens = root.get("max_tokens");
        if (maxTokens != null && !maxTokens.isNull() && (!maxTokens.isIntegralNumber() || maxTokens.asLong() <= 0)) {
            throw ApiError.invalidParams("max_tokens must be in range (0, +inf)");
        }
        JsonNode ui = root.get("update_interval");
        if (ui != null && !ui.isNull() && (!ui.isNumber() || ui.asDouble() < 0)) {
            throw ApiError.invalidParams("update_interval must be in range [0, +inf)");
        }
        Set<String> names = new HashSet<>();
        JsonNode functions = root.get("functions");
        if (functions != null && !functions.isNull()) {
            if (!functions.isArray()) {
                throw ApiError.invalidParams("functions must be an array");
            }
            for (JsonNode f : functions) {
                if (!f.isObject() || !f.path("name").isTextual() || f.path("name").asText().isBlank()) {
                    throw ApiError.invalidParams("every function must have a name");
                }
                JsonNode params = f.get("parameters");
                if (params != null && !params.isNull() && !params.isObject()) {
                    throw ApiError.invalidParams("function parameters must be a JSON schema object");
                }
                if (!FUNCTION_NAME.matcher(f.get("name").asText()).matches()) {
                    // docs: "Latin letters only, must not start with a digit"
                    throw ApiError.invalidParams("function name must contain only Latin letters, digits and "
                            + "underscores and must not start with a digit: " + f.get("name").asText());
                }
                names.add(f.get("name").asText());
            }
        }
        JsonNode rf = root.get("response_format");
        if (rf != null && !rf.isNull()) {
            String type = rf.path("type").asText("");
            if (!type.equals("text") && !type.equals("json_schema")) {
                throw ApiError.invalidParams("response_format.type must be one of text, json_schema");
            }
            if (type.equals("json_schema") && !rf.path("schema").isObject()) {
                throw ApiError.invalidParams("response_format.schema is required for json_schema");
            }
        }
        JsonNode fc = root.get("function_call");
        if (fc != null && !fc.isNull()) {
            if (fc.isTextual()) {
                if (!fc.asText().equals("auto") && !fc.asText().equals("none")) {
                    throw ApiError.invalidParams("function_call must be \"auto\", \"none\" or {\"name\": ...}");
                }
            } else if (fc.isObject() && fc.path("name").isTextual()) {
                if (!names.contains(fc.get("name").asText())) {
                    throw ApiError.invalidParams("function_call.name must be one of the functions in the request");
                }
                JsonNode pa = fc.get("partial_arguments");
                if (pa != null && !pa.isNull() && !pa.isObject()) {
                    throw ApiError.invalidParams("function_call.partial_arguments must be an object");
                }
            } else {
                throw ApiError.invalidParams("function_call must be \"auto\", \"none\" or {\"name\": ...}");
            }
        }
    }

    private static void positive(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n != null && !n.isNull() && (!n.isNumber() || n.asDouble() <= 0)) {
            throw ApiError.invalidParams(field + " must be in range (0, +inf)");
        }
    }

    private static boolean isJsonObjectString(String s) {
        if (s == null) {
            return false;
        }
        try {
            JsonNode n = EmulatorContext.JSON.readTree(s);
            return n != null && n.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    // =====================================================================================
    // reply selection
    // =====================================================================================

    private ChatReply chooseReply(JsonNode root) {
        ChatReply scripted = ctx.faults.nextScriptedReply();
        if (scripted != null) {
            return scripted;
        }
        Function<JsonNode, ChatReply> responder = ctx.faults.responder();
        if (responder != null) {
            ChatReply r = responder.apply(root.deepCopy());
            if (r != null) {
                return r;
            }
        }
        return defaultReply(root);
    }

    private ChatReply defaultReply(JsonNode root) {
        if (webSearch(root) && !root.path("function_call").isObject()) {
            String question = lastUserText(root);
            return ChatReply.text("The web says this about " + question + " [sources=[1, 2]].");
        }
        if (hasBuiltIn(root, "code_interpreter") && !root.path("function_call").isObject()) {
            return ChatReply.text("The code ran and printed " + lastUserText(root).length() + ".");
        }
        String url = urlIn(lastUserText(root));
        if (hasBuiltIn(root, "url_content_extraction") && url != null && !root.path("function_call").isObject()) {
            return ChatReply.text("The page " + url + " says hello.");
        }
        ChatReply reply = defaultReplyIgnoringFormat(root);
        JsonNode rf = root.path("response_format");
        if (!reply.isFunctionCall() && "json_schema".equals(rf.path("type").asText())) {
            // structured output: the answer is a JSON document matching the schema
            return ChatReply.text(sampleDeep(rf.get("schema"), 0).toString());
        }
        return reply;
    }

    private ChatReply defaultReplyIgnoringFormat(JsonNode root) {
        JsonNode msgs = root.get("messages");
        JsonNode last = msgs.get(msgs.size() - 1);
        String lastRole = last.get("role").asText();
        List<JsonNode> functions = new ArrayList<>();
        root.path("functions").forEach(functions::add);
        JsonNode fc = root.get("function_call");
        String mode = fc == null || fc.isNull() ? null : fc.isTextual() ? fc.asText() : "forced";

        if (lastRole.equals("user")) {
            String text = last.path("content").asText("");
            if (hasBuiltIn(root, "image_generate") && isDrawRequest(text)) {
                return image(text); // v2's image_generate: the same drawing, sent as a files part
            }
            if ("forced".equals(mode)) {
                String name = fc.get("name").asText();
                if (name.equals(TEXT2IMAGE)) {
                    return image(text);
                }
                return functionCall(find(functions, name), fc.get("partial_arguments"));
            }
            boolean builtinsAllowed = functions.isEmpty() || find(functions, TEXT2IMAGE) != null;
            boolean autoLike = "auto".equals(mode) || (mode == null && !functions.isEmpty());
            if (autoLike && builtinsAllowed && isDrawRequest(text)) {
                return image(text);
            }
            if (!"none".equals(mode)) {
                for (JsonNode f : functions) {
                    if (!f.get("name").asText().equals(TEXT2IMAGE)) {
                        return functionCall(f, null);
                    }
                }
            }
            return truncated("Echo: " + text, root);
        }
        if (lastRole.equals("function")) {
            return truncated("Function " + last.get("name").asText() + " returned: "
                    + last.path("content").asText(""), root);
        }
        String lastUser = "";
        for (JsonNode m : msgs) {
            if (m.path("role").asText().equals("user")) {
                lastUser = m.path("content").asText("");
            }
        }
        return truncated("Echo: " + lastUser, root);
    }

    private static JsonNode find(List<JsonNode> functions, String name) {
        for (JsonNode f : functions) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static boolean isDrawRequest(String text) {
        String t = text.stripLeading().toLowerCase(Locale.ROOT);
        return t.startsWith("нарисуй") || t.startsWith("draw");
    }

    private static ChatReply truncated(String text, JsonNode root) {
        JsonNode mt = root.get("max_tokens");
        if (mt != null && mt.isIntegralNumber()) {
            String[] words = text.trim().split("\\s+");
            if (words.length > mt.asLong()) {
                return ChatReply.builder()
                        .content(String.join(" ", java.util.Arrays.copyOf(words, (int) mt.asLong())))
                        .finishReason("length").build();
            }
        }
        return ChatReply.text(text);
    }

    private ChatReply image(String prompt) {
        FileStore.StoredFile f = ctx.files.store("image.jpg", "general", "image/jpeg", ImageMaker.jpeg(prompt));
        String tag = "<img src=\"" + f.id() + "\" fuse=\"true\"/>";
        return ChatReply.builder()
                .content(tag + " Here is your picture")
                .streamPieces(List.of(tag, " Here is your picture")) // the tag is never split when streamed
                .functionsStateId(UUID.randomUUID().toString())
                .finishReason("stop")
                .build();
    }

    private static ChatReply functionCall(JsonNode function, JsonNode partialArguments) {
        ObjectNode args = EmulatorContext.JSON.createObjectNode();
        JsonNode params = function.get("parameters");
        if (params != null && params.isObject()) {
            JsonNode props = params.path("properties");
            List<String> wanted = new ArrayList<>();
            params.path("required").forEach(r -> {
                if (r.isTextual()) {
                    wanted.add(r.asText());
                }
            });
            if (wanted.isEmpty()) {
                props.fieldNames().forEachRemaining(wanted::add);
            }
            for (String p : wanted) {
                args.set(p, sampleDeep(props.path(p), 1));
            }
        }
        if (partialArguments != null && partialArguments.isObject()) {
            args.setAll((ObjectNode) partialArguments);
        }
        return ChatReply.builder()
                .functionCall(function.get("name").asText(), args)
                .functionsStateId(UUID.randomUUID().toString())
                .build();
    }

    /** A sample document for a whole schema: objects get their required (else all) properties, arrays one item. */
    static JsonNode sampleDeep(JsonNode schema, int depth) {
        JsonNode shallow = sample(schema);
        if (depth > 8) {
            return shallow;
        }
        if (shallow.isObject()) {
            ObjectNode out = EmulatorContext.JSON.createObjectNode();
            List<String> wanted = new ArrayList<>();
            schema.path("required").forEach(r -> wanted.add(r.asText()));
            if (wanted.isEmpty()) {
                schema.path("properties").fieldNames().forEachRemaining(wanted::add);
            }
            for (String p : wanted) {
                out.set(p, sampleDeep(schema.path("properties").path(p), depth + 1));
            }
            return out;
        }
        if (shallow.isArray() && schema.path("items").isObject()) {
            return EmulatorContext.JSON.createArrayNode().add(sampleDeep(schema.get("items"), depth + 1));
        }
        return shallow;
    }

    /** A sample value for a JSON-schema property. */
    static JsonNode sample(JsonNode schema) {
        var f = EmulatorContext.JSON.getNodeFactory();
        JsonNode en = schema.get("enum");
        if (en != null && en.isArray() && !en.isEmpty()) {
            return en.get(0);
        }
        JsonNode typeNode = schema.get("type");
        String type = null;
        if (typeNode != null && typeNode.isTextual()) {
            type = typeNode.asText();
        } else if (typeNode != null && typeNode.isArray()) {
            for (JsonNode t : typeNode) {
                if (t.isTextual() && !t.asText().equals("null")) {
                    type = t.asText();
                    break;
                }
            }
        }
        if (type == null) {
            type = schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        return switch (type) {
            case "integer" -> f.numberNode(1);
            case "number" -> f.numberNode(1.5);
            case "boolean" -> f.booleanNode(true);
            case "array" -> f.arrayNode();
            case "object" -> f.objectNode();
            case "null" -> f.nullNode();
            default -> f.textNode("sample");
        };
    }

    // =====================================================================================
    // output
    // =====================================================================================

    private ObjectNode usage(JsonNode root, ChatReply reply, String sessionId) {
        int promptChars = 0;
        for (JsonNode m : root.get("messages")) {
            String c = m.path("content").asText("");
            promptChars += c.codePointCount(0, c.length());
        }
        int prompt = Math.max(1, (promptChars + 3) / 4);
        String completionText = reply.content();
        if (reply.isFunctionCall()) {
            completionText = reply.functionName() + reply.functionArguments().toString();
        }
        int completion = Math.max(1, TokensCountHandler.tokensFor(completionText));
        int precached = 0;
        if (sessionId != null && !sessionId.isBlank()) {
            Integer previous = ctx.sessions.put(sessionId, prompt);
            if (previous != null) {
                precached = Math.min(previous, prompt);
            }
        }
        ObjectNode u = EmulatorContext.JSON.createObjectNode();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        u.put("precached_prompt_tokens", precached);
        return u;
    }

    private static ObjectNode message(ChatReply reply, boolean withRole) {
        ObjectNode m = EmulatorContext.JSON.createObjectNode();
        m.put("content", reply.isFunctionCall() ? "" : reply.content());
        if (withRole) {
            m.put("role", "assistant");
        }
        if (reply.isFunctionCall()) {
            ObjectNode call = m.putObject("function_call");
            call.put("name", reply.functionName());
            call.set("arguments", reply.functionArguments().deepCopy());
        }
        if (reply.isFunctionCall() || reply.functionsStateId() != null) {
            m.put("functions_state_id", reply.functionsStateId() != null
                    ? reply.functionsStateId() : UUID.randomUUID().toString());
        }
        return m;
    }

    private static ObjectNode completion(ChatReply reply, ObjectNode usage, String model, long created,
                                         String reasoning) {
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        ObjectNode choice = res.putArray("choices").addObject();
        ObjectNode message = message(reply, true);
        if (reasoning != null) {
            message.put("reasoning_content", reasoning);
        }
        choice.set("message", message);
        choice.put("index", 0);
        choice.put("finish_reason", reply.finishReason());
        res.put("created", created);
        res.put("model", model);
        res.put("object", "chat.completion");
        res.set("usage", usage);
        return res;
    }

    private static ObjectNode chunk(ObjectNode delta, String finishReason, ObjectNode usage, String model,
                                    long created) {
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        ObjectNode choice = res.putArray("choices").addObject();
        choice.set("delta", delta);
        choice.put("index", 0);
        if (finishReason != null) {
            choice.put("finish_reason", finishReason);
        }
        res.put("created", created);
        res.put("model", model);
        res.put("object", "chat.completion");
        if (usage != null) {
            res.set("usage", usage);
        }
        return res;
    }

    private List<ObjectNode> streamEvents(ChatReply reply, ObjectNode usage, String model, long created,
                                          String reasoning) {
        List<ObjectNode> events = new ArrayList<>();
        if (reasoning != null) {
            ObjectNode delta = EmulatorContext.JSON.createObjectNode();
            delta.put("role", "assistant");
            delta.put("reasoning_content", reasoning);
            events.add(chunk(delta, null, null, model, created));
        }
        if (reply.isFunctionCall()) {
            events.add(chunk(message(reply, true), reply.finishReason(), usage, model, created));
            return events;
        }
        List<String> pieces = reply.streamPieces() != null ? reply.streamPieces()
                : split(reply.content(), streamChunks);
        boolean first = true;
        for (String p : pieces) {
            ObjectNode delta = EmulatorContext.JSON.createObjectNode();
            delta.put("content", p);
            if (first) {
                delta.put("role", "assistant");
                if (reply.functionsStateId() != null) {
                    delta.put("functions_state_id", reply.functionsStateId());
                }
                first = false;
            }
            events.add(chunk(delta, null, null, model, created));
        }
        ObjectNode lastDelta = EmulatorContext.JSON.createObjectNode();
        lastDelta.put("content", "");
        if (first) {
            lastDelta.put("role", "assistant");
            if (reply.functionsStateId() != null) {
                lastDelta.put("functions_state_id", reply.functionsStateId());
            }
        }
        events.add(chunk(lastDelta, reply.finishReason(), usage, model, created));
        return events;
    }

    /** Splits text into at most n roughly equal pieces by code points (no empty pieces). */
    static List<String> split(String text, int n) {
        List<String> out = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        if (cps.length == 0) {
            return out;
        }
        int pieces = Math.min(Math.max(1, n), cps.length);
        for (int i = 0; i < pieces; i++) {
            int from = (int) ((long) cps.length * i / pieces);
            int to = (int) ((long) cps.length * (i + 1) / pieces);
            out.add(new String(cps, from, to - from));
        }
        return out;
    }

    private long spacingMillis(JsonNode root) {
        long delay = chunkDelay.toMillis();
        JsonNode ui = root.get("update_interval");
        if (ui != null && ui.isNumber()) {
            delay = Math.max(delay, Math.round(ui.asDouble() * 1000));
        }
        return delay;
    }

    private void stream(HttpExchange ex, Map<String, String> corr, List<ObjectNode> events, long spacing,
                        String threadId, ObjectNode sources) throws IOException {
        Faults.StreamPlan plan = ctx.faults.takeStreamPlan();
        corr.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("Server", "SynGX");
        ctx.activeStreams.incrementAndGet();
        List<Long> sentNanos = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ctx.lastStreamSentNanos = sentNanos;
        boolean serverCut = false;
        ObjectNode pendingSources = sources;
        try {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            int written = 0;
            for (Iterator<ObjectNode> it = events.iterator(); it.hasNext(); ) {
                ObjectNode ev = it.next();
                if (written > 0) {
                    EmulatorContext.sleep(spacing);
                }
                if (plan.dropAfter() == written) {
                    serverCut = true;
                    // let the client read what was sent before the connection goes away, as a real
                    // mid-stream failure would; an immediate close can race the last events
                    EmulatorContext.sleep(50);
                    throw new EmulatorContext.AbortConnection("dropStreamAfter(" + written + ")");
                }
                if (plan.stallAfter() == written) {
                    EmulatorContext.sleep(plan.stallFor().toMillis());
                }
                long sent = System.nanoTime(); // just before the write, so it never postdates arrival
                if (stampChunks) {
                    stamp(ev, sent);
                }
                sentNanos.add(sent);
                if (v2) {
                    boolean text = !ev.at("/choices/0/delta/content").asText("").isEmpty();
                    for (V2Wire.Event v2Event : V2Wire.events(ev, threadId, text ? pendingSources : null)) {
                        writeEvent(out, v2Event.name(), EmulatorContext.JSON.writeValueAsString(v2Event.data()));
                    }
                    pendingSources = text ? null : pendingSources; // with the first text only
                } else {
                    writeEvent(out, null, EmulatorContext.JSON.writeValueAsString(ev));
                }
                written++;
            }
            if (plan.dropAfter() >= 0) {
                serverCut = true;
                EmulatorContext.sleep(50);
                throw new EmulatorContext.AbortConnection("dropStreamAfter(" + written + ")");
            }
            if (plan.stallAfter() == written) {
                EmulatorContext.sleep(plan.stallFor().toMillis());
            }
            if (!v2) {
                writeEvent(out, null, "[DONE]"); // v2 has no [DONE]: its done event was the last
            }
            out.close();
        } catch (IOException e) {
            if (!serverCut && !ctx.closing) {
                ctx.streamsAbortedByClient.incrementAndGet();
            }
            throw e instanceof EmulatorContext.AbortConnection ? e : new EmulatorContext.AbortConnection(e.toString());
        } finally {
            ctx.activeStreams.decrementAndGet();
        }
    }

    /** Prefixes the event's content with {@code @<nanos> } (the emulator's --stamp-chunks). */
    private static void stamp(ObjectNode event, long nanos) {
        JsonNode delta = event.path("choices").path(0).path("delta");
        if (delta instanceof ObjectNode d && d.path("content").isTextual()) {
            d.put("content", "@" + nanos + " " + d.get("content").asText());
        }
    }

    private static void writeEvent(OutputStream out, String name, String data) throws IOException {
        out.write(((name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
