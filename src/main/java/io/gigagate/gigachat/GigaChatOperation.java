package io.gigagate.gigachat;

/**
 * What an upstream call to GigaChat is for: named in metrics ({@link #tag()}), and deciding what
 * GigaChat's 404 means ({@link #modelNotFoundOn404()}).
 */
public enum GigaChatOperation {
    CHAT("chat", true),
    /** A streamed chat: the same operation to GigaChat, so the same tag. */
    CHAT_STREAM("chat", true),
    MODELS("models", true),
    EMBEDDINGS("embeddings", true),
    /** {@code /tokens/count}, for the fronts' count-tokens endpoints. */
    TOKENS_COUNT("tokens-count", true),
    FILE_UPLOAD("file-upload", false),
    FILES("files", false),
    FILE("file", false),
    FILE_CONTENT("file-content", false),
    FILE_DELETE("file-delete", false),
    BALANCE("balance", false),
    /** A token request to the OAuth host or {@code /token}. */
    AUTH("auth", false);

    private final String tag;
    private final boolean namesModel;

    GigaChatOperation(String tag, boolean namesModel) {
        this.tag = tag;
        this.namesModel = namesModel;
    }

    /** The operation's name in metrics and logs. */
    public String tag() {
        return tag;
    }

    /** Whether GigaChat's 404 to this call means "no such model" (the call names one). */
    public boolean modelNotFoundOn404() {
        return namesModel;
    }
}
