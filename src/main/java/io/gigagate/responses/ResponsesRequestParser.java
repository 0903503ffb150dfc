package io.gigagate.responses;

import static io.gigagate.wire.JsonRequestReader.atLeast;
import static io.gigagate.wire.JsonRequestReader.invalidType;
import static io.gigagate.wire.JsonRequestReader.missing;
import static io.gigagate.wire.JsonRequestReader.oneOf;
import static io.gigagate.wire.JsonRequestReader.range;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.JsonRequestReader;
import io.gigagate.wire.WireJson;
import java.util.List;

/**
 * Reads and validates a Responses body the way OpenAI does, before anything goes upstream: every failure
 * is a 400 {@code invalid_request_error} whose {@code param} names the field ({@code input[2].content}).
 * What GigaChat cannot do at all is refused here, naming the field: {@code background},
 * {@code conversation}, {@code prompt}. The items and tools themselves are checked while they are mapped
 * ({@link ResponsesChatMapper}).
 */
public final class ResponsesRequestParser {

    /** OpenAI's message for a body that is not JSON (the same words as its chat completions). */
    static final String UNPARSABLE_BODY = "We could not parse the JSON body of your request. (HINT: This likely "
            + "means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was "
            + "sent was not valid JSON.)";

    private static final JsonRequestReader READER = new JsonRequestReader(WireJson.mapper(), UNPARSABLE_BODY);

    private ResponsesRequestParser() {
    }

    public static ResponsesRequest parse(byte[] body) {
        ResponsesRequest request = READER.read(body, ResponsesRequest.class);
        validate(request);
        return request;
    }

    /** The same body read for {@code /v1/responses/input_tokens}, where {@code model} may be left out. */
    public static ResponsesRequest parseForCounting(byte[] body) {
        ResponsesRequest request = READER.read(body, ResponsesRequest.class);
        validateSettings(request);
        return request;
    }

    private static void validate(ResponsesRequest r) {
        if (r.model() == null || r.model().isBlank()) {
            throw missing("model");
        }
        validateSettings(r);
    }

    private static void validateSettings(ResponsesRequest r) {
        JsonNode input = r.input();
        boolean noInput = input == null || input.isNull();
        if (noInput && r.previousResponseId() == null) {
            throw missing("input");
        }
        if (!noInput && !input.isTextual() && !input.isArray()) {
            throw invalidType("input", "a string or an array", input);
        }
        range("temperature", r.temperature(), 0, 2);
        range("top_p", r.topP(), 0, 1);
        atLeast("max_output_tokens", r.maxOutputTokens(), 1);
        if (r.truncation() != null) {
            oneOf("truncation", r.truncation(), List.of("auto", "disabled"));
        }
        if (Boolean.TRUE.equals(r.background())) {
            throw GatewayException.invalidRequest("Background responses are not supported by this gateway: "
                    + "send 'background': false (or leave it out) and wait for the answer, or stream it.",
                    "background", "unsupported_parameter");
        }
        if (r.conversation() != null && !r.conversation().isNull()) {
            throw GatewayException.invalidRequest("The Conversations API is not supported by this gateway: "
                    + "chain responses with 'previous_response_id' instead.", "conversation", "unsupported_parameter");
        }
        if (r.prompt() != null && !r.prompt().isNull()) {
            throw GatewayException.invalidRequest("Stored prompt templates are not supported by this gateway: "
                    + "send the prompt as 'instructions' and 'input'.", "prompt", "unsupported_parameter");
        }
    }
}
