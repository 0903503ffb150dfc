package io.gigagate.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pure request side: Gemini's request → the internal chat request. */
class GeminiRequestMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GeminiRequestMapper.GeminiChat map(String json, boolean stream) {
        return GeminiRequestMapper.toChat(GeminiWire.generateContent(json.getBytes(StandardCharsets.UTF_8)),
                "models/gemini-2.5-flash", stream);
    }

    private static ChatCompletionRequest chat(String json) {
        return map(json, false).chat();
    }

    private static GatewayException refused(String json) {
        try {
            map(json, false);
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("not refused: " + json);
    }

    @Test
    void rolesPartsAndSystemInstruction() {
        ChatCompletionRequest chat = chat("""
                {"systemInstruction": {"role": "user", "parts": [{"text": "one"}, {"text": "two"}]},
                 "contents": [{"parts": [{"text": "a"}, {"text": "b"}]},
                              {"role": "model", "parts": [{"text": "x", "thought": true}, {"text": "c"}, {"text": "d"}]}]}""");

        assertThat(chat.model()).isEqualTo("gemini-2.5-flash");
        assertThat(chat.stream()).isNull();
        assertThat(chat.messages()).extracting(ChatMessage::role).containsExactly("system", "user", "assistant");
        assertThat(chat.messages().get(0).content().asText()).isEqualTo("one\ntwo");
        assertThat(chat.messages().get(1).content().asText()).isEqualTo("a\nb");
        assertThat(chat.messages().get(2).content().asText()).isEqualTo("cd");
    }

    @Test
    void functionCallsAndResponsesPairByIdThenByName() {
        ChatCompletionRequest chat = chat("""
                {"contents": [
                  {"role": "user", "parts": [{"text": "go"}]},
                  {"role": "model", "parts": [{"functionCall": {"name": "a", "args": {"x": 1}}},
                                              {"functionCall": {"id": "call_given", "name": "b"}}]},
                  {"role": "user", "parts": [{"functionResponse": {"id": "call_given", "name": "b", "response": {"ok": true}}},
                                             {"functionResponse": {"name": "a", "response": {"output": "A"}}},
                                             {"text": "and now?"}]}]}""");

        ChatMessage assistant = chat.messages().get(1);
        assertThat(assistant.toolCalls()).hasSize(2);
        assertThat(assistant.toolCalls().get(0).get("id").asText()).isEqualTo("call_gemini_1_0");
        assertThat(assistant.toolCalls().get(0).at("/function/arguments").asText()).isEqualTo("{\"x\":1}");
        assertThat(assistant.toolCalls().get(1).get("id").asText()).isEqualTo("call_given");
        assertThat(assistant.toolCalls().get(1).at("/function/arguments").asText()).isEqualTo("{}");
        assertThat(chat.messages().get(2).role()).isEqualTo("tool");
        assertThat(chat.messages().get(2).toolCallId()).isEqualTo("call_given");
        assertThat(chat.messages().get(2).content().asText()).isEqualTo("{\"ok\":true}");
        assertThat(chat.messages().get(3).toolCallId()).isEqualTo("call_gemini_1_0");
        assertThat(chat.messages().get(3).name()).isEqualTo("a");
        assertThat(chat.messages().get(4).role()).isEqualTo("user");
        assertThat(chat.messages().get(4).content().asText()).isEqualTo("and now?");
    }

    @Test
    void inlineDataAndFileDataBecomeAttachmentParts() {
        ChatCompletionRequest chat = chat("""
                {"contents": [{"parts": [{"text": "look"},
                  {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                  {"inline_data": {"mime_type": "application/pdf", "data": "JVBERi0x"}},
                  {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/cat.jpg"}}]}]}""");

        JsonNode parts = chat.messages().get(0).content();
        assertThat(parts).hasSize(4);
        assertThat(parts.get(1).at("/image_url/url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(parts.get(2).get("type").asText()).isEqualTo("file");
        assertThat(parts.get(2).at("/file/file_data").asText()).isEqualTo("data:application/pdf;base64,JVBERi0x");
        assertThat(parts.get(3).at("/image_url/url").asText()).isEqualTo("https://example.com/cat.jpg");
    }

    @Test
    void fileUrisTheGatewayCannotFetchAreRefusedAndDocumentsGoAsFilesByUrl() {
        assertThat(refused("""
                {"contents": [{"parts": [{"fileData": {"fileUri": "gs://bucket/a.pdf"}}]}]}""").param())
                .isEqualTo("contents[0].parts[0].fileData.fileUri");
        ChatCompletionRequest pdf = chat("""
                {"contents": [{"parts": [{"fileData": {"mimeType": "application/pdf", "fileUri": "https://x/a.pdf"}}]}]}""");
        assertThat(pdf.messages().get(0).content().get(0).toString())
                .isEqualTo("{\"type\":\"file\",\"file\":{\"file_url\":\"https://x/a.pdf\"}}");
    }

    @Test
    void generationConfig() {
        ChatCompletionRequest chat = chat("""
                {"contents": [{"parts": [{"text": "x"}]}],
                 "generationConfig": {"temperature": 0.5, "topP": 0.9, "topK": 40, "maxOutputTokens": 77,
                   "stopSequences": ["END"], "candidateCount": 3, "presencePenalty": 1, "frequencyPenalty": 1,
                   "seed": 7, "responseMimeType": "application/json"}}""");

        assertThat(chat.temperature()).isEqualTo(0.5);
        assertThat(chat.topP()).isEqualTo(0.9);
        assertThat(chat.maxTokens()).isEqualTo(77);
        assertThat(chat.stop()).containsExactly("END");
        assertThat(chat.n()).isEqualTo(3);
        assertThat(chat.responseFormat().get("type").asText()).isEqualTo("json_object");
        assertThat(chat.presencePenalty()).isNull();
        assertThat(chat.frequencyPenalty()).isNull();
        assertThat(chat.seed()).isNull();
    }

    @Test
    void responseJsonSchemaIsUsedAsItIs() {
        ChatCompletionRequest chat = chat("""
                {"contents": [{"parts": [{"text": "x"}]}],
                 "generationConfig": {"responseMimeType": "application/json",
                   "responseJsonSchema": {"type": "object", "properties": {"a": {"type": ["string", "null"]}}}}}""");

        assertThat(chat.responseFormat().at("/json_schema/schema/properties/a/type/1").asText()).isEqualTo("null");
        assertThat(chat.responseFormat().get("type").asText()).isEqualTo("json_schema");
    }

    @Test
    void thinkingConfigBecomesAReasoningEffort() {
        assertThat(GeminiRequestMapper.reasoningEffort(null)).isNull();
        assertThat(effort(0, null)).isNull();
        assertThat(effort(-1, null)).isNull();
        assertThat(effort(512, null)).isEqualTo("low");
        assertThat(effort(2999, null)).isEqualTo("low");
        assertThat(effort(3000, null)).isEqualTo("medium");
        assertThat(effort(8192, null)).isEqualTo("high"); // Gemini CLI's default budget
        assertThat(effort(24576, null)).isEqualTo("high");
        assertThat(effort(null, "LOW")).isEqualTo("low");
        assertThat(effort(null, "minimal")).isEqualTo("low");
        assertThat(effort(100000, "HIGH")).isEqualTo("high");
        assertThatThrownBy(() -> effort(-5, null)).isInstanceOf(GatewayException.class);
        assertThat(map("""
                {"contents": [{"parts": [{"text": "x"}]}],
                 "generationConfig": {"thinkingConfig": {"includeThoughts": true, "thinkingBudget": 2000}}}""", true)
                .includeThoughts()).isTrue();
    }

    private static String effort(Integer budget, String level) {
        return GeminiRequestMapper.reasoningEffort(new GenerateContentRequest.ThinkingConfig(budget, level, null));
    }

    @Test
    void functionCallingModes() {
        String tools = "\"tools\": [{\"functionDeclarations\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}]";
        assertThat(chat("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], " + tools + "}").toolChoice().asText())
                .isEqualTo("auto");
        assertThat(chat("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], " + tools
                + ", \"toolConfig\": {\"functionCallingConfig\": {\"mode\": \"NONE\"}}}").toolChoice().asText())
                .isEqualTo("none");
        assertThat(chat("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], " + tools
                + ", \"toolConfig\": {\"functionCallingConfig\": {\"mode\": \"ANY\"}}}").toolChoice().asText())
                .isEqualTo("required");
        ChatCompletionRequest one = chat("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], " + tools
                + ", \"toolConfig\": {\"functionCallingConfig\": {\"mode\": \"ANY\", \"allowedFunctionNames\": [\"b\"]}}}");
        assertThat(one.toolChoice().at("/function/name").asText()).isEqualTo("b");
        assertThat(one.tools()).hasSize(1);
        assertThat(refused("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], " + tools
                + ", \"toolConfig\": {\"functionCallingConfig\": {\"mode\": \"SOMETIMES\"}}}").param())
                .isEqualTo("toolConfig.functionCallingConfig.mode");
    }

    @Test
    void builtInToolsMapToGigaChatsOwnOrAreNamed() {
        GeminiRequestMapper.GeminiChat mapped = map("""
                {"contents": [{"parts": [{"text": "x"}]}],
                 "tools": [{"googleSearch": {}}, {"google_search_retrieval": {}}, {"codeExecution": {}},
                           {"googleMaps": {}}, {"urlContext": {}}, {"googleSearch": {}}]}""", false);

        assertThat(mapped.builtInTools()).extracting(t -> t.tool().wire() + "<-" + t.clientName()).containsExactly(
                "web_search<-googleSearch", "web_search<-googleSearchRetrieval", "code_interpreter<-codeExecution",
                "url_content_extraction<-urlContext");
        assertThat(mapped.ignoredTools()).containsExactly("googleMaps");
        assertThat(mapped.chat().tools()).isNull();
        assertThat(mapped.chat().toolChoice()).isNull();
        assertThat(mapped.chat().webSearchOptions()).isNull();
    }

    @Test
    void invalidInputNamesTheField() {
        assertThat(refused("{\"contents\": [{\"role\": \"assistant2\", \"parts\": [{\"text\": \"x\"}]}]}").param())
                .isEqualTo("contents[0].role");
        assertThat(refused("{\"contents\": []}").param()).isEqualTo("contents");
        assertThat(refused("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"generationConfig\": {\"temperature\": 3}}")
                .param()).isEqualTo("generationConfig.temperature");
        assertThat(refused("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"generationConfig\": "
                + "{\"responseMimeType\": \"text/html\"}}").param()).isEqualTo("generationConfig.responseMimeType");
        assertThat(refused("{\"contents\": [{\"parts\": [{\"text\": \"x\"}]}], \"tools\": [{\"functionDeclarations\": "
                + "[{\"description\": \"no name\"}]}]}").param()).isEqualTo("tools[0].functionDeclarations[0].name");
        assertThat(refused("{\"contents\": [{\"role\": \"model\", \"parts\": [{\"functionCall\": {\"name\": \"f\", "
                + "\"args\": [1]}}]}]}").param()).isEqualTo("contents[0].parts[0].functionCall.args");
        GatewayException notJson = refused("[1, 2]");
        assertThat(notJson.status()).isEqualTo(400);
    }
}
