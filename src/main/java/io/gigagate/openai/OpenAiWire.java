package io.gigagate.openai;

import io.gigagate.wire.WireJson;

import io.gigagate.wire.JsonRequestReader;

/**
 * OpenAI's words for the gateway's {@link JsonRequestReader}: the message OpenAI gives for a body that
 * is not JSON, read with {@link WireJson}'s configuration. Every OpenAI request parser reads through
 * {@link #READER}; the checks they share ({@code missing}, {@code range}, {@code oneOf}, ...) are the
 * reader's own static methods. Chat binds in one pass ({@link JsonRequestReader#read}); embeddings,
 * completions and images bind through the tree ({@code readObject} then {@code bind}), as they always
 * have: the errors are the same, the bound values differ only in edge cases such as {@code -0.0}.
 */
final class OpenAiWire {

    /** OpenAI's message for a missing, empty or malformed body (no {@code param}, no {@code code}). */
    static final String UNPARSABLE_BODY = "We could not parse the JSON body of your request. (HINT: This likely "
            + "means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was "
            + "sent was not valid JSON.)";

    static final JsonRequestReader READER = new JsonRequestReader(WireJson.mapper(), UNPARSABLE_BODY);

    private OpenAiWire() {
    }
}
