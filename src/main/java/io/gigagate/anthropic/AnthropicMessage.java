package io.gigagate.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Anthropic's {@code message} (the answer of {@code POST /v1/messages}, and the {@code message} of a stream's
 * {@code message_start}), with its content blocks and usage. {@code stop_reason} and {@code stop_sequence}
 * are always written, null included, as Anthropic does.
 */
public record AnthropicMessage(
        @JsonProperty("id") String id,
        @JsonProperty("type") String type,
        @JsonProperty("role") String role,
        @JsonProperty("model") String model,
        @JsonProperty("content") List<Block> content,
        @JsonProperty("stop_reason") @JsonInclude(JsonInclude.Include.ALWAYS) String stopReason,
        @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence,
        @JsonProperty("usage") Usage usage) {

    public static final String TYPE = "message";

    /** A content block: text, tool_use, thinking, or a server tool's use and result. */
    public sealed interface Block permits Text, ToolUse, Thinking, ServerToolUse, ServerToolResult {
    }

    /**
     * {@code {"type": "text", "text", "citations"?}}: {@code citations} only when the text cites pages
     * ({@link Citation}; strict clients reject a null).
     */
    public record Text(@JsonProperty("type") String type, @JsonProperty("text") String text,
                       @JsonProperty("citations") @JsonInclude(JsonInclude.Include.NON_NULL) List<Citation> citations)
            implements Block {
        public Text(String text) {
            this("text", text, null);
        }
    }

    /** {@code {"type": "tool_use", "id", "name", "input", "caller": {"type": "direct"}}}. */
    public record ToolUse(@JsonProperty("type") String type, @JsonProperty("id") String id,
                          @JsonProperty("name") String name, @JsonProperty("input") JsonNode input,
                          @JsonProperty("caller") Caller caller) implements Block {
        public ToolUse(String id, String name, JsonNode input) {
            this("tool_use", id, name, input, Caller.DIRECT);
        }
    }

    /**
     * {@code {"type": "server_tool_use", "id": "srvtoolu_...", "name", "input", "caller"}}: a tool the server
     * ran itself (GigaChat's own: {@code web_search}, ...).
     */
    public record ServerToolUse(@JsonProperty("type") String type, @JsonProperty("id") String id,
                                @JsonProperty("name") String name, @JsonProperty("input") JsonNode input,
                                @JsonProperty("caller") Caller caller) implements Block {
        public ServerToolUse(String id, String name, JsonNode input) {
            this("server_tool_use", id, name, input, Caller.DIRECT);
        }
    }

    /**
     * A server tool's result block, {@code {"type": "<name>_tool_result", "tool_use_id", "content", "caller"}}
     * ({@code web_search_tool_result} with a list of {@link WebSearchResult}s, ...).
     */
    public record ServerToolResult(@JsonProperty("type") String type, @JsonProperty("tool_use_id") String toolUseId,
                                   @JsonProperty("content") Object content,
                                   @JsonProperty("caller") Caller caller) implements Block {
        public ServerToolResult(String type, String toolUseId, Object content) {
            this(type, toolUseId, content, Caller.DIRECT);
        }
    }

    /**
     * {@code {"type": "web_search_result", "url", "title", "encrypted_content", "page_age"}}: a page GigaChat's
     * web search found. GigaChat gives no page content or age: {@code encrypted_content} is empty (the
     * gateway never takes it back upstream), {@code page_age} null.
     */
    public record WebSearchResult(@JsonProperty("type") String type, @JsonProperty("url") String url,
                                  @JsonProperty("title") String title,
                                  @JsonProperty("encrypted_content") String encryptedContent,
                                  @JsonProperty("page_age") @JsonInclude(JsonInclude.Include.ALWAYS) String pageAge) {
        public WebSearchResult(String url, String title) {
            this("web_search_result", url, title == null ? url : title, "", null);
        }
    }

    /**
     * A text block's {@code web_search_result_location} citation: the page its link points to. GigaChat does
     * not quote the page, so {@code cited_text} is the answer's span that cites it (its link); the
     * {@code encrypted_index} is empty.
     */
    public record Citation(@JsonProperty("type") String type, @JsonProperty("url") String url,
                           @JsonProperty("title") String title, @JsonProperty("cited_text") String citedText,
                           @JsonProperty("encrypted_index") String encryptedIndex) {
        public Citation(String url, String title, String citedText) {
            this("web_search_result_location", url, title == null ? url : title, citedText, "");
        }
    }

    /** Who made a tool call: the model itself. */
    public record Caller(@JsonProperty("type") String type) {
        public static final Caller DIRECT = new Caller("direct");
    }

    /**
     * {@code {"type": "thinking", "thinking", "signature"}}: GigaChat's reasoning text. The signature is the
     * gateway's fixed marker: the text is never sent back upstream, so nothing needs verifying.
     */
    public record Thinking(@JsonProperty("type") String type, @JsonProperty("thinking") String thinking,
                           @JsonProperty("signature") String signature) implements Block {
        public static final String SIGNATURE = "gigagate";

        public Thinking(String thinking) {
            this("thinking", thinking, SIGNATURE);
        }
    }

    /**
     * Token usage. {@code input_tokens} are the prompt tokens GigaChat did not serve from its cache,
     * {@code cache_read_input_tokens} those it did (its {@code precached_prompt_tokens}); nothing is ever
     * written to a cache on request, so {@code cache_creation_input_tokens} is 0.
     */
    public record Usage(@JsonProperty("input_tokens") int inputTokens,
                        @JsonProperty("output_tokens") int outputTokens,
                        @JsonProperty("cache_creation_input_tokens") int cacheCreationInputTokens,
                        @JsonProperty("cache_read_input_tokens") int cacheReadInputTokens,
                        @JsonProperty("server_tool_use") @JsonInclude(JsonInclude.Include.NON_NULL)
                        ServerToolUsage serverToolUse) {

        public Usage(int inputTokens, int outputTokens, int cacheCreationInputTokens, int cacheReadInputTokens) {
            this(inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens, null);
        }

        /** The same counts with how often the server's own tools ran (none: no {@code server_tool_use}). */
        public Usage withServerTools(int webSearches, int webFetches) {
            return webSearches == 0 && webFetches == 0 ? this : new Usage(inputTokens, outputTokens,
                    cacheCreationInputTokens, cacheReadInputTokens, new ServerToolUsage(webSearches, webFetches));
        }

        /** From the prompt tokens (cached ones included), the completion tokens and the cached ones. */
        public static Usage of(int promptTokens, int completionTokens, int cachedTokens) {
            int cached = Math.max(0, Math.min(cachedTokens, promptTokens));
            return new Usage(promptTokens - cached, completionTokens, 0, cached);
        }
    }

    /** {@code usage.server_tool_use}: how many web searches and fetches the server ran. */
    public record ServerToolUsage(@JsonProperty("web_search_requests") int webSearchRequests,
                                  @JsonProperty("web_fetch_requests") int webFetchRequests) {
    }
}
