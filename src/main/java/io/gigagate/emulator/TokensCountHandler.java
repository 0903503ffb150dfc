package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** POST /api/v1/tokens/count: the emulator's token estimate for each input string. */
final class TokensCountHandler implements Handler {

    /** The emulator's token count for a text: one token per four code points, rounded up (chat usage too). */
    static int tokensFor(String text) {
        int chars = text.codePointCount(0, text.length());
        return (chars + 3) / 4;
    }

    @Override
    public void handle(Call call) throws IOException {
        JsonNode root = call.jsonObject();
        String model = root.path("model").asText("");
        if (!Models.ALL.containsKey(model)) {
            throw ApiError.of(404, "No such model");
        }
        ArrayNode res = EmulatorContext.JSON.createArrayNode();
        for (String s : Call.stringArray(root, "input")) {
            ObjectNode o = res.addObject();
            o.put("object", "tokens");
            o.put("tokens", tokensFor(s));
            o.put("characters", s.codePointCount(0, s.length()));
        }
        call.json(200, res);
    }
}
