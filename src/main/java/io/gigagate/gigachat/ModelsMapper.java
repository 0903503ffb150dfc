package io.gigagate.gigachat;

import io.gigagate.error.GatewayException;
import io.gigagate.openai.Model;
import io.gigagate.openai.ModelList;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GigaChat's model list to OpenAI's {@code GET /v1/models}: every upstream model, then one entry
 * per alias whose target GigaChat actually lists. GigaChat gives no creation time, so every entry
 * carries the same stable {@code created} chosen by the caller (e.g. the gateway's start time).
 */
public final class ModelsMapper {

    static final String UPSTREAM_OWNER = "salutedevices";
    static final String ALIAS_OWNER = "gigagate";

    public ModelList toOpenAi(GigaChatModelList upstream, Map<String, String> aliases, long created) {
        List<Model> data = new ArrayList<>();
        Set<String> upstreamIds = new HashSet<>();
        for (GigaChatModel m : upstream.data() == null ? List.<GigaChatModel>of() : upstream.data()) {
            if (m == null || m.id() == null) {
                continue;
            }
            upstreamIds.add(m.id());
            data.add(new Model(m.id(), Model.OBJECT, created,
                    m.ownedBy() == null || m.ownedBy().isBlank() ? UPSTREAM_OWNER : m.ownedBy()));
        }
        if (aliases != null) {
            aliases.forEach((alias, target) -> {
                if (upstreamIds.contains(target) && !upstreamIds.contains(alias)) {
                    data.add(new Model(alias, Model.OBJECT, created, ALIAS_OWNER));
                }
            });
        }
        return new ModelList(ModelList.OBJECT, List.copyOf(data));
    }

    /** The entry for {@code GET /v1/models/{id}}, or OpenAI's 404 {@code model_not_found}. */
    public Model find(ModelList list, String id) {
        if (id != null && list.data() != null) {
            for (Model m : list.data()) {
                if (id.equals(m.id())) {
                    return m;
                }
            }
        }
        throw GatewayException.modelNotFound(id == null ? "" : id);
    }
}
