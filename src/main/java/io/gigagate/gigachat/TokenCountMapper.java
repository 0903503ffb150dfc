package io.gigagate.gigachat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat request's input tokens, counted by GigaChat's {@code POST /tokens/count}: the texts the GigaChat
 * request would send (every message's content, an assistant's function call as JSON, each function
 * definition as JSON) go as its {@code input} list, and the answer's per-text {@code tokens} are summed.
 * Attachments (images, files) are not counted: GigaChat's counter takes text only.
 */
public final class TokenCountMapper {

    private final ObjectMapper json;

    public TokenCountMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The texts of {@code request} that GigaChat would read, in order; empty ones left out. */
    public List<String> inputs(GigaChatChatRequest request) throws IOException {
        List<String> texts = new ArrayList<>();
        if (request.messages() != null) {
            for (GigaChatMessage message : request.messages()) {
                add(texts, message.content());
                if (message.functionCall() != null) {
                    add(texts, json.writeValueAsString(message.functionCall()));
                }
            }
        }
        if (request.functions() != null) {
            for (GigaChatChatRequest.Function function : request.functions()) {
                add(texts, json.writeValueAsString(function));
            }
        }
        return texts;
    }

    /** The body of {@code POST /tokens/count} for these texts. */
    public byte[] countRequest(String model, List<String> inputs) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        inputs.forEach(body.putArray("input")::add);
        return json.writeValueAsBytes(body);
    }

    /** The sum of the {@code tokens} of GigaChat's answer, a JSON array with one object per input. */
    public int total(byte[] answer) throws IOException {
        JsonNode items = json.readTree(answer);
        if (items == null || !items.isArray()) {
            throw new IOException("GigaChat's token count is not a JSON array");
        }
        int total = 0;
        for (JsonNode item : items) {
            total += item.path("tokens").asInt(0);
        }
        return total;
    }

    private static void add(List<String> texts, String text) {
        if (text != null && !text.isEmpty()) {
            texts.add(text);
        }
    }
}
