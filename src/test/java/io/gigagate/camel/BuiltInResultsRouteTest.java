package io.gigagate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.WebSearchTool20250305;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GoogleSearch;
import com.google.genai.types.GroundingMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Tool;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionWebSearch;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.WebSearchTool;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * GigaChat's built-in tools answered in each front's own shape, read by each vendor's strict Java client. The
 * models these tests reach are on GigaChat's v2 contract whatever the run's default mode (built-in tools exist
 * on v2 only); the emulator's web search answers with two pages, cited by {@code [sources=[1, 2]]}.
 */
@TestPropertySource(properties = "gigagate.api-modes=GigaChat-2-Max=v2,GigaChat-2-Pro=v2")
class BuiltInResultsRouteTest extends GatewayTestSupport {

    private static final String PAGE_1 = "https://search.invalid/python-news";
    private static final String PAGE_2 = "https://search.invalid/more/python-news";

    private OpenAIClient openAi;
    private AnthropicClient anthropic;
    private Client gemini;

    @BeforeEach
    void openClients() {
        openAi = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey("sk-unused").maxRetries(0).build();
        anthropic = AnthropicOkHttpClient.builder().baseUrl(url("")).apiKey("sk-ant-unused").maxRetries(0).build();
        gemini = Client.builder().apiKey("gemini-key-unused")
                .httpOptions(HttpOptions.builder().baseUrl(url("")).apiVersion("v1beta").build()).build();
    }

    @AfterEach
    void closeClients() {
        openAi.close();
        anthropic.close();
        gemini.close();
    }

    // ---------------------------------------------------------------------------- Responses

    private static ResponseCreateParams searching() {
        return ResponseCreateParams.builder().model("GigaChat-2-Max").input("Python news")
                .addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build()).build();
    }

    @Test
    void responsesAnswerAWebSearchCallAndUrlCitations() {
        Response response = openAi.responses().create(searching()).validate();

        assertThat(EMULATOR.lastRequest("/chat/completions").json().get("tools").toString())
                .contains("{\"web_search\":{}}");
        assertThat(response.output()).hasSize(2);
        ResponseFunctionWebSearch search = response.output().get(0).asWebSearchCall();
        assertThat(search.status()).isEqualTo(ResponseFunctionWebSearch.Status.COMPLETED);
        ResponseFunctionWebSearch.Action.Search action = search.action().asSearch();
        assertThat(action.query()).isEqualTo("Python news");
        assertThat(action.sources().orElseThrow()).extracting(ResponseFunctionWebSearch.Action.Search.Source::url)
                .containsExactly(PAGE_1, PAGE_2);
        ResponseOutputText text = response.output().get(1).asMessage().content().get(0).asOutputText();
        assertCitations(text.text(), text.annotations());
    }

    @Test
    void aResponsesStreamHasTheSearchItemAndAnnotationEvents() {
        List<String> types = new ArrayList<>();
        List<ResponseOutputText.Annotation> added = new ArrayList<>();
        Response completed = null;
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream =
                     openAi.responses().createStreaming(searching())) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                event.validate();
                if (event.isWebSearchCallInProgress()) {
                    types.add("in_progress");
                } else if (event.isWebSearchCallSearching()) {
                    types.add("searching");
                } else if (event.isWebSearchCallCompleted()) {
                    types.add("completed");
                } else if (event.isOutputTextAnnotationAdded()) {
                    added.add(ResponseOutputText.Annotation.ofUrlCitation(event.asOutputTextAnnotationAdded()
                            ._annotation().convert(ResponseOutputText.Annotation.UrlCitation.class)));
                } else if (event.isCompleted()) {
                    completed = event.asCompleted().response();
                }
            }
        }

        assertThat(types).containsExactly("in_progress", "searching", "completed");
        assertThat(completed).isNotNull();
        List<ResponseOutputItem> output = completed.output();
        assertThat(output.get(0).isWebSearchCall()).isTrue();
        ResponseOutputText text = output.get(1).asMessage().content().get(0).asOutputText();
        assertCitations(text.text(), text.annotations());
        assertCitations(text.text(), added);
    }

    private static void assertCitations(String text, List<ResponseOutputText.Annotation> annotations) {
        assertThat(annotations).hasSize(2);
        ResponseOutputText.Annotation.UrlCitation first = annotations.get(0).asUrlCitation();
        assertThat(first.url()).isEqualTo(PAGE_1);
        assertThat(first.title()).isEqualTo("About python-news");
        assertThat(text.substring((int) first.startIndex(), (int) first.endIndex())).isEqualTo("[1](" + PAGE_1 + ")");
        ResponseOutputText.Annotation.UrlCitation second = annotations.get(1).asUrlCitation();
        assertThat(text.substring((int) second.startIndex(), (int) second.endIndex())).isEqualTo("[2](" + PAGE_2 + ")");
    }

    // ---------------------------------------------------------------------------- image generation

    private static boolean jpeg(byte[] image) {
        return image.length > 3 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8;
    }

    private static ResponseCreateParams drawing(String model) {
        return ResponseCreateParams.builder().model(model).input("Draw a red cat")
                .addTool(com.openai.models.responses.Tool.ofImageGeneration(
                        com.openai.models.responses.Tool.ImageGeneration.builder().build())).build();
    }

    @Test
    void responsesImageGenerationIsGigaChatsOnV2AndText2ImageOnV1() {
        // GigaChat-2-Max is on v2 here; GigaChat follows the run's mode (v1 by default)
        for (String model : List.of("GigaChat-2-Max", "GigaChat")) {
            Response response = openAi.responses().create(drawing(model)).validate();

            JsonNode sent = EMULATOR.lastRequest("/chat/completions").json();
            if (EMULATOR.lastRequest("/chat/completions").path().contains("/v2/")) {
                assertThat(sent.get("tools").toString()).as(model).contains("{\"image_generate\":{}}");
            } else {
                assertThat(sent.get("function_call").asText()).as(model).isEqualTo("auto");
                assertThat(sent.has("functions")).isFalse(); // no custom functions: text2image needs no naming
            }
            ResponseOutputItem.ImageGenerationCall image = response.output().get(0).asImageGenerationCall();
            assertThat(image.status()).isEqualTo(ResponseOutputItem.ImageGenerationCall.Status.COMPLETED);
            assertThat(jpeg(java.util.Base64.getDecoder().decode(image.result().orElseThrow()))).as(model).isTrue();
            String text = response.output().get(1).asMessage().content().get(0).asOutputText().text();
            assertThat(text).isEqualTo("Here is your picture").doesNotContain("<img");
            assertThat(EMULATOR.requests().stream().map(r -> r.path()).filter(p -> p.contains("/files/")))
                    .last().asString().endsWith("/content");
        }
    }

    @Test
    void aResponsesStreamHasTheImageItem() {
        List<String> types = new ArrayList<>();
        Response completed = null;
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream =
                     openAi.responses().createStreaming(drawing("GigaChat-2-Max"))) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                event.validate();
                if (event.isImageGenerationCallInProgress() || event.isImageGenerationCallGenerating()
                        || event.isImageGenerationCallCompleted()) {
                    types.add(event.isImageGenerationCallCompleted() ? "completed" : "progress");
                } else if (event.isCompleted()) {
                    completed = event.asCompleted().response();
                }
            }
        }

        assertThat(types).containsExactly("progress", "progress", "completed");
        assertThat(completed).isNotNull();
        String result = completed.output().get(0).asImageGenerationCall().result().orElseThrow();
        assertThat(jpeg(java.util.Base64.getDecoder().decode(result))).isTrue();
        assertThat(completed.output().get(1).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("Here is your picture");
    }

    @Test
    void chatShowsADrawnImageAsAGatewayLink() throws Exception {
        // the client names GigaChat's own text2image function and GigaChat draws (a v2 files part here): the
        // image is a link served by the gateway
        String body = post("/v1/chat/completions", """
                {"model": "GigaChat-2-Max", "messages": [{"role": "user", "content": "Draw a red cat"}],
                 "functions": [{"name": "text2image", "parameters": {"type": "object", "properties": {}}}]}""").body();
        String content = JSON.readTree(body).at("/choices/0/message/content").asText();
        assertThat(content).startsWith("Here is your picture\n\n![image](http://127.0.0.1:" + port
                + "/v1/images/content/").doesNotContain("<img");
        String link = content.substring(content.indexOf("](") + 2, content.length() - 1);
        java.net.http.HttpResponse<byte[]> image = HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(link)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(jpeg(image.body())).isTrue();
    }

    @Test
    void chatStreamsOfSeveralChoicesShowDrawnImagesAsLinksToo() throws Exception {
        String body = post("/v1/chat/completions", """
                {"model": "GigaChat-2-Max", "n": 2, "stream": true,
                 "messages": [{"role": "user", "content": "Draw a red cat"}],
                 "functions": [{"name": "text2image", "parameters": {"type": "object", "properties": {}}}]}""").body();
        StringBuilder[] content = {new StringBuilder(), new StringBuilder()};
        for (String line : body.split("\n")) {
            if (line.startsWith("data: {")) {
                for (JsonNode choice : JSON.readTree(line.substring(6)).path("choices")) {
                    content[choice.get("index").asInt()].append(choice.at("/delta/content").asText(""));
                }
            }
        }
        for (StringBuilder choice : content) {
            assertThat(choice.toString()).startsWith("Here is your picture\n\n![image](http://127.0.0.1:" + port
                    + "/v1/images/content/").doesNotContain("<img");
        }
    }

    @Test
    void aChatStreamCarriesUrlCitationsTheStrictClientReads() {
        com.openai.models.chat.completions.ChatCompletionCreateParams params =
                com.openai.models.chat.completions.ChatCompletionCreateParams.builder().model("GigaChat-2-Max")
                        .addUserMessage("Python news")
                        .webSearchOptions(com.openai.models.chat.completions.ChatCompletionCreateParams.WebSearchOptions
                                .builder().build()).build();
        StringBuilder text = new StringBuilder();
        List<JsonNode> annotations = new ArrayList<>();
        try (com.openai.core.http.StreamResponse<com.openai.models.chat.completions.ChatCompletionChunk> stream =
                     openAi.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunk.validate();
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(text::append);
                    com.openai.core.JsonValue cited = choice.delta()._additionalProperties().get("annotations");
                    if (cited != null) {
                        JSON.valueToTree(cited.convert(Object.class)).forEach(annotations::add);
                    }
                });
            });
        }
        assertThat(annotations).hasSize(2);
        JsonNode first = annotations.get(0).get("url_citation");
        assertThat(first.get("url").asText()).isEqualTo(PAGE_1);
        assertThat(text.substring(first.get("start_index").asInt(), first.get("end_index").asInt()))
                .isEqualTo("[1](" + PAGE_1 + ")");
    }

    // ---------------------------------------------------------------------------- code interpreter, URL content

    private static final String QUESTION = "How long is this question?";
    private static final String CODE = "print(len(\"" + QUESTION + "\"))";
    private static final String PRINTED = QUESTION.length() + "\n";

    @Test
    void responsesCodeInterpreterIsACodeInterpreterCallItem() {
        Response response = openAi.responses().create(ResponseCreateParams.builder().model("GigaChat-2-Max")
                .input(QUESTION).addCodeInterpreterTool(com.openai.models.responses.Tool.CodeInterpreter.Container
                        .CodeInterpreterToolAuto.builder().build()).build()).validate();

        assertThat(EMULATOR.lastRequest("/chat/completions").json().get("tools").toString())
                .contains("{\"code_interpreter\":{}}");
        var run = response.output().get(0).asCodeInterpreterCall();
        assertThat(run.code()).hasValue(CODE);
        assertThat(run.outputs().orElseThrow().get(0).asLogs().logs()).isEqualTo(PRINTED);
        assertThat(response.output().get(1).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("The code ran and printed " + QUESTION.length() + ".");
    }

    @Test
    void aResponsesStreamHasTheCodeInterpreterCallAndItsEvents() {
        List<String> types = new ArrayList<>();
        String code = null;
        Response completed = null;
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream = openAi.responses().createStreaming(
                ResponseCreateParams.builder().model("GigaChat-2-Max").input(QUESTION).addCodeInterpreterTool(
                        com.openai.models.responses.Tool.CodeInterpreter.Container.CodeInterpreterToolAuto.builder()
                                .build()).build())) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                event.validate();
                if (event.isCodeInterpreterCallInProgress()) {
                    types.add("in_progress");
                } else if (event.isCodeInterpreterCallCodeDelta()) {
                    types.add("delta");
                } else if (event.isCodeInterpreterCallCodeDone()) {
                    code = event.asCodeInterpreterCallCodeDone().code();
                } else if (event.isCodeInterpreterCallInterpreting()) {
                    types.add("interpreting");
                } else if (event.isCodeInterpreterCallCompleted()) {
                    types.add("completed");
                } else if (event.isCompleted()) {
                    completed = event.asCompleted().response();
                }
            }
        }

        assertThat(types).containsExactly("in_progress", "delta", "interpreting", "completed");
        assertThat(code).isEqualTo(CODE);
        assertThat(completed).isNotNull();
        assertThat(completed.output().get(0).asCodeInterpreterCall().outputs().orElseThrow().get(0).asLogs().logs())
                .isEqualTo(PRINTED);
    }

    @Test
    void anAnthropicStreamHasTheCodeExecutionBlocks() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(MessageCreateParams
                .builder().model("claude-sonnet-4-5-20250929").maxTokens(256).addUserMessage(QUESTION)
                .addTool(com.anthropic.models.messages.CodeExecutionTool20250825.builder().build()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        List<ContentBlock> content = accumulator.message().content();

        assertThat(content.get(0).asServerToolUse().name().asString()).isEqualTo("code_execution");
        assertThat(content.get(0).asServerToolUse()._input().toString()).contains("print(len(");
        assertThat(content.get(1).asCodeExecutionToolResult().content().asResultBlock().stdout()).isEqualTo(PRINTED);
        assertThat(content.get(2).asText().text()).isEqualTo("The code ran and printed " + QUESTION.length() + ".");
    }

    @Test
    void anthropicCodeExecutionAndWebFetchAreServerToolBlocks() {
        Message message = anthropic.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5-20250929")
                .maxTokens(256).addUserMessage("Read https://example.invalid/page please")
                .addTool(com.anthropic.models.messages.CodeExecutionTool20250825.builder().build())
                .addTool(com.anthropic.models.messages.WebFetchTool20250910.builder().build()).build());

        List<ContentBlock> content = message.content();
        assertThat(content.get(0).asServerToolUse().name().asString()).isEqualTo("web_fetch");
        assertThat(content.get(0).asServerToolUse()._input().toString()).contains("https://example.invalid/page");
        var fetched = content.get(1).asWebFetchToolResult();
        fetched.validate();
        assertThat(fetched.content().asWebFetchBlock().url()).isEqualTo("https://example.invalid/page");
        assertThat(content.get(2).asServerToolUse().name().asString()).isEqualTo("code_execution");
        var ran = content.get(3).asCodeExecutionToolResult();
        ran.validate();
        assertThat(ran.content().asResultBlock().stdout()).isEqualTo("Read https://example.invalid/page please".length() + "\n");
        assertThat(ran.content().asResultBlock().returnCode()).isZero();
        assertThat(message.usage().serverToolUse().orElseThrow().webFetchRequests()).isEqualTo(1);
        assertThat(message.usage().serverToolUse().orElseThrow().webSearchRequests()).isZero();
        content.get(4).validate();
    }

    @Test
    void geminiCodeExecutionAndUrlContextAreItsOwnParts() {
        GenerateContentResponse response = gemini.models.generateContent("gemini-2.5-pro", QUESTION + " https://example.invalid/x",
                GenerateContentConfig.builder().tools(Tool.builder()
                        .codeExecution(com.google.genai.types.ToolCodeExecution.builder().build())
                        .urlContext(com.google.genai.types.UrlContext.builder().build()).build()).build());

        var candidate = response.candidates().orElseThrow().get(0);
        var parts = candidate.content().orElseThrow().parts().orElseThrow();
        assertThat(parts.get(0).executableCode().orElseThrow().code()).hasValueSatisfying(code ->
                assertThat(code).startsWith("print(len("));
        assertThat(parts.get(1).codeExecutionResult().orElseThrow().output())
                .hasValue((QUESTION + " https://example.invalid/x").length() + "\n");
        assertThat(parts.get(1).codeExecutionResult().orElseThrow().outcome().orElseThrow().toString())
                .isEqualTo("OUTCOME_OK");
        assertThat(candidate.urlContextMetadata().orElseThrow().urlMetadata().orElseThrow().get(0).retrievedUrl())
                .hasValue("https://example.invalid/x");
    }

    @Test
    void whenGigaChatOnlySaysItsToolsRanEachFrontShowsThatAndInventsNothing() {
        // as recorded traffic shows: the tool_execution state and the answer's text, no code, output or page
        EMULATOR.faults().builtInDetails(false);

        Response response = openAi.responses().create(ResponseCreateParams.builder().model("GigaChat-2-Max")
                .input(QUESTION).addCodeInterpreterTool(com.openai.models.responses.Tool.CodeInterpreter.Container
                        .CodeInterpreterToolAuto.builder().build()).build()).validate();
        var run = response.output().get(0).asCodeInterpreterCall();
        assertThat(run.status()).isEqualTo(com.openai.models.responses.ResponseCodeInterpreterToolCall.Status.COMPLETED);
        assertThat(run.code()).isEmpty();
        assertThat(run.outputs()).isEmpty();
        assertThat(response.output()).hasSize(2);
        assertThat(response.output().get(1).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("The code ran and printed " + QUESTION.length() + ".");

        List<String> types = new ArrayList<>();
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream = openAi.responses().createStreaming(
                ResponseCreateParams.builder().model("GigaChat-2-Max").input(QUESTION).addCodeInterpreterTool(
                        com.openai.models.responses.Tool.CodeInterpreter.Container.CodeInterpreterToolAuto.builder()
                                .build()).build())) {
            for (ResponseStreamEvent event : (Iterable<ResponseStreamEvent>) stream.stream()::iterator) {
                event.validate();
                if (event.isCodeInterpreterCallInProgress() || event.isCodeInterpreterCallCodeDelta()
                        || event.isCodeInterpreterCallInterpreting() || event.isCodeInterpreterCallCompleted()) {
                    types.add(event.isCodeInterpreterCallCodeDelta() ? "delta" : "state");
                } else if (event.isCompleted()) {
                    assertThat(event.asCompleted().response().output().get(0).asCodeInterpreterCall().code()).isEmpty();
                }
            }
        }
        assertThat(types).containsExactly("state", "state", "state"); // one call, and no code to stream

        Message message = anthropic.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5-20250929")
                .maxTokens(256).addUserMessage("Read https://example.invalid/page please")
                .addTool(com.anthropic.models.messages.CodeExecutionTool20250825.builder().build())
                .addTool(com.anthropic.models.messages.WebFetchTool20250910.builder().build()).build());
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).isText()).isTrue();

        GenerateContentResponse answer = gemini.models.generateContent("gemini-2.5-pro", QUESTION + " https://example.invalid/x",
                GenerateContentConfig.builder().tools(Tool.builder()
                        .codeExecution(com.google.genai.types.ToolCodeExecution.builder().build())
                        .urlContext(com.google.genai.types.UrlContext.builder().build()).build()).build());
        var candidate = answer.candidates().orElseThrow().get(0);
        assertThat(candidate.content().orElseThrow().parts().orElseThrow()).hasSize(1)
                .allSatisfy(part -> assertThat(part.text()).isPresent());
        assertThat(candidate.urlContextMetadata()).isEmpty();
    }

    // ---------------------------------------------------------------------------- name collisions

    @Test
    void aFunctionNamedAsARequestedBuiltInIsRefusedInEachFrontsShape() throws Exception {
        var chat = post("/v1/chat/completions", """
                {"model": "GigaChat-2-Max", "web_search_options": {}, "messages": [{"role": "user", "content": "hi"}],
                 "tools": [{"type": "function", "function": {"name": "web_search", "parameters": {"type": "object"}}}]}""");
        assertThat(chat.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(chat.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("tool_name_collision");
        assertThat(error.get("param").asText()).isEqualTo("tools");
        assertThat(error.get("message").asText()).contains("'web_search'", "'web_search_options'");

        var responses = post("/v1/responses", """
                {"model": "GigaChat-2-Max", "input": "hi", "tools": [{"type": "web_search"},
                 {"type": "function", "name": "web_search", "parameters": {"type": "object"}}]}""");
        assertThat(responses.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(responses.body()).at("/error/code").asText()).isEqualTo("tool_name_collision");

        var messages = post("/v1/messages", """
                {"model": "claude-sonnet-4-5-20250929", "max_tokens": 64, "messages": [{"role": "user", "content": "hi"}],
                 "tools": [{"type": "code_execution_20250825", "name": "code_execution"},
                           {"name": "code_interpreter", "input_schema": {"type": "object"}}]}""",
                "anthropic-version", "2023-06-01");
        assertThat(messages.statusCode()).isEqualTo(400);
        JsonNode anthropicError = JSON.readTree(messages.body());
        assertThat(anthropicError.get("type").asText()).isEqualTo("error");
        assertThat(anthropicError.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(anthropicError.at("/error/message").asText()).contains("'code_interpreter'", "code_execution");

        var generate = post("/v1beta/models/gemini-2.5-pro:generateContent", """
                {"contents": [{"role": "user", "parts": [{"text": "hi"}]}],
                 "tools": [{"googleSearch": {}}, {"functionDeclarations": [{"name": "web_search"}]}]}""");
        assertThat(generate.statusCode()).isEqualTo(400);
        JsonNode geminiError = JSON.readTree(generate.body()).get("error");
        assertThat(geminiError.get("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(geminiError.get("message").asText()).contains("'web_search'", "googleSearch");
        assertThat(EMULATOR.requests("/chat/completions")).isEmpty();
    }

    // ---------------------------------------------------------------------------- Anthropic

    private static MessageCreateParams anthropicSearching() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5-20250929").maxTokens(256)
                .addUserMessage("Python news").addTool(WebSearchTool20250305.builder().build()).build();
    }

    @Test
    void anthropicAnswersServerToolBlocksAndCitations() {
        Message message = anthropic.messages().create(anthropicSearching());

        assertAnthropicSearch(message);
    }

    @Test
    void anAnthropicStreamAccumulatesToTheSameBlocks() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(anthropicSearching())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertAnthropicSearch(accumulator.message());
    }

    /**
     * The message, validated by the SDK block by block: anthropic-java 3.16's {@code ServerToolUseBlock.validate()}
     * compares the parsed {@code name} with a constant and refuses every name, so that block's fields are read
     * (each throws when missing or of the wrong type) instead.
     */
    private static void assertAnthropicSearch(Message message) {
        List<ContentBlock> content = message.content();
        assertThat(content).hasSize(3);
        content.get(0).asServerToolUse().caller().validate();
        content.get(1).validate();
        content.get(2).validate();
        message.usage().validate();
        assertThat(message.stopReason()).isPresent();
        assertThat(content.get(0).asServerToolUse().name().asString()).isEqualTo("web_search");
        assertThat(content.get(0).asServerToolUse()._input().toString()).contains("Python news");
        assertThat(content.get(1).asWebSearchToolResult().toolUseId()).isEqualTo(content.get(0).asServerToolUse().id());
        assertThat(content.get(1).asWebSearchToolResult().content().asResultBlocks())
                .extracting(com.anthropic.models.messages.WebSearchResultBlock::url).containsExactly(PAGE_1, PAGE_2);
        TextBlock text = content.get(2).asText();
        assertThat(text.text()).contains("[1](" + PAGE_1 + ")");
        assertThat(text.citations().orElseThrow()).hasSize(2);
        assertThat(text.citations().orElseThrow().get(0).asWebSearchResultLocation().url()).isEqualTo(PAGE_1);
        assertThat(text.citations().orElseThrow().get(1).asWebSearchResultLocation().citedText())
                .isEqualTo("[2](" + PAGE_2 + ")");
        assertThat(message.usage().serverToolUse().orElseThrow().webSearchRequests()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------- Gemini

    private static GenerateContentConfig geminiSearching() {
        return GenerateContentConfig.builder().tools(Tool.builder().googleSearch(GoogleSearch.builder().build()).build())
                .build();
    }

    @Test
    void geminiAnswersGroundingMetadata() {
        GenerateContentResponse response = gemini.models.generateContent("gemini-2.5-pro", "Python news",
                geminiSearching());

        assertGrounding(response.text(), response.candidates().orElseThrow().get(0).groundingMetadata().orElseThrow());
    }

    @Test
    void aGeminiStreamEndsWithTheGrounding() {
        StringBuilder text = new StringBuilder();
        GroundingMetadata grounding = null;
        try (ResponseStream<GenerateContentResponse> stream = gemini.models.generateContentStream("gemini-2.5-pro",
                "Python news", geminiSearching())) {
            for (GenerateContentResponse chunk : stream) {
                text.append(chunk.text() == null ? "" : chunk.text());
                GroundingMetadata here = chunk.candidates().orElseThrow().get(0).groundingMetadata().orElse(null);
                if (here != null) {
                    assertThat(grounding).as("one chunk carries the grounding").isNull();
                    grounding = here;
                }
            }
        }

        assertThat(grounding).isNotNull();
        assertGrounding(text.toString(), grounding);
    }

    private static void assertGrounding(String text, GroundingMetadata grounding) {
        assertThat(grounding.webSearchQueries().orElseThrow()).containsExactly("Python news");
        assertThat(grounding.groundingChunks().orElseThrow())
                .extracting(chunk -> chunk.web().orElseThrow().uri().orElseThrow()).containsExactly(PAGE_1, PAGE_2);
        var supports = grounding.groundingSupports().orElseThrow();
        assertThat(supports).hasSize(2);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        var segment = supports.get(1).segment().orElseThrow();
        int start = segment.startIndex().orElse(0);
        String cited = new String(utf8, start, segment.endIndex().orElseThrow() - start, StandardCharsets.UTF_8);
        assertThat(cited).isEqualTo("[2](" + PAGE_2 + ")").isEqualTo(segment.text().orElseThrow());
        assertThat(supports.get(1).groundingChunkIndices().orElseThrow()).containsExactly(1);
    }
}
