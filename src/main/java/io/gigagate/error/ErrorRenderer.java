package io.gigagate.error;

/**
 * How one front (OpenAI, and later Responses, Anthropic, Gemini) writes a {@link GatewayException}: the
 * JSON body of an error answer, and the same error as the data of a stream's error event. Pure: no Camel,
 * no servlet; the route configuration, the servlet filters and the stream encoders all call it.
 */
public interface ErrorRenderer {

    /** The error answer's body, serialised as JSON by the caller. */
    Object body(GatewayException error);

    /**
     * The HTTP status this front answers the error with: the error's own unless the front words it differently
     * (Anthropic answers GigaChat being unavailable with its 529).
     */
    default int status(GatewayException error) {
        return error.status();
    }
}
