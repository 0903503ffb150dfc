package io.gigagate.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** The model catalogue, as recorded from the real /models listing (Jan 2026). */
final class Models {

    /** Version suffix the real API appends to the model name in chat responses. */
    static final String VERSION = "2.0.28.2";

    /** id -> type, in server order. */
    static final Map<String, String> ALL;
    /** Embedder id -> vector dimension. */
    static final Map<String, Integer> EMBEDDING_DIMS = Map.of(
            "Embeddings", 1024,
            "Embeddings-2", 1024,
            "EmbeddingsGigaR", 2560,
            "GigaEmbeddings-3B-2025-09", 2048);

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : new String[] {"GigaChat", "GigaChat-2", "GigaChat-2-Max", "GigaChat-2-Max-preview",
                "GigaChat-2-Pro", "GigaChat-2-Pro-preview", "GigaChat-2-preview", "GigaChat-Max",
                "GigaChat-Max-preview", "GigaChat-Plus", "GigaChat-Pro", "GigaChat-Pro-preview",
                "GigaChat-preview"}) {
            m.put(id, "chat");
        }
        m.put("GigaFilter", "filter");
        m.put("GigaCheckClassification", "aicheck");
        m.put("GigaCheckDetection", "aicheck");
        m.put("Embeddings", "embedder");
        m.put("Embeddings-2", "embedder");
        m.put("EmbeddingsGigaR", "embedder");
        m.put("GigaEmbeddings-3B-2025-09", "embedder");
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    private Models() {
    }

    static boolean isChat(String id) {
        return "chat".equals(ALL.get(id));
    }

    static boolean isEmbedder(String id) {
        return EMBEDDING_DIMS.containsKey(id);
    }
}
