package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.emulator.ChatReply;
import io.gigagate.support.GatewayTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GigaChat's reasoning through the chat front, on v1 and (in the v2 contract run) on v2: asked for with an
 * effort, it comes back as {@code reasoning_content}, never mixed into the answer; so does a think block
 * that a model writes at the start of its content.
 */
class ReasoningRouteTest extends GatewayTestSupport {

    private static final String ASK = """
            {"model": "GigaChat-2-Max", "reasoning_effort": "high",
             "messages": [{"role": "user", "content": "Why is the sky blue?"}]%s}""";

    @Test
    void theEffortIsSentAndTheReasoningComesBackApart() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", ASK.formatted(""));

        assertThat(EMULATOR.lastRequest("/chat/completions").chat().get("reasoning_effort").asText()).isEqualTo("high");
        JsonNode message = json(response).at("/choices/0/message");
        assertThat(message.get("reasoning_content").asText()).contains("high").contains("sky");
        assertThat(message.get("content").asText()).isNotBlank().doesNotContain("Reasoning (");
    }

    @Test
    void aStreamSendsReasoningDeltasBeforeTheAnswer() throws Exception {
        String sse = post("/v1/chat/completions", ASK.formatted(", \"stream\": true")).body();

        List<JsonNode> deltas = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                deltas.add(JSON.readTree(line.substring(6)).at("/choices/0/delta"));
            }
        }
        int firstReasoning = -1;
        int firstContent = -1;
        for (int i = 0; i < deltas.size(); i++) {
            if (firstReasoning < 0 && deltas.get(i).hasNonNull("reasoning_content")) {
                firstReasoning = i;
            }
            if (firstContent < 0 && !deltas.get(i).path("content").asText("").isEmpty()) {
                firstContent = i;
            }
        }
        assertThat(firstReasoning).isGreaterThanOrEqualTo(0).isLessThan(firstContent);
        assertThat(deltas).noneMatch(d -> d.path("content").asText("").contains("Reasoning ("));
    }

    @Test
    void aThinkBlockInTheContentBecomesReasoning() throws Exception {
        EMULATOR.faults().enqueueChat(ChatReply.text("<think>Rayleigh scattering.</think>\n\nShort waves scatter more."));
        JsonNode message = json(post("/v1/chat/completions", chatBody("Why?"))).at("/choices/0/message");
        assertThat(message.get("content").asText()).isEqualTo("Short waves scatter more.");
        assertThat(message.get("reasoning_content").asText()).isEqualTo("Rayleigh scattering.");

        EMULATOR.faults().enqueueChat(ChatReply.streamed("<thi", "nk>Rayleigh", "</think>", "\n\nShort", " waves."));
        String sse = post("/v1/chat/completions", """
                {"model": "GigaChat", "stream": true, "messages": [{"role": "user", "content": "Why?"}]}""").body();
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode delta = JSON.readTree(line.substring(6)).at("/choices/0/delta");
                content.append(delta.path("content").asText(""));
                reasoning.append(delta.path("reasoning_content").asText(""));
            }
        }
        assertThat(content.toString()).isEqualTo("Short waves.");
        assertThat(reasoning.toString()).isEqualTo("Rayleigh");
    }
}
