package io.gigagate.anthropic;

import io.gigagate.gigachat.BuiltInTool;
import java.util.List;

/**
 * What the Anthropic front keeps of a Messages request for its answer, beside the internal chat request
 * it made of it (exchange property {@code gigagate.frontRequest}).
 *
 * @param model         the model as the client asked for it (echoed in the answer)
 * @param stream        {@code stream: true}
 * @param stopSequences {@code stop_sequences}: cut by the front, so the answer can name the one that matched
 * @param thinking      {@code thinking} was enabled: GigaChat's reasoning text becomes a {@code thinking} block
 * @param ignoredTools  the names of Anthropic's built-in tools GigaChat has nothing for (bash, text_editor,
 *                      computer, ...), left out of the upstream request
 * @param builtInTools  Anthropic's server tools GigaChat has its own tool for (web search, web fetch, code
 *                      execution): the chat step serves them on GigaChat's v2 contract, or leaves them out
 */
public record AnthropicRequest(String model, boolean stream, List<String> stopSequences, boolean thinking,
                               List<String> ignoredTools, List<BuiltInTool.Requested> builtInTools) {

    public AnthropicRequest {
        stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
        ignoredTools = ignoredTools == null ? List.of() : List.copyOf(ignoredTools);
        builtInTools = builtInTools == null ? List.of() : List.copyOf(builtInTools);
    }

    public AnthropicRequest(String model, boolean stream, List<String> stopSequences, boolean thinking,
                            List<String> ignoredTools) {
        this(model, stream, stopSequences, thinking, ignoredTools, List.of());
    }
}
