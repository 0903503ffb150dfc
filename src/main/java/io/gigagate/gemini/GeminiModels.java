package io.gigagate.gemini;

import io.gigagate.error.GatewayException;
import io.gigagate.openai.Model;
import io.gigagate.openai.ModelList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The gateway's model catalog (GigaChat's models and the configured aliases) in Gemini's shape: each
 * model as {@code models/<id>} with its token limits and the methods it serves (chat models:
 * generateContent, streamGenerateContent, countTokens; embedders: embedContent, batchEmbedContents),
 * listed in pages ({@code pageSize}, default 50, at most 1000; {@code pageToken} / {@code nextPageToken}).
 * Pure.
 */
public final class GeminiModels {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    static final List<String> CHAT_METHODS = List.of("generateContent", "streamGenerateContent", "countTokens");
    static final List<String> EMBEDDING_METHODS = List.of("embedContent", "batchEmbedContents");

    private GeminiModels() {
    }

    /** Gemini model names listed beside the catalog when the aliases map them to a model it has. */
    public static final List<String> GEMINI_NAMES = List.of("gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite");

    /** One page of the catalog. */
    public static GeminiModel.Page page(ModelList catalog, String pageSize, String pageToken) {
        return page(catalog, Map.of(), pageSize, pageToken);
    }

    /**
     * One page of the catalog followed by {@code geminiNames} (a Gemini name → the GigaChat model the
     * aliases give it), each listed when the catalog has its GigaChat model and not the name itself.
     */
    public static GeminiModel.Page page(ModelList catalog, Map<String, String> geminiNames, String pageSize,
                                        String pageToken) {
        int size = pageSize(pageSize);
        int offset = offset(pageToken);
        List<GeminiModel> all = all(catalog);
        List<GeminiModel> extra = new ArrayList<>();
        geminiNames.forEach((name, target) -> {
            boolean listed = all.stream().anyMatch(m -> m.name().equals("models/" + name));
            all.stream().filter(m -> !listed && m.name().equals("models/" + target)).findFirst()
                    .ifPresent(m -> extra.add(aliasOf(name, target, m)));
        });
        all.addAll(extra);
        List<GeminiModel> page = new ArrayList<>(all.subList(Math.min(offset, all.size()),
                Math.min(offset + size, all.size())));
        String next = offset + size < all.size() ? token(offset + size) : null;
        return new GeminiModel.Page(page, next);
    }

    /**
     * {@code models/<id>} or {@code <id>}; a name the catalog does not list but the aliases map to a listed
     * model ({@code gemini-2.5-flash} by the {@code gemini-*flash*} pattern) is answered as that model under
     * the asked name; otherwise a 404.
     *
     * @param resolved the GigaChat model the name resolves to (aliases applied), or null
     */
    public static GeminiModel get(ModelList catalog, String name, String resolved) {
        String id = GeminiRequestMapper.modelName(name);
        GeminiModel target = null;
        for (GeminiModel model : all(catalog)) {
            if (model.name().equals("models/" + id)) {
                return model;
            }
            if (resolved != null && model.name().equals("models/" + resolved)) {
                target = model;
            }
        }
        if (target != null && id != null) {
            return aliasOf(id, resolved, target);
        }
        throw GatewayException.notFound("models/" + id + " is not found for API version v1beta, or is not supported "
                + "by this gateway. Call ListModels to see the models it serves.", "model_not_found", "model");
    }

    private static GeminiModel aliasOf(String name, String resolved, GeminiModel target) {
        return new GeminiModel("models/" + name, name, target.version(), name, name + ": served by GigaGate as "
                + resolved + ".", target.inputTokenLimit(), target.outputTokenLimit(), target.supportedGenerationMethods());
    }

    private static List<GeminiModel> all(ModelList catalog) {
        List<GeminiModel> out = new ArrayList<>();
        for (Model m : catalog.data() == null ? List.<Model>of() : catalog.data()) {
            if (m != null && m.id() != null) {
                out.add(model(m));
            }
        }
        return out;
    }

    static GeminiModel model(Model m) {
        String id = m.id();
        boolean embedder = id.startsWith("Embeddings") || id.startsWith("GigaEmbeddings") || id.startsWith("text-embedding")
                || id.contains("embedding");
        String kind = embedder ? "embedding model" : "chat model";
        String owner = "gigagate".equals(m.ownedBy()) ? "an alias of the gateway" : "a GigaChat " + kind;
        return new GeminiModel("models/" + id, id, "001", id, id + ": " + owner + ", served by GigaGate.",
                inputLimit(id, embedder), embedder ? 1 : 32768, embedder ? EMBEDDING_METHODS : CHAT_METHODS);
    }

    /** GigaChat 2 models (and aliases) read 128K tokens; the first generation 32K; embedders 512, GigaR 4096. */
    static int inputLimit(String id, boolean embedder) {
        if (embedder) {
            return id.equals("EmbeddingsGigaR") || id.startsWith("GigaEmbeddings") ? 4096 : 512;
        }
        return id.startsWith("GigaChat") && !id.startsWith("GigaChat-2") ? 32768 : 131072;
    }

    private static int pageSize(String pageSize) {
        if (pageSize == null || pageSize.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(pageSize.trim());
            if (size < 0) {
                throw invalid("pageSize", "a non-negative number");
            }
            return size == 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
        } catch (NumberFormatException e) {
            throw invalid("pageSize", "a number");
        }
    }

    private static int offset(String pageToken) {
        if (pageToken == null || pageToken.isBlank()) {
            return 0;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(pageToken.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("pageToken", "a token from nextPageToken");
        }
        if (!decoded.matches("offset:[0-9]{1,9}")) {
            throw invalid("pageToken", "a token from nextPageToken");
        }
        return Integer.parseInt(decoded.substring("offset:".length()));
    }

    static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayException invalid(String param, String expected) {
        return GatewayException.invalidRequest("Invalid value for '" + param + "': expected " + expected + ".", param,
                "invalid_value");
    }
}
