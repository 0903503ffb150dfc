package io.gigagate.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recorded-shape streams in {@code fixtures/stream/}: {@code <name>.gigachat.sse} is what GigaChat
 * sends, {@code <name>.openai.sse} what the client must receive, for the request described here.
 */
enum StreamFixture {
    TEXT("text", ctx("gpt-4o", false, false)),
    TEXT_INCLUDE_USAGE("text-include-usage", ctx("gpt-4o", true, false)),
    ROLE_MISSING_IN_FIRST_CHUNK("role-missing-in-first-chunk", ctx("gpt-4o", false, false)),
    FUNCTION_CALL_IN_FINAL_CHUNK("function-call-in-final-chunk", ctx("gpt-4o", true, false)),
    LEGACY_FUNCTION_CALL_IN_FINAL_CHUNK("legacy-function-call-in-final-chunk", ctx("gpt-4o", false, true)),
    BLACKLIST_BECOMES_CONTENT_FILTER("blacklist-becomes-content-filter", ctx("gpt-4o", false, false)),
    STOP_SEQUENCE_SPLIT_ACROSS_CHUNKS("stop-sequence-split-across-chunks",
            new StreamContext(StreamFixture.ID, "gpt-4o", StreamFixture.CREATED, List.of("STOP"), true, false)),
    NO_FINISH_REASON("no-finish-reason", ctx("gpt-4o", true, false)),
    MODEL_FROM_UPSTREAM_WITHOUT_VERSION("model-from-upstream-without-version", ctx(null, false, false)),
    CONTENT_AND_FINISH_IN_LAST_CHUNK("content-and-finish-in-last-chunk", ctx("gpt-4o", false, false)),
    REASONING_CONTENT("reasoning-content", ctx("gpt-4o", false, false)),
    FUNCTION_IN_PROGRESS_IS_DROPPED("function-in-progress-is-dropped", ctx("gpt-4o", false, false)),
    EMPTY_EVENTS_AND_COMMENTS_ARE_SKIPPED("empty-events-and-comments-are-skipped", ctx("gpt-4o", false, false));

    static final String ID = "chatcmpl-test";
    static final long CREATED = 1700000000L;

    final String file;
    final StreamContext context;

    StreamFixture(String file, StreamContext context) {
        this.file = file;
        this.context = context;
    }

    private static StreamContext ctx(String model, boolean includeUsage, boolean legacy) {
        return new StreamContext(ID, model, CREATED, List.of(), includeUsage, legacy);
    }

    byte[] gigaChat() {
        return bytes(file + ".gigachat.sse");
    }

    byte[] openAi() {
        return bytes(file + ".openai.sse");
    }

    /** The data of each expected OpenAI event, {@code [DONE]} included. */
    List<String> openAiData() {
        return dataOf(new String(openAi(), StandardCharsets.UTF_8));
    }

    /** Splits a well-formed {@code data: x\n\n} stream (as the gateway writes it) into its data. */
    static List<String> dataOf(String sse) {
        List<String> data = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (!event.isEmpty()) {
                if (!event.startsWith("data: ") || event.contains("\n")) {
                    throw new AssertionError("not a single-line data event: " + event);
                }
                data.add(event.substring("data: ".length()));
            }
        }
        if (!sse.isEmpty() && !sse.endsWith("\n\n")) {
            throw new AssertionError("stream does not end with a blank line");
        }
        return data;
    }

    static byte[] bytes(String name) {
        try (InputStream in = StreamFixture.class.getResourceAsStream("/fixtures/stream/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return file;
    }

    static List<StreamFixture> all() {
        return Arrays.asList(values());
    }
}
