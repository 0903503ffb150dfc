package io.gigagate.gemini;

import io.gigagate.error.GatewayException;
import io.gigagate.wire.JsonRequestReader;
import io.gigagate.wire.WireJson;

/**
 * Reading the Gemini front's request bodies: Google's words for a body that is not JSON, the gateway's
 * {@link JsonRequestReader} for the rest (a wrongly typed field is a 400 naming its path).
 */
public final class GeminiWire {

    /** Google's message for a body that is not JSON. */
    static final String UNPARSABLE_BODY = "Invalid JSON payload received. The request body is not a JSON object.";

    static final JsonRequestReader READER = new JsonRequestReader(WireJson.mapper(), UNPARSABLE_BODY);

    private GeminiWire() {
    }

    /** The body of {@code :generateContent} / {@code :streamGenerateContent}. */
    public static GenerateContentRequest generateContent(byte[] body) {
        return READER.read(body, GenerateContentRequest.class);
    }

    /** The body of {@code :countTokens}. */
    public static CountTokensRequest countTokens(byte[] body) {
        return READER.bind(READER.readObject(body), CountTokensRequest.class);
    }

    /** The body of {@code :embedContent}. */
    public static EmbedContentRequest embedContent(byte[] body) {
        return READER.bind(READER.readObject(body), EmbedContentRequest.class);
    }

    /** The body of {@code :batchEmbedContents}. */
    public static BatchEmbedContentsRequest batchEmbedContents(byte[] body) {
        BatchEmbedContentsRequest request = READER.bind(READER.readObject(body), BatchEmbedContentsRequest.class);
        if (request.requests() == null || request.requests().isEmpty()) {
            throw JsonRequestReader.missing("requests");
        }
        return request;
    }

    /** A model path segment's verb that this front does not serve. */
    public static GatewayException unknownMethod(String target) {
        return GatewayException.notFound("Method not found: models/" + target + ". This gateway serves generateContent, "
                + "streamGenerateContent, countTokens, embedContent and batchEmbedContents.", "method_not_found", null);
    }
}
