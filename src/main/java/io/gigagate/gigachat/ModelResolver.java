package io.gigagate.gigachat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the GigaChat model for a client's {@code model}.
 *
 * <p>With pass-model on (the default), a blank or absent model means the default model, an alias
 * (matched case-insensitively) means its target, and any other name goes to GigaChat unchanged
 * (an unknown one comes back as GigaChat's 404, rendered as {@code model_not_found}). With
 * pass-model off every request uses the default model.
 *
 * <p>Default aliases, for OpenAI names that clients hard-code ({@link #defaultAliases(String)});
 * the caller's map is merged over them entry by entry, and a blank target removes an alias:
 * <table>
 *   <caption>Default aliases</caption>
 *   <tr><th>OpenAI model</th><th>GigaChat model</th></tr>
 *   <tr><td>gpt-4o, gpt-4, gpt-4-turbo, gpt-4.1, gpt-5, o1, o3, o4-mini, chatgpt-4o-latest</td>
 *       <td>GigaChat-2-Max</td></tr>
 *   <tr><td>gpt-4.1-mini, gpt-5-mini, o3-mini, o1-mini</td><td>GigaChat-2-Pro</td></tr>
 *   <tr><td>gpt-4o-mini, gpt-3.5-turbo, gpt-4.1-nano, gpt-5-nano, and the legacy completion models
 *       gpt-3.5-turbo-instruct, davinci-002, babbage-002</td><td>GigaChat-2</td></tr>
 *   <tr><td>text-embedding-3-small, text-embedding-3-large, text-embedding-ada-002</td>
 *       <td>the embeddings model ({@code GPT2GIGA_EMBEDDINGS})</td></tr>
 * </table>
 */
public final class ModelResolver {

    /** The product's default embeddings model, used when none is given. */
    public static final String DEFAULT_EMBEDDINGS_MODEL = "EmbeddingsGigaR";

    private final String defaultModel;
    private final String embeddingsModel;
    private final boolean passModel;
    private final Map<String, String> aliases;
    private final Map<String, String> aliasesByLowerCase = new LinkedHashMap<>();

    public ModelResolver(String defaultModel, boolean passModel, Map<String, String> aliases) {
        this(defaultModel, DEFAULT_EMBEDDINGS_MODEL, passModel, aliases);
    }

    /** {@code aliases} are merged over {@link #defaultAliases(String)} for {@code embeddingsModel}. */
    public ModelResolver(String defaultModel, String embeddingsModel, boolean passModel, Map<String, String> aliases) {
        this(defaultModel, embeddingsModel, passModel, true, aliases);
    }

    /**
     * @param withDefaults whether {@code aliases} are merged over {@link #defaultAliases(String)} or
     *     replace it; an alias mapped to a blank target removes that default
     */
    public ModelResolver(String defaultModel, String embeddingsModel, boolean passModel, boolean withDefaults,
            Map<String, String> aliases) {
        this.defaultModel = defaultModel;
        this.embeddingsModel = embeddingsModel;
        this.passModel = passModel;
        Map<String, String> merged = new LinkedHashMap<>(withDefaults ? defaultAliases(embeddingsModel) : Map.of());
        if (aliases != null) {
            aliases.forEach((alias, target) -> {
                if (target == null || target.isBlank()) {
                    merged.remove(alias);
                } else {
                    merged.put(alias, target);
                }
            });
        }
        this.aliases = Collections.unmodifiableMap(merged);
        merged.forEach((alias, target) -> aliasesByLowerCase.put(alias.toLowerCase(Locale.ROOT), target));
    }

    /** The alias table GigaGate starts from; see the class comment. */
    public static Map<String, String> defaultAliases(String embeddingsModel) {
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String id : new String[] {"gpt-4o", "gpt-4", "gpt-4-turbo", "gpt-4.1", "gpt-5", "o1", "o3", "o4-mini",
                "chatgpt-4o-latest"}) {
            aliases.put(id, "GigaChat-2-Max");
        }
        for (String id : new String[] {"gpt-4.1-mini", "gpt-5-mini", "o3-mini", "o1-mini"}) {
            aliases.put(id, "GigaChat-2-Pro");
        }
        for (String id : new String[] {"gpt-4o-mini", "gpt-3.5-turbo", "gpt-4.1-nano", "gpt-5-nano",
                "gpt-3.5-turbo-instruct", "davinci-002", "babbage-002"}) {
            aliases.put(id, "GigaChat-2");
        }
        for (String id : new String[] {"text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002"}) {
            aliases.put(id, embeddingsModel);
        }
        return aliases;
    }

    /** The effective alias table (defaults merged with the caller's), in a stable order. */
    public Map<String, String> aliases() {
        return aliases;
    }

    public String resolveChat(String requested) {
        if (!passModel || requested == null || requested.isBlank()) {
            return defaultModel;
        }
        String target = aliasesByLowerCase.get(requested.trim().toLowerCase(Locale.ROOT));
        return target != null ? target : requested;
    }

    /**
     * A GigaChat embedder id ({@code Embeddings*}, {@code GigaEmbeddings*}) passes, an alias maps;
     * anything else (e.g. a chat model name) means the embeddings model. Pass-model off: always it.
     */
    public String resolveEmbeddings(String requested) {
        if (!passModel || requested == null || requested.isBlank()) {
            return embeddingsModel;
        }
        String target = aliasesByLowerCase.get(requested.trim().toLowerCase(Locale.ROOT));
        if (target != null) {
            return target;
        }
        return requested.startsWith("Embeddings") || requested.startsWith("GigaEmbeddings")
                ? requested : embeddingsModel;
    }
}
