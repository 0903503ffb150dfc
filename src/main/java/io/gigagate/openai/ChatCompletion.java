package io.gigagate.openai;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.wire.WireJson;

import java.util.List;

/**
 * Outbound {@code chat.completion}. Nulls are omitted except where OpenAI writes them explicitly
 * and its SDKs require the key: {@code message.content}, {@code message.refusal} and
 * {@code choices[].logprobs}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletion(
        @JsonProperty("id") String id,
        @JsonProperty("object") String object,
        @JsonProperty("created") long created,
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<Choice> choices,
        @JsonProperty("usage") Usage usage,
        @JsonProperty("system_fingerprint") String systemFingerprint) {

    public static final String OBJECT = "chat.completion";

    /**
     * The completion as the chat front shows it: each image GigaChat drew as a Markdown link at the end of its
     * choice's content ({@link #withImageLinks(String, List)}); this completion itself when it drew none.
     */
    public ChatCompletion withImageLinks() {
        if (choices == null || choices.stream().allMatch(c -> c.message() == null
                || c.message().builtInCalls().stream().noneMatch(call -> call instanceof ImageCall))) {
            return this;
        }
        List<Choice> linked = new java.util.ArrayList<>();
        for (Choice c : choices) {
            Message m = c.message();
            linked.add(m == null ? c : new Choice(c.index(), new Message(m.role(),
                    withImageLinks(m.content(), m.builtInCalls()), m.refusal(), m.toolCalls(), m.functionCall(),
                    m.reasoningContent(), m.annotations(), m.builtInCalls()), c.logprobs(), c.finishReason()));
        }
        return new ChatCompletion(id, object, created, model, linked, usage, systemFingerprint);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            @JsonProperty("index") int index,
            @JsonProperty("message") Message message,
            @JsonProperty("logprobs") @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * The assistant message. {@code reasoning_content} is a non-standard extension (GigaChat's
     * reasoning text), written only when present; {@code annotations} are the web pages GigaChat's web
     * search cited, written only when there are some. {@code builtInCalls} (never written: chat shows them
     * through its text and annotations) is what GigaChat's own tools did for the answer, in order, for the
     * fronts that answer with their vendor's built-in tool items (a {@code web_search_call}, a
     * {@code server_tool_use} block, {@code groundingMetadata}...).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            @JsonProperty("role") String role,
            @JsonProperty("content") @JsonInclude(JsonInclude.Include.ALWAYS) String content,
            @JsonProperty("refusal") @JsonInclude(JsonInclude.Include.ALWAYS) String refusal,
            @JsonProperty("tool_calls") List<ToolCall> toolCalls,
            @JsonProperty("function_call") FunctionCall functionCall,
            @JsonProperty("reasoning_content") String reasoningContent,
            @JsonProperty("annotations") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Annotation> annotations,
            @JsonIgnore List<BuiltInCall> builtInCalls) {

        public Message {
            builtInCalls = builtInCalls == null ? List.of() : List.copyOf(builtInCalls);
        }

        public Message(String role, String content, String refusal, List<ToolCall> toolCalls, FunctionCall functionCall,
                       String reasoningContent, List<Annotation> annotations) {
            this(role, content, refusal, toolCalls, functionCall, reasoningContent, annotations, List.of());
        }

        public Message(String role, String content, String refusal, List<ToolCall> toolCalls, FunctionCall functionCall,
                       String reasoningContent) {
            this(role, content, refusal, toolCalls, functionCall, reasoningContent, null);
        }
    }

    /**
     * One thing GigaChat's own (built-in) tools did for an answer, front-neutral: each front that has its
     * vendor's counterpart answers with it in its own shape.
     */
    public sealed interface BuiltInCall permits WebSearchCall, ImageCall, CodeCall, UrlFetchCall {
    }

    /** GigaChat's code interpreter ran code: the code and what it printed. */
    public record CodeCall(String code, String output) implements BuiltInCall {
    }

    /** GigaChat's URL content extraction read a page: its url and title (null when GigaChat gave none). */
    public record UrlFetchCall(String url, String title) implements BuiltInCall {
    }

    /**
     * GigaChat searched the web: the pages it found (v2's {@code inline_data.sources}, in its order) and the
     * query. GigaChat does not say what it searched for; the query is the question it answered (the last
     * user message's text), or null when there was none.
     */
    public record WebSearchCall(String query, List<WebPage> pages) implements BuiltInCall {
        public WebSearchCall {
            pages = pages == null ? List.of() : List.copyOf(pages);
        }
    }

    /**
     * GigaChat drew an image (v1's {@code text2image} function, v2's {@code image_generate} tool): its file id
     * on GigaChat, the prompt it answered (the last user message's text), and once fetched from
     * {@code /files/{id}/content}, the JPEG bytes and the gateway URL they are served at (null before).
     */
    public record ImageCall(String fileId, String prompt, byte[] image, String url) implements BuiltInCall {

        /** The same image, fetched. */
        public ImageCall fetched(byte[] bytes, String at) {
            return new ImageCall(fileId, prompt, bytes, at);
        }

        /** The Markdown image link the fronts without an image item put in the text, or "" before it is fetched. */
        public String markdown() {
            return url == null ? "" : "![image](" + url + ")";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ImageCall other && java.util.Objects.equals(fileId, other.fileId)
                    && java.util.Objects.equals(prompt, other.prompt) && java.util.Arrays.equals(image, other.image)
                    && java.util.Objects.equals(url, other.url);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(fileId, prompt, url) * 31 + java.util.Arrays.hashCode(image);
        }

        @Override
        public String toString() {
            return "ImageCall[fileId=" + fileId + ", url=" + url + ", bytes=" + (image == null ? 0 : image.length) + "]";
        }
    }

    /**
     * The content with a Markdown link to each image GigaChat drew appended (the way chat, Anthropic and
     * Gemini show them: the front has no image item); the content itself when there are none.
     */
    public static String withImageLinks(String content, List<BuiltInCall> calls) {
        StringBuilder out = content == null ? null : new StringBuilder(content);
        for (BuiltInCall call : calls == null ? List.<BuiltInCall>of() : calls) {
            if (call instanceof ImageCall image && !image.markdown().isEmpty()) {
                out = out == null ? new StringBuilder() : out;
                out.append(out.length() == 0 ? "" : "\n\n").append(image.markdown());
            }
        }
        return out == null ? null : out.toString();
    }

    /** A web page a built-in tool found or read: its url and title (null when GigaChat gave none). */
    public record WebPage(String url, String title) {
    }

    /** OpenAI's {@code url_citation} annotation: the cited page and the span of the content that cites it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Annotation(@JsonProperty("type") String type, @JsonProperty("url_citation") UrlCitation urlCitation) {

        public static Annotation urlCitation(int start, int end, String url, String title) {
            return new Annotation("url_citation", new UrlCitation(start, end, url, title));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UrlCitation(@JsonProperty("start_index") int startIndex, @JsonProperty("end_index") int endIndex,
                              @JsonProperty("url") String url, @JsonProperty("title") String title) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCall(
            @JsonProperty("id") String id,
            @JsonProperty("type") String type,
            @JsonProperty("function") FunctionCall function) {
    }

    /** A called function; {@code arguments} is a JSON document encoded as a string, as OpenAI sends it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(
            @JsonProperty("name") String name,
            @JsonProperty("arguments") String arguments) {

        /**
         * Arguments (JSON text) as the JSON object the fronts whose calls carry objects send (Anthropic's
         * {@code input}, Gemini's {@code args}): an empty object for none, anything that is not an object
         * wrapped as {@code {"value": ...}}.
         */
        public static JsonNode argumentsObject(String arguments) {
            if (arguments == null || arguments.isBlank()) {
                return WireJson.mapper().createObjectNode();
            }
            try {
                JsonNode parsed = WireJson.mapper().readTree(arguments);
                if (parsed != null && parsed.isObject()) {
                    return parsed;
                }
                return WireJson.mapper().createObjectNode().set("value", parsed);
            } catch (java.io.IOException e) {
                return WireJson.mapper().createObjectNode().put("value", arguments);
            }
        }
    }

    /** Token usage: integers, never null. Shared with {@link ChatCompletionChunk}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Usage(
            @JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens,
            @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails,
            @JsonProperty("completion_tokens_details") CompletionTokensDetails completionTokensDetails) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptTokensDetails(@JsonProperty("cached_tokens") int cachedTokens) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompletionTokensDetails(@JsonProperty("reasoning_tokens") int reasoningTokens) {
    }
}
