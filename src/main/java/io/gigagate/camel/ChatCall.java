package io.gigagate.camel;

import io.gigagate.gigachat.FunctionsContext;
import io.gigagate.openai.ChatCompletionRequest;

/**
 * What the front-neutral chat steps ({@link ChatRequestProcessor}) decided for one chat call, left on the
 * exchange as {@link ExchangeKeys#CHAT_CALL} for the answer and stream steps of whichever front asked:
 * the internal chat request (OpenAI's chat records are the gateway's lingua franca), the GigaChat model
 * it goes to, and how its functions were sent.
 *
 * @param request   the chat request as the front made it (attachments and model not yet applied)
 * @param model     the GigaChat model the request goes to, after aliases and overrides
 * @param functions how the request's functions were sent, for reading GigaChat's answer back
 */
public record ChatCall(ChatCompletionRequest request, String model, FunctionsContext functions) {

    public ChatCall {
        functions = functions == null ? FunctionsContext.NONE : functions;
    }

    /** Whether the client asked for a stream. */
    public boolean stream() {
        return Boolean.TRUE.equals(request.stream());
    }

    /** How many choices the client asked for ({@code n}, 1 when absent). */
    public int choices() {
        return request.n() == null ? 1 : request.n();
    }
}
