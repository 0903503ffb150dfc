package io.gigagate.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gigagate.openai.Model;
import io.gigagate.openai.ModelList;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's model list (GigaChat's models and the aliases) in Anthropic's shape, for
 * {@code GET /v1/models} and {@code /v1/models/{id}} with an {@code anthropic-version} header: one page
 * with every model ({@code has_more: false}), {@code display_name} the id, {@code created_at} the catalog's
 * fixed creation time.
 */
public final class AnthropicModels {

    private AnthropicModels() {
    }

    /** {@code {"type": "model", "id", "display_name", "created_at", "lifecycle": "active"}}. */
    public record ModelInfo(@JsonProperty("type") String type, @JsonProperty("id") String id,
                            @JsonProperty("display_name") String displayName,
                            @JsonProperty("created_at") String createdAt,
                            @JsonProperty("lifecycle") String lifecycle) {
    }

    /** {@code {"data", "has_more", "first_id", "last_id"}}. */
    public record Page(@JsonProperty("data") List<ModelInfo> data, @JsonProperty("has_more") boolean hasMore,
                       @JsonProperty("first_id") @JsonInclude(JsonInclude.Include.ALWAYS) String firstId,
                       @JsonProperty("last_id") @JsonInclude(JsonInclude.Include.ALWAYS) String lastId) {
    }

    public static Page page(ModelList list) {
        List<ModelInfo> data = list.data() == null ? List.of() : list.data().stream().map(AnthropicModels::info).toList();
        return new Page(data, false, data.isEmpty() ? null : data.get(0).id(),
                data.isEmpty() ? null : data.get(data.size() - 1).id());
    }

    public static ModelInfo info(Model model) {
        return new ModelInfo("model", model.id(), model.id(), Instant.ofEpochSecond(model.created()).toString(),
                "active");
    }
}
