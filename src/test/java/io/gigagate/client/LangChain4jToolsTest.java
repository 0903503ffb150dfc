package io.gigagate.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.gigagate.emulator.RecordedRequest;
import io.gigagate.support.GatewayTestSupport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * langchain4j's OpenAI model, pointed at the gateway, runs a tool-using assistant: the model asks for
 * the tool, langchain4j runs it and sends the result back, and the final answer arrives. The emulator's
 * record shows GigaChat got functions, then the call/result pair with object arguments.
 */
class LangChain4jToolsTest extends GatewayTestSupport {

    interface Assistant {
        String chat(String message);
    }

    static final class Weather {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Tool("Current weather in a city")
        String weather(@P("the city") String city) {
            asked.add(city);
            return "{\"city\":\"" + city + "\",\"temperature\":21}";
        }
    }

    @Test
    void aToolUsingAssistantCompletesItsRoundTrip() {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(url("/v1"))
                .apiKey("sk-unused")
                .modelName("gpt-4o")
                .maxRetries(0)
                .build();
        Weather weather = new Weather();
        Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(weather).build();

        String answer = assistant.chat("What is the weather in Moscow?");

        assertThat(weather.asked).hasSize(1);
        assertThat(answer).contains("weather").contains("21");
        List<RecordedRequest> calls = EMULATOR.requests("/chat/completions");
        assertThat(calls).hasSize(2);
        JsonNode first = calls.get(0).chat();
        assertThat(first.get("model").asText()).isEqualTo("GigaChat-2-Max");
        assertThat(first.get("functions").get(0).get("name").asText()).isEqualTo("weather");
        JsonNode history = calls.get(1).chat().get("messages");
        JsonNode call = history.get(history.size() - 2);
        JsonNode result = history.get(history.size() - 1);
        assertThat(call.get("function_call").get("arguments").isObject()).isTrue();
        assertThat(result.get("role").asText()).isEqualTo("function");
        assertThat(result.get("name").asText()).isEqualTo("weather");
    }
}
