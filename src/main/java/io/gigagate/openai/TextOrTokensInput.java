package io.gigagate.openai;

import io.gigagate.error.GatewayException;
import io.gigagate.wire.JsonRequestReader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

import static io.gigagate.wire.JsonRequestReader.emptyArray;
import static io.gigagate.wire.JsonRequestReader.emptyString;
import static io.gigagate.wire.JsonRequestReader.invalidType;
import static io.gigagate.wire.JsonRequestReader.missing;
import static io.gigagate.wire.JsonRequestReader.typeName;

/**
 * OpenAI's four shapes of a text input ({@code input} of embeddings, {@code prompt} of completions):
 * a string, a list of strings, a list of token ids, or a list of token-id lists. Each becomes one
 * text, in order; token ids are decoded by {@link TokenIdsDecoder}. Anything else is a 400 naming
 * the exact element ({@code input[3]}, {@code input[1][0]}). Pure apart from the decoder's tables.
 */
public final class TextOrTokensInput {

    private TextOrTokensInput() {
    }

    /**
     * @param allowEmpty whether {@code ""} (and an empty token list) is a valid text: not for
     *                   embeddings, where OpenAI refuses it; yes for a completion prompt
     */
    public static List<String> read(JsonNode value, String param, String model, TokenIdsDecoder decoder,
                                    boolean allowEmpty, int maxItems) {
        if (value == null || value.isNull()) {
            throw missing(param);
        }
        if (value.isTextual()) {
            return List.of(text(value, param, allowEmpty));
        }
        if (!value.isArray()) {
            throw expected(param, value);
        }
        if (value.isEmpty()) {
            throw emptyArray(param);
        }
        JsonRequestReader.maxItems(param, value.size(), maxItems);
        JsonNode first = value.get(0);
        if (first.isIntegralNumber()) {
            return List.of(decoder.decode(tokenIds(value, param, allowEmpty), model, param));
        }
        List<String> texts = new ArrayList<>(value.size());
        boolean tokenLists = first.isArray();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String at = param + "[" + i + "]";
            if (tokenLists && item.isArray()) {
                texts.add(decoder.decode(tokenIds(item, at, allowEmpty), model, at));
            } else if (!tokenLists && item.isTextual()) {
                texts.add(text(item, at, allowEmpty));
            } else {
                throw invalidType(at, typeName(item)
                        + (tokenLists ? " where a list of token ids was expected" : " where a string was expected"));
            }
        }
        return texts;
    }

    private static String text(JsonNode node, String param, boolean allowEmpty) {
        String text = node.asText();
        if (text.isEmpty() && !allowEmpty) {
            throw emptyString(param);
        }
        return text;
    }

    private static List<Integer> tokenIds(JsonNode array, String param, boolean allowEmpty) {
        if (array.isEmpty() && !allowEmpty) {
            throw emptyArray(param);
        }
        List<Integer> ids = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode id = array.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                String at = param + "[" + i + "]";
                throw invalidType(at, typeName(id)
                        + (id.isIntegralNumber() ? " out of the token id range" : " where a token id was expected"));
            }
            ids.add(id.asInt());
        }
        return ids;
    }

    private static GatewayException expected(String param, JsonNode value) {
        return invalidType(param, "a string, an array of strings, an array of token ids or an array of token-id "
                + "arrays", value);
    }
}
