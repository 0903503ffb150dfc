package io.gigagate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's {@code POST /api/v2/chat/completions}, in the wire shapes of GigaChat's recorded v2 traffic. */
class EmulatorV2ContractTest extends EmulatorTestSupport {

    private GigaChatEmulator emu;

    @BeforeEach
    void start() {
        emu = GigaChatEmulator.builder().staticToken(TOKEN).build().start();
    }

    @AfterEach
    void stop() {
        emu.close();
    }

    private Res v2(String body) {
        return send(HttpRequest.newBuilder(URI.create(emu.baseUrl().replace("/api/v1", "/api/v2") + "/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** The stream's events as (name, data) pairs, in order. */
    private static List<String[]> events(String sse) {
        List<String[]> out = new ArrayList<>();
        for (String block : sse.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (data != null) {
                out.add(new String[] {name, data});
            }
        }
        return out;
    }

    @Test
    void aTextAnswerHasV2sShape() {
        Res res = v2("""
                {"model": "GigaChat-2-Max", "messages": [{"role": "user", "content": [{"text": "Hello there"}]}],
                 "model_options": {"max_tokens": 50}}""");

        assertThat(res.status()).isEqualTo(200);
        JsonNode answer = res.json();
        assertThat(answer.get("model").asText()).startsWith("GigaChat-2-Max:");
        assertThat(answer.get("created_at").isNumber()).isTrue();
        assertThat(answer.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.at("/messages/0/role").asText()).isEqualTo("assistant");
        assertThat(answer.at("/messages/0/content/0/text").asText()).isNotBlank();
        assertThat(answer.has("choices")).isFalse();
        JsonNode usage = answer.get("usage");
        assertThat(usage.get("input_tokens").asInt()).isPositive();
        assertThat(usage.at("/input_tokens_details/cached_tokens").isNumber()).isTrue();
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("input_tokens").asInt() + usage.get("output_tokens").asInt());
        assertThat(emu.lastRequest("/chat/completions").path()).isEqualTo("/api/v2/chat/completions");
    }

    @Test
    void aFunctionRoundTripCarriesTheToolStateId() {
        String tools = """
                "tools": [{"functions": {"specifications": [{"name": "get_order_status", "parameters":
                  {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}}]}}]""";
        Res call = v2("""
                {"model": "GigaChat-2-Max", "messages": [{"role": "user", "content": [{"text": "Check order A-1024"}]}],
                 "tool_config": {"mode": "forced", "function_name": "get_order_status"}, %s}""".formatted(tools));

        assertThat(call.json().get("finish_reason").asText()).isEqualTo("function_call");
        JsonNode message = call.json().at("/messages/0");
        String state = message.get("tool_state_id").asText();
        assertThat(state).isNotBlank();
        assertThat(message.at("/content/0/function_call/name").asText()).isEqualTo("get_order_status");
        assertThat(message.at("/content/0/function_call/arguments").isObject()).isTrue();

        Res answer = v2("""
                {"model": "GigaChat-2-Max", "messages": [{"role": "user", "content": [{"text": "Check order A-1024"}]},
                  {"role": "assistant", "tools_state_id": "%s", "content": [{"function_call": {"name": "get_order_status",
                    "arguments": {"order_id": "A-1024"}}}]},
                  {"role": "tool", "tools_state_id": "%s", "content": [{"function_result": {"name": "get_order_status",
                    "result": {"status": "packed"}}}]}], %s}""".formatted(state, state, tools));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void aStreamIsNamedEventsWithoutDone() {
        Res res = v2("""
                {"model": "GigaChat", "stream": true, "messages": [{"role": "user", "content": [{"text": "Count to three"}]}]}""");

        List<String[]> events = events(res.body());
        assertThat(events).hasSizeGreaterThan(1);
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> {
            assertThat(e[0]).isEqualTo(V2Wire.DELTA);
            assertThat(json(e[1]).at("/messages/0/content/0/text").isTextual()).isTrue();
        });
        String[] last = events.get(events.size() - 1);
        assertThat(last[0]).isEqualTo(V2Wire.DONE);
        assertThat(json(last[1]).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(json(last[1]).at("/usage/output_tokens").asInt()).isPositive();
        assertThat(res.body()).doesNotContain("[DONE]");
    }

    @Test
    void aStreamedCallSendsItsStateIdWithTheDoneEvent() {
        Res res = v2("""
                {"model": "GigaChat", "stream": true, "messages": [{"role": "user", "content": [{"text": "call it"}]}],
                 "tools": [{"functions": {"specifications": [{"name": "f", "parameters": {"type": "object",
                   "properties": {"q": {"type": "string"}}}}]}}]}""");

        List<String[]> events = events(res.body());
        assertThat(events).extracting(e -> e[0]).containsExactly(V2Wire.DELTA, V2Wire.DONE);
        assertThat(json(events.get(0)[1]).at("/messages/0/content/0/function_call/name").asText()).isEqualTo("f");
        assertThat(json(events.get(0)[1]).at("/messages/0").has("tool_state_id")).isFalse();
        assertThat(json(events.get(1)[1]).get("finish_reason").asText()).isEqualTo("function_call");
        assertThat(json(events.get(1)[1]).get("tool_state_id").asText()).isNotBlank();
    }

    @Test
    void reasoningComesAsItsOwnMessageBeforeTheAnswer() {
        Res res = v2("""
                {"model": "GigaChat-2-Max", "messages": [{"role": "user", "content": [{"text": "Why is the sky blue?"}]}],
                 "model_options": {"reasoning": {"effort": "high"}}}""");

        assertThat(res.json().at("/messages/0/role").asText()).isEqualTo("reasoning");
        assertThat(res.json().at("/messages/0/content/0/text").asText()).contains("high").contains("sky");
        assertThat(res.json().at("/messages/1/role").asText()).isEqualTo("assistant");

        Res stream = v2("""
                {"model": "GigaChat-2-Max", "stream": true, "messages": [{"role": "user", "content": [{"text": "Why?"}]}],
                 "model_options": {"reasoning": {"effort": "low"}}}""");
        assertThat(json(events(stream.body()).get(0)[1]).at("/messages/0/reasoning/text").asText()).contains("low");
    }

    @Test
    void storageKeepsTheThreadSoTheNextTurnSendsOnlyItself() {
        Res first = v2("""
                {"model": "GigaChat", "storage": {}, "messages": [{"role": "user", "content": [{"text": "My name is Olga"}]}]}""");
        String thread = first.json().get("thread_id").asText();
        assertThat(thread).isNotBlank();
        assertThat(first.json().get("message_id").asText()).isNotBlank();

        emu.faults().responder(root -> ChatReply.text("turns=" + root.get("messages").size()));
        Res second = v2("""
                {"storage": {"thread_id": "%s"}, "messages": [{"role": "user", "content": [{"text": "And my name?"}]}]}"""
                .formatted(thread));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/messages/0/content/0/text").asText()).isEqualTo("turns=3");
        assertThat(second.json().get("model").asText()).as("the thread's model").startsWith("GigaChat:");

        assertThat(v2("""
                {"storage": {"thread_id": "no-such"}, "messages": [{"role": "user", "content": [{"text": "x"}]}]}""")
                .status()).isEqualTo(404);
    }

    @Test
    void forgottenThreadsAreNotFoundAndAFunctionCallsStateIdIsTheThreadsToo() {
        Res first = v2("""
                {"model": "GigaChat", "storage": {}, "messages": [{"role": "user", "content": [{"text": "weather?"}]}],
                 "tools": [{"functions": {"specifications": [{"name": "get_weather", "parameters": {"type": "object"}}]}}]}""");
        String thread = first.json().get("thread_id").asText();
        String state = first.json().at("/messages/0/tool_state_id").asText();
        assertThat(state).isNotBlank();

        emu.faults().responder(root -> ChatReply.text("state=" + root.at("/messages/1/functions_state_id").asText()));
        Res second = v2("""
                {"storage": {"thread_id": "%s"}, "messages": [{"role": "tool", "tools_state_id": "%s",
                  "content": [{"function_result": {"name": "get_weather", "result": {"t": 3}}}]}]}"""
                .formatted(thread, state));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/messages/0/content/0/text").asText()).isEqualTo("state=" + state);

        emu.faults().forgetThreads();
        Res forgotten = v2("""
                {"storage": {"thread_id": "%s"}, "messages": [{"role": "user", "content": [{"text": "and now?"}]}]}"""
                .formatted(thread));
        assertThat(forgotten.status()).isEqualTo(404);
        assertThat(forgotten.body()).contains("Thread not found");
    }

    @Test
    void whatV2RefusesIsRefused() {
        assertThat(v2("""
                {"model": "GigaChat", "messages": [{"role": "user", "content": "a plain string"}]}""").status())
                .as("content must be parts").isEqualTo(422);
        assertThat(v2("""
                {"model": "GigaChat", "messages": [{"role": "function", "content": [{"text": "x"}]}]}""").status())
                .as("results are role tool").isEqualTo(422);
        assertThat(v2("""
                {"model": "GigaChat", "messages": [{"role": "user", "content": [{"text": "x"}]}],
                 "tools": [{"telepathy": {}}]}""").status()).isEqualTo(422);
        assertThat(v2("""
                {"model": "NoSuchModel", "messages": [{"role": "user", "content": [{"text": "x"}]}]}""").status())
                .isEqualTo(404);
    }
}
