package io.gigagate.anthropic;

import java.util.List;

/**
 * What the Anthropic front keeps of a Messages request for its answer, beside the internal chat request
 * it made of it (exchange property {@code gigagate.frontRequest}).
 *
 * @param model         the model as the client asked for it (echoed in the answer)
 * @param stream        {@code stream: true}
 * @param stopSequences {@code stop_sequences}: cut by the front, so the answer can name the one that matched
 * @param thinking      {@code thinking} was enabled: GigaChat's reasoning text becomes a {@code thinking} block
 * @param ignoredTools  the names of the built-in (server) tools left out of the upstream request
 */
public record AnthropicRequest(String model, boolean stream, List<String> stopSequences, boolean thinking,
                               List<String> ignoredTools) {

    public AnthropicRequest {
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        ignoredTools = ignoredTools == null ? List.of() : List.copyOf(ignoredTools);
    }
}
