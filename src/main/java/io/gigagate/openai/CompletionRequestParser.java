package io.gigagate.openai;

import io.gigagate.wire.JsonRequestReader;

import java.util.List;

import static io.gigagate.wire.JsonRequestReader.atLeast;
import static io.gigagate.wire.JsonRequestReader.between;
import static io.gigagate.wire.JsonRequestReader.maxItems;
import static io.gigagate.wire.JsonRequestReader.missing;
import static io.gigagate.wire.JsonRequestReader.range;

/**
 * Reads and validates a legacy completions body as OpenAI does; each failure is a 400 naming
 * {@code param}. The prompts come from {@link #prompts}: one text per prompt, token ids decoded.
 */
public final class CompletionRequestParser {

    static final int MAX_PROMPTS = 2048;
    private static final int MAX_STOP_SEQUENCES = 4;

    private CompletionRequestParser() {
    }

    public static CompletionRequest parse(byte[] body) {
        JsonRequestReader reader = OpenAiWire.READER;
        CompletionRequest r = reader.bind(reader.readObject(body), CompletionRequest.class);
        if (r.prompt() == null || r.prompt().isNull()) {
            throw missing("prompt");
        }
        range("temperature", r.temperature(), 0, 2);
        range("top_p", r.topP(), 0, 1);
        range("presence_penalty", r.presencePenalty(), -2, 2);
        range("frequency_penalty", r.frequencyPenalty(), -2, 2);
        between("n", r.n(), 1, 128);
        between("best_of", r.bestOf(), 1, 20);
        between("logprobs", r.logprobs(), 0, 5);
        atLeast("max_tokens", r.maxTokens(), 1);
        if (r.stop() != null) {
            maxItems("stop", r.stop().size(), MAX_STOP_SEQUENCES);
        }
        return r;
    }

    /** One text per prompt; an empty prompt is allowed, as at OpenAI. */
    public static List<String> prompts(CompletionRequest request, TokenIdsDecoder decoder) {
        return TextOrTokensInput.read(request.prompt(), "prompt", request.model(), decoder, true, MAX_PROMPTS);
    }
}
