package io.gigagate.responses;

import java.util.Objects;

/**
 * What a stored Responses turn asks of GigaChat's own storage (v2's {@code storage}, setting
 * {@code gigagate.responses.upstream-storage}): a new thread ({@code storage: {}}, the whole conversation sent)
 * or the continuation of the thread its previous response went into ({@code storage: {thread_id}}, only this
 * request's input sent). The gateway's own record of every response stays whole either way: it is what
 * {@code GET}, {@code input_items} and a fallback rebuild read.
 *
 * @param model    the GigaChat model the turn runs on (a thread is continued on its own model only)
 * @param threadId the thread continued, or null to open one
 */
public record UpstreamStorage(String model, String threadId) {

    public UpstreamStorage {
        Objects.requireNonNull(model, "model");
    }

    /** Whether the turn continues a thread (only its own input is sent). */
    public boolean continues() {
        return threadId != null;
    }

    /** The same turn opening a new thread instead (the fallback when GigaChat no longer knows this one). */
    public UpstreamStorage opening() {
        return new UpstreamStorage(model, null);
    }

    /**
     * The plan for one stored turn on a model served with GigaChat's storage. The thread of {@code previous} is
     * continued when all of these hold; otherwise a new thread is opened and the whole conversation sent:
     * <ul>
     *   <li>{@code previous} went into a thread on the same GigaChat model;</li>
     *   <li>the request's {@code instructions} are the previous response's (GigaChat's thread keeps the system
     *       message it was opened with, and a later system message is refused: other instructions need the
     *       rebuild, as instructions are not carried over);</li>
     *   <li>{@code previous} is the thread's head, moved to {@code responseId} now
     *       ({@link ResponseStore#advanceThreadHead}): a thread holds every turn sent to it, so of several
     *       continuations of one response (a fork) only the first goes through the thread.</li>
     * </ul>
     *
     * @param model      the GigaChat model this turn runs on
     * @param previous   the stored response of {@code previous_response_id}, or null
     * @param responseId this turn's response id
     */
    public static UpstreamStorage plan(String model, String instructions, ResponseStore.Stored previous,
                                       ResponseStore store, String owner, String responseId) {
        UpstreamStorage opening = new UpstreamStorage(model, null);
        if (previous == null || previous.thread() == null || !model.equals(previous.thread().model())) {
            return opening;
        }
        if (!Objects.equals(blankIsNull(instructions), blankIsNull(previous.instructions()))) {
            return opening;
        }
        String threadId = previous.thread().id();
        return store.advanceThreadHead(owner, threadId, previous.id(), responseId)
                ? new UpstreamStorage(model, threadId) : opening;
    }

    private static String blankIsNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
