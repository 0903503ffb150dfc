package io.gigagate.gigachat;

/**
 * GigaChat's own tools, served by GigaChat itself on its v2 contract ({@code tools: [{web_search: {}}, ...]}):
 * what the fronts map their vendors' built-in tools to (chat's {@code web_search_options}, the Responses
 * API's {@code web_search}, Anthropic's {@code web_search_*}, Gemini's {@code googleSearch}, ...).
 */
public enum BuiltInTool {
    WEB_SEARCH("web_search"),
    IMAGE_GENERATE("image_generate"),
    CODE_INTERPRETER("code_interpreter"),
    URL_CONTENT_EXTRACTION("url_content_extraction"),
    MODEL_3D_GENERATE("model_3d_generate");

    private final String wire;

    BuiltInTool(String wire) {
        this.wire = wire;
    }

    /** The tool's key in v2's {@code tools} list. */
    public String wire() {
        return wire;
    }

    /**
     * A built-in tool a client asked for: the GigaChat tool it maps to and the name the client knows it by
     * (named in the ignored-tools header when it cannot be served).
     */
    public record Requested(BuiltInTool tool, String clientName) {
    }
}
