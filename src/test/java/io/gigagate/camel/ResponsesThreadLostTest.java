package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponsesRequestParser;
import io.gigagate.responses.ResponsesTurn;
import io.gigagate.responses.UpstreamStorage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failures of a turn in GigaChat's storage thread count as the thread being lost (then rebuilt once). */
class ResponsesThreadLostTest {

    private static ResponsesTurn turn(UpstreamStorage storage) {
        return new ResponsesTurn(ResponsesRequestParser.parse("{\"model\":\"m\",\"input\":\"hi\"}"
                .getBytes(StandardCharsets.UTF_8)), null, List.of(), "key:a", storage);
    }

    private static GatewayException upstream(int status, String message) {
        return new GatewayException(status, ErrorCategory.INVALID_REQUEST, "x", null, "GigaChat: " + message);
    }

    @Test
    void onlyAContinuedThreadsNotFoundOrNamedRefusalIsALostThread() {
        ResponsesTurn continuing = turn(new UpstreamStorage("GigaChat-2-Max", "thread-1"));
        assertThat(ResponsesRequestProcessor.threadLost(continuing, upstream(404, "Thread not found"))).isTrue();
        assertThat(ResponsesRequestProcessor.threadLost(continuing, upstream(400, "Unknown thread_id"))).isTrue();
        assertThat(ResponsesRequestProcessor.threadLost(continuing, upstream(422, "thread expired"))).isTrue();
        assertThat(ResponsesRequestProcessor.threadLost(continuing, upstream(422, "Invalid params: temperature")))
                .isFalse();
        assertThat(ResponsesRequestProcessor.threadLost(continuing, upstream(500, "thread pool exhausted"))).isFalse();
        assertThat(ResponsesRequestProcessor.threadLost(continuing, new IllegalStateException("Thread not found")))
                .isFalse();

        ResponsesTurn opening = turn(new UpstreamStorage("GigaChat-2-Max", null));
        assertThat(ResponsesRequestProcessor.threadLost(opening, upstream(404, "No such model"))).isFalse();
        assertThat(ResponsesRequestProcessor.threadLost(turn(null), upstream(404, "Thread not found"))).isFalse();
    }
}
