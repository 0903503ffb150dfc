package io.gigagate.gigachat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
 *   <tr><td>{@code claude-*opus*}, {@code gemini-*pro*}</td><td>GigaChat-2-Max</td></tr>
 *   <tr><td>{@code claude-*sonnet*}, {@code gemini-*flash*}</td><td>GigaChat-2-Pro</td></tr>
 *   <tr><td>{@code claude-*haiku*}, {@code gemini-*flash-lite*}</td><td>GigaChat-2</td></tr>
 * </table>
 *
 * <p>An alias with {@code *} in it is a pattern ({@code *} = any characters), so that the Anthropic and
 * Gemini fronts' model names, dated and versioned ones included, need no entry each. Exact aliases are
 * tried first; of the patterns that match, the most specific (most characters besides {@code *}) wins,
 * so {@code gemini-2.5-flash-lite} goes to the small model and {@code gemini-2.5-flash} to Pro. Patterns
 * are not listed in {@code GET /v1/models} ({@link #aliases()} holds the exact ones only).
 */
public final class ModelResolver {

    /** The product's default embeddings model, used when none is given. */
    public static final String DEFAULT_EMBEDDINGS_MODEL = "EmbeddingsGigaR";

    private final String defaultModel;
    private final String embeddingsModel;
    private final boolean passModel;
    private final Map<String, String> aliases;
    private final Map<String, String> aliasesByLowerCase = new LinkedHashMap<>();
    private final List<AliasPattern> patterns;

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
        List<AliasPattern> globs = new ArrayList<>();
        Map<String, String> exact = new LinkedHashMap<>();
        merged.forEach((alias, target) -> {
            if (alias.indexOf('*') >= 0) {
                globs.add(AliasPattern.of(alias, target));
            } else {
                exact.put(alias, target);
                aliasesByLowerCase.put(alias.toLowerCase(Locale.ROOT), target);
            }
        });
        globs.sort(Comparator.comparingInt(AliasPattern::literalLength).reversed()); // stable: ties keep their order
        this.aliases = Collections.unmodifiableMap(exact);
        this.patterns = List.copyOf(globs);
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
        aliases.put("claude-*opus*", "GigaChat-2-Max");
        aliases.put("claude-*sonnet*", "GigaChat-2-Pro");
        aliases.put("claude-*haiku*", "GigaChat-2");
        aliases.put("gemini-*pro*", "GigaChat-2-Max");
        aliases.put("gemini-*flash*", "GigaChat-2-Pro");
        aliases.put("gemini-*flash-lite*", "GigaChat-2");
        return aliases;
    }

    /** The effective exact aliases (defaults merged with the caller's), in a stable order; patterns excluded. */
    public Map<String, String> aliases() {
        return aliases;
    }

    /** The effective alias patterns ({@code *} = any characters), most specific first, with their targets. */
    public Map<String, String> aliasPatterns() {
        Map<String, String> out = new LinkedHashMap<>();
        patterns.forEach(p -> out.put(p.alias(), p.target()));
        return out;
    }

    public String resolveChat(String requested) {
        if (!passModel || requested == null || requested.isBlank()) {
            return defaultModel;
        }
        String target = alias(requested.trim().toLowerCase(Locale.ROOT));
        return target != null ? target : requested;
    }

    private String alias(String lowerCaseName) {
        String target = aliasesByLowerCase.get(lowerCaseName);
        if (target != null) {
            return target;
        }
        for (AliasPattern pattern : patterns) {
            if (pattern.regex().matcher(lowerCaseName).matches()) {
                return pattern.target();
            }
        }
        return null;
    }

    /** A glob alias: its text, target, the regex it compiles to, and how many literal characters it has. */
    private record AliasPattern(String alias, String target, Pattern regex, int literalLength) {

        static AliasPattern of(String alias, String target) {
            String lower = alias.toLowerCase(Locale.ROOT);
            String[] literals = lower.split("\\*", -1);
            StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
            for (int i = 1; i < literals.length; i++) {
                regex.append(".*").append(Pattern.quote(literals[i]));
            }
            return new AliasPattern(alias, target, Pattern.compile(regex.toString()), lower.replace("*", "").length());
        }
    }

    /**
     * A GigaChat embedder id ({@code Embeddings*}, {@code GigaEmbeddings*}) passes, an alias maps;
     * anything else (e.g. a chat model name) means the embeddings model. Pass-model off: always it.
     */
    public String resolveEmbeddings(String requested) {
        if (!passModel || requested == null || requested.isBlank()) {
            return embeddingsModel;
        }
        String target = alias(requested.trim().toLowerCase(Locale.ROOT));
        if (target != null) {
            return target;
        }
        return requested.startsWith("Embeddings") || requested.startsWith("GigaEmbeddings")
                ? requested : embeddingsModel;
    }
}
