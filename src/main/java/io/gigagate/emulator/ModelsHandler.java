package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** GET /api/v1/models (the catalogue, see {@link Models}) and GET /api/v1/models/{id}. */
final class ModelsHandler {

    /** GET /models: {@code {"object":"list","data":[...]}} in server order. */
    void list(Call call) throws IOException {
        ArrayNode data = EmulatorContext.JSON.createArrayNode();
        Models.ALL.forEach((id, type) -> data.add(modelJson(id, type)));
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        res.put("object", "list");
        res.set("data", data);
        call.json(200, res);
    }

    /** GET /models/{id}: one model, or 404 "No such model". */
    void one(Call call) throws IOException {
        String id = call.param("id");
        String type = Models.ALL.get(id);
        if (type == null) {
            throw ApiError.of(404, "No such model");
        }
        call.json(200, modelJson(id, type));
    }

    private static ObjectNode modelJson(String id, String type) {
        ObjectNode m = EmulatorContext.JSON.createObjectNode();
        m.put("id", id);
        m.put("object", "model");
        m.put("owned_by", "salutedevices");
        m.put("type", type);
        return m;
    }
}
