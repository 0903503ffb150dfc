package io.gigagate.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponseStore;
import io.gigagate.wire.JsonRequestReader;
import java.util.Collections;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The stored responses' endpoints, for the caller's own responses only (another caller's are not found):
 * {@code GET /v1/responses/{id}}, {@code DELETE /v1/responses/{id}} ({@code response.deleted}) and
 * {@code GET /v1/responses/{id}/input_items} (a list page: {@code limit} 1-100, default 20; {@code order}
 * {@code desc} by default or {@code asc}; {@code after} an item id).
 */
public final class ResponsesStoreProcessor {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResponseStore store;

    public ResponsesStoreProcessor(ResponseStore store) {
        this.store = store;
    }

    public void get(Exchange exchange) throws Exception {
        HttpAnswers.json(exchange.getMessage(), 200, stored(exchange).responseJson()); // the bytes as answered
    }

    public void delete(Exchange exchange) throws Exception {
        String id = id(exchange);
        if (!store.delete(ResponsesRequestProcessor.owner(exchange), id)) {
            throw notFound(id);
        }
        HttpAnswers.json(exchange.getMessage(), 200,
                NODES.objectNode().put("id", id).put("object", "response.deleted").put("deleted", true));
    }

    public void inputItems(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ResponseStore.Stored stored = stored(exchange);
        int limit = limit(message.getHeader("limit", String.class));
        String order = message.getHeader("order", "desc", String.class);
        JsonRequestReader.oneOf("order", order, List.of("asc", "desc"));
        String after = message.getHeader("after", String.class);

        List<JsonNode> items = stored.input();
        if (order.equals("desc")) {
            Collections.reverse(items);
        }
        int from = 0;
        if (after != null && !after.isEmpty()) {
            from = -1;
            for (int i = 0; i < items.size(); i++) {
                if (after.equals(items.get(i).path("id").asText())) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw GatewayException.invalidRequest("Invalid value for 'after': no input item with id '" + after
                        + "' in this response.", "after", "invalid_value");
            }
        }
        List<JsonNode> page = items.subList(from, Math.min(items.size(), from + limit));
        ObjectNode list = NODES.objectNode().put("object", "list");
        list.putArray("data").addAll(page);
        if (page.isEmpty()) {
            list.putNull("first_id");
            list.putNull("last_id");
        } else {
            list.put("first_id", page.get(0).path("id").asText());
            list.put("last_id", page.get(page.size() - 1).path("id").asText());
        }
        list.put("has_more", from + page.size() < items.size());
        HttpAnswers.json(message, 200, list);
    }

    private ResponseStore.Stored stored(Exchange exchange) {
        String id = id(exchange);
        return store.get(ResponsesRequestProcessor.owner(exchange), id).orElseThrow(() -> notFound(id));
    }

    private static String id(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || id.isBlank()) {
            throw notFound("");
        }
        return id;
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return 20;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw GatewayException.invalidRequest("Invalid value for 'limit': expected an integer between 1 and 100.",
                    "limit", "invalid_value");
        }
        JsonRequestReader.between("limit", limit, 1, 100);
        return limit;
    }

    private static GatewayException notFound(String id) {
        return GatewayException.notFound("Response with id '" + id + "' not found.", "not_found", "id");
    }
}
