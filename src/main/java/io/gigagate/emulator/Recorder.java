package io.gigagate.emulator;

import java.util.ArrayDeque;
import java.util.List;

/** The latest requests the emulator received, in arrival order (at most {@code limit}; 0 keeps none). */
final class Recorder {

    private final ArrayDeque<RecordedRequest> recorded = new ArrayDeque<>();
    private final int limit;

    Recorder(int limit) {
        this.limit = limit;
    }

    void record(RecordedRequest rr) {
        synchronized (recorded) {
            if (limit > 0) {
                if (recorded.size() >= limit) {
                    recorded.removeFirst(); // a long-running emulator (demo, bench) keeps only the latest
                }
                recorded.add(rr);
            }
        }
    }

    List<RecordedRequest> all() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    void clear() {
        synchronized (recorded) {
            recorded.clear();
        }
    }
}
