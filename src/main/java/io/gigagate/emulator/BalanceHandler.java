package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** GET /api/v1/balance: a fixed prepaid balance, or 403 "Permission denied" for a pay-as-you-go account. */
final class BalanceHandler implements Handler {

    private final boolean forbidden;

    BalanceHandler(boolean forbidden) {
        this.forbidden = forbidden;
    }

    @Override
    public void handle(Call call) throws IOException {
        if (forbidden) {
            throw ApiError.of(403, "Permission denied");
        }
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        ArrayNode bal = res.putArray("balance");
        bal.addObject().put("usage", "GigaChat").put("value", 100000);
        bal.addObject().put("usage", "embeddings").put("value", 500000);
        call.json(200, res);
    }
}
