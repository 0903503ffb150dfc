package io.gigagate.openai;

import io.gigagate.error.GatewayException;

import java.util.List;

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
        CompletionRequest r = OpenAiRequestReader.bind(OpenAiRequestReader.readObject(body), CompletionRequest.class);
        if (r.prompt() == null || r.prompt().isNull()) {
            throw OpenAiRequestReader.missing("prompt");
        }
        OpenAiRequestReader.range("temperature", r.temperature(), 0, 2);
        OpenAiRequestReader.range("top_p", r.topP(), 0, 1);
        OpenAiRequestReader.range("presence_penalty", r.presencePenalty(), -2, 2);
        OpenAiRequestReader.range("frequency_penalty", r.frequencyPenalty(), -2, 2);
        OpenAiRequestReader.between("n", r.n(), 1, 128);
        OpenAiRequestReader.between("best_of", r.bestOf(), 1, 20);
        OpenAiRequestReader.between("logprobs", r.logprobs(), 0, 5);
        if (r.maxTokens() != null && r.maxTokens() < 1) {
            throw GatewayException.invalidRequest("Invalid value for 'max_tokens': expected an integer of at least 1, "
                    + "but got " + r.maxTokens() + " instead.", "max_tokens", "invalid_value");
        }
        if (r.stop() != null && r.stop().size() > MAX_STOP_SEQUENCES) {
            throw GatewayException.invalidRequest("Invalid 'stop': array too long. Expected an array with maximum "
                    + "length " + MAX_STOP_SEQUENCES + ", but got an array with length " + r.stop().size()
                    + " instead.", "stop", "array_above_max_length");
        }
        return r;
    }

    /** One text per prompt; an empty prompt is allowed, as at OpenAI. */
    public static List<String> prompts(CompletionRequest request, TokenIdsDecoder decoder) {
        return TextOrTokensInput.read(request.prompt(), "prompt", request.model(), decoder, true, MAX_PROMPTS);
    }
}
