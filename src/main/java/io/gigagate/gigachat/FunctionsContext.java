package io.gigagate.gigachat;

import java.util.Map;
import java.util.Set;

/**
 * What the response direction must know about how a request's functions were sent, derived from
 * the request alone (see {@link ChatRequestMapper#functionsContext}), so no server state is kept.
 *
 * @param clientNames              GigaChat function name to the client's, for renamed names only
 * @param wrappedRoots             GigaChat names of functions whose non-object parameters were
 *                                 wrapped in {@code {"value": ...}}; their arguments are unwrapped
 * @param structuredOutputFunction GigaChat name of the function that emulates
 *                                 {@code response_format: json_schema}, or null; its call is the answer
 * @param jsonContent              the client asked for JSON content ({@code json_object}, or
 *                                 {@code json_schema} sent natively): the JSON is taken out of the reply
 */
public record FunctionsContext(
        Map<String, String> clientNames,
        Set<String> wrappedRoots,
        String structuredOutputFunction,
        boolean jsonContent) {

    public static final FunctionsContext NONE = new FunctionsContext(Map.of(), Set.of(), null, false);

    public FunctionsContext {
        clientNames = clientNames == null ? Map.of() : Map.copyOf(clientNames);
        wrappedRoots = wrappedRoots == null ? Set.of() : Set.copyOf(wrappedRoots);
    }
}
