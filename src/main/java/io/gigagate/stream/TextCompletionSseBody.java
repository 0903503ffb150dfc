package io.gigagate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.openai.ChatCompletion;
import io.gigagate.openai.Completion;
import io.gigagate.openai.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A legacy {@code text_completion} SSE body made from a chat SSE body ({@link OpenAiSseBody}, which
 * already does the translation from GigaChat, stop sequences, limits and errors): each chat chunk
 * event is rewritten as a {@code text_completion} chunk as soon as it is read, so nothing is
 * buffered. {@code delta.content} becomes {@code text}; the finish reason moves along
 * ({@code tool_calls} cannot occur, anything but length/content_filter is stop); the usage chunk keeps
 * {@code choices: []}; error events and {@code [DONE]} pass unchanged; chunks with nothing to say (the
 * role-only first delta) are skipped. With {@code echo}, the prompt is the first chunk's text.
 *
 * <p>Reads are pulled by the web layer, one or more complete events per read, as in
 * {@link OpenAiSseBody}. {@link #close()} closes the chat body and so the upstream.
 */
public final class TextCompletionSseBody extends EventStream {

    private final OpenAiSseBody chat;
    private final SseEventReader events;
    private final String id;
    private final long created;
    private final String model;
    private String echo;
    private boolean done;

    public TextCompletionSseBody(OpenAiSseBody chat, String id, long created, String model, String echo) {
        this.chat = chat;
        this.events = new SseEventReader(chat);
        this.id = id;
        this.created = created;
        this.model = model;
        this.echo = echo == null || echo.isEmpty() ? null : echo;
    }

    private byte[] next() throws IOException {
        if (echo != null) {
            String prompt = echo;
            echo = null;
            return jsonEvent(chunk(prompt, null));
        }
        while (true) {
            String data = events.next();
            if (data == null) {
                done = true;
                return new byte[0];
            }
            if (data.strip().equals("[DONE]")) {
                done = true;
                return DONE;
            }
            JsonNode chunk = WireJson.mapper().readTree(data);
            if (chunk.has("error")) {
                done = true;
                return event(data.getBytes(StandardCharsets.UTF_8));
            }
            byte[] translated = translate(chunk);
            if (translated.length > 0) {
                return translated;
            }
        }
    }

    private byte[] translate(JsonNode chunk) throws JsonProcessingException {
        JsonNode choices = chunk.path("choices");
        if (choices.isArray() && choices.isEmpty()) {
            ChatCompletion.Usage usage = WireJson.mapper().treeToValue(chunk.get("usage"), ChatCompletion.Usage.class);
            return jsonEvent(new Completion(id, Completion.OBJECT, created, model, List.of(), usage));
        }
        JsonNode choice = choices.path(0);
        String text = choice.path("delta").path("content").isTextual() ? choice.path("delta").path("content").asText() : null;
        String reason = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        if ((text == null || text.isEmpty()) && reason == null) {
            return new byte[0];
        }
        String finish = reason == null ? null
                : "length".equals(reason) || "content_filter".equals(reason) ? reason : "stop";
        return jsonEvent(chunk(text == null ? "" : text, finish));
    }

    private Completion chunk(String text, String finishReason) {
        return new Completion(id, Completion.OBJECT, created, model,
                List.of(new Completion.Choice(text, 0, null, finishReason)), null);
    }

    @Override
    public void close() {
        done = true;
        chat.close();
    }

    @Override
    protected boolean ended() {
        return done;
    }

    @Override
    protected byte[] nextBytes() throws IOException {
        return next();
    }
}
