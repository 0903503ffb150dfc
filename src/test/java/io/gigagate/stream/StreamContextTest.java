package io.gigagate.stream;

import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.wire.WireJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class StreamContextTest {

    @Test
    void readsIncludeUsageStopAndLegacyFunctionsFromTheRequest() throws IOException {
        StreamContext ctx = StreamContext.forRequest(request("""
                {"model":"gpt-4o","messages":[],"stream":true,"stream_options":{"include_usage":true},
                 "stop":"END","functions":[{"name":"f","parameters":{}}]}"""), "chatcmpl-1", 42);
        assertThat(ctx).isEqualTo(new StreamContext("chatcmpl-1", "gpt-4o", 42, java.util.List.of("END"), true, true));
    }

    @Test
    void toolsMeanNoLegacyModeAndNoStreamOptionsMeanNoUsage() throws IOException {
        StreamContext ctx = StreamContext.forRequest(request("""
                {"model":"gpt-4o","messages":[],"stream":true,
                 "tools":[{"type":"function","function":{"name":"f"}}],"functions":[{"name":"f"}]}"""), "chatcmpl-2", 1);
        assertThat(ctx.legacyFunctions()).isFalse();
        assertThat(ctx.includeUsage()).isFalse();
        assertThat(ctx.stop()).isEmpty();
    }

    private static ChatCompletionRequest request(String json) throws IOException {
        return WireJson.mapper().readValue(json, ChatCompletionRequest.class);
    }
}
