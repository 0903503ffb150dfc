package io.gigagate.gigachat;

import io.gigagate.openai.OpenAiErrors;
import io.gigagate.openai.ChatCompletionRequest;
import io.gigagate.openai.ChatRequestParser;
import io.gigagate.error.GatewayException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gigagate.openai.JsonAssertions.assertSameJson;
import static io.gigagate.openai.JsonAssertions.fixture;
import static io.gigagate.openai.JsonAssertions.tree;
import static io.gigagate.openai.JsonAssertions.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every rule of {@link ChatRequestMapper} is proved by a fixture pair
 * {@code fixtures/chat/<rule>.openai.json} → {@code <rule>.gigachat.json}, compared as JSON trees.
 */
class ChatRequestMapperTest {

    private static final String MODEL = "GigaChat-2-Max";
    private final ChatRequestMapper mapper = new ChatRequestMapper();

    private void assertRule(String rule) {
        assertRule(rule, mapper);
    }

    private void assertRule(String rule, ChatRequestMapper mapper) {
        ChatCompletionRequest request = ChatRequestParser.parse(fixture("chat/" + rule + ".openai.json"));
        GigaChatChatRequest mapped = mapper.toGigaChat(request, MODEL);
        assertSameJson(written(mapped), tree(fixture("chat/" + rule + ".gigachat.json")));
    }

    private GatewayException refusal(String json) {
        ChatCompletionRequest request = ChatRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
        return catchThrowableOfType(GatewayException.class, () -> mapper.toGigaChat(request, MODEL));
    }

    @Nested
    class Roles {
        @Test
        void developerBecomesSystem() {
            assertRule("developer-becomes-system");
        }

        @Test
        void firstSystemMessageMovesToTheFront() {
            assertRule("first-system-moves-to-front");
        }

        @Test
        void systemMessageNotFirstBecomesUser() {
            assertRule("system-not-first-becomes-user");
        }

        @Test
        void consecutiveUserMessagesAreKept() {
            assertRule("consecutive-user-messages-are-kept");
        }
    }

    @Nested
    class Content {
        @Test
        void nullContentBecomesEmptyString() {
            assertRule("null-content-becomes-empty-string");
        }

        @Test
        void textAndRefusalPartsAreJoinedWithNewlines() {
            assertRule("text-parts-are-joined");
        }

        @Test
        void imagePartIsRefusedNamingThePart() {
            GatewayException e = refusal("""
                    {"model":"gpt-4o","messages":[{"role":"user","content":"hi"},{"role":"user","content":[
                      {"type":"text","text":"What is this?"},
                      {"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]}""");
            assertThat(e.status()).isEqualTo(400);
            assertThat(OpenAiErrors.type(e.category())).isEqualTo("invalid_request_error");
            assertThat(e.param()).isEqualTo("messages[1].content[1].type");
            assertThat(e.getMessage()).contains("user messages");
        }

        @Test
        void filePartIsRefusedNamingThePart() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":[{"type":"file","file":{"file_id":"f"}}]}]}""");
            assertThat(e.param()).isEqualTo("messages[0].content[0].type");
        }

        @Test
        void unknownPartTypeIsRefused() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":[{"type":"video","video":{}}]}]}""");
            assertThat(e.param()).isEqualTo("messages[0].content[0].type");
        }
    }

    @Nested
    class Attachments {

        private final String twoImagesAndADocument = """
                {"model":"gpt-4o","messages":[{"role":"user","content":[
                  {"type":"text","text":"Compare"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}},
                  {"type":"file","file":{"file_id":"doc-1"}},
                  {"type":"image_url","image_url":{"url":"https://example.com/b.png"}}]}]}""";

        private List<GigaChatMessage> mapped(String json, ContentAttachments attachments) {
            ChatCompletionRequest request = ChatRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
            return mapper.toGigaChat(request, MODEL, attachments).messages();
        }

        @Test
        void uploadedPartsBecomeAttachmentsAndOneImagePerMessage() {
            List<GigaChatMessage> messages = mapped(twoImagesAndADocument, new ContentAttachments(Map.of(
                    "messages[0].content[1]", new ContentAttachments.Attachment("img-1", GigaChatFileKind.IMAGE),
                    "messages[0].content[2]", new ContentAttachments.Attachment("doc-1", GigaChatFileKind.TEXT),
                    "messages[0].content[3]", new ContentAttachments.Attachment("img-2", GigaChatFileKind.IMAGE)),
                    false));

            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).role()).isEqualTo("user");
            assertThat(messages.get(0).content()).isEqualTo("Compare");
            assertThat(messages.get(0).attachments()).containsExactly("img-1", "doc-1");
            assertThat(messages.get(1).role()).isEqualTo("user");
            assertThat(messages.get(1).content()).isEmpty();
            assertThat(messages.get(1).attachments()).containsExactly("img-2");
        }

        @Test
        void imagePartsAreDroppedWhenImagesAreOff() {
            List<GigaChatMessage> messages = mapped(twoImagesAndADocument, new ContentAttachments(Map.of(
                    "messages[0].content[2]", new ContentAttachments.Attachment("doc-1", GigaChatFileKind.TEXT)), true));

            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).content()).isEqualTo("Compare");
            assertThat(messages.get(0).attachments()).containsExactly("doc-1");
        }

        @Test
        void aMessageWithoutPartsHasNoAttachmentsField() {
            List<GigaChatMessage> messages = mapped("""
                    {"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""", ContentAttachments.none());

            assertThat(messages.get(0).attachments()).isNull();
        }
    }

    @Nested
    class ToolCalls {
        @Test
        void toolCallsBecomeFunctionCallsWithObjectArgumentsAndStateId() {
            assertRule("tool-calls-become-function-calls");
        }

        @Test
        void toolMessageBecomesFunctionNamedAfterItsCall() {
            assertRule("tool-becomes-function");
        }

        @Test
        void toolResultThatIsNotAJsonObjectIsWrapped() {
            assertRule("tool-result-not-json-object-is-wrapped");
        }

        @Test
        void legacyFunctionCallInHistoryBecomesFunctionCall() {
            assertRule("legacy-function-call-in-history");
        }

        @Test
        void toolResultForAnUnknownCallIsRefused() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":"x"},{"role":"tool","tool_call_id":"call_9","content":"1"}]}""");
            assertThat(e.param()).isEqualTo("messages[1].tool_call_id");
        }

        @Test
        void legacyFunctionResultWithoutNameIsRefused() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":"x"},{"role":"function","content":"1"}]}""");
            assertThat(e.param()).isEqualTo("messages[1].name");
        }

        @Test
        void nullToolEntryIsRefusedNotCrashing() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":"x"}],"tools":[null]}""");
            assertThat(e.param()).isEqualTo("tools[0].type");
        }

        @Test
        void argumentsThatAreNotAJsonObjectAreRefused() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[
                      {"id":"call_1","type":"function","function":{"name":"f","arguments":"not json"}}]}]}""");
            assertThat(e.param()).isEqualTo("messages[1].tool_calls[0].function.arguments");
        }
    }

    @Nested
    class Sampling {
        @Test
        void temperatureZeroBecomesTopPZero() {
            assertRule("temperature-zero-becomes-top-p-zero");
        }

        @Test
        void temperatureAboveZeroPasses() {
            assertRule("temperature-above-zero-passes");
        }

        @Test
        void temperatureAtGreedyThresholdAlsoBecomesTopPZero() {
            assertThat(ChatRequestMapper.temperatureZeroBecomesTopPZero(0.001, null))
                    .isEqualTo(new ChatRequestMapper.Sampling(null, 0.0));
            assertThat(ChatRequestMapper.temperatureZeroBecomesTopPZero(0.0011, null))
                    .isEqualTo(new ChatRequestMapper.Sampling(0.0011, null));
        }

        @Test
        void maxCompletionTokensBecomesMaxTokens() {
            assertRule("max-completion-tokens-becomes-max-tokens");
        }

        @Test
        void maxTokensWinsOverMaxCompletionTokens() {
            assertRule("max-tokens-wins-over-max-completion-tokens");
        }

        @Test
        void stopIsNotSent() {
            assertRule("stop-is-not-sent");
        }
    }

    @Nested
    class Fields {
        @Test
        void openAiOnlyFieldsAreDroppedAndStreamIsCopied() {
            assertRule("openai-only-fields-are-dropped");
        }

        @Test
        void gigaChatFieldsPassFromTopLevel() {
            assertRule("gigachat-fields-pass-from-top-level");
        }

        @Test
        void gigaChatFieldsPassFromExtraBodyAndTopLevelWins() {
            assertRule("gigachat-fields-pass-from-extra-body");
        }

        @Test
        void configuredProfanityCheckAppliesOnlyWhenTheClientIsSilent() {
            ChatRequestMapper withDefault = new ChatRequestMapper(false);
            ChatCompletionRequest silent = ChatRequestParser.parse(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8));
            ChatCompletionRequest explicit = ChatRequestParser.parse(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"profanity_check\":true}"
                            .getBytes(StandardCharsets.UTF_8));

            assertThat(withDefault.toGigaChat(silent, MODEL).profanityCheck()).isFalse();
            assertThat(withDefault.toGigaChat(explicit, MODEL).profanityCheck()).isTrue();
            assertThat(mapper.toGigaChat(silent, MODEL).profanityCheck()).isNull();
        }

        @Test
        void configuredDefaultMaxTokensAppliesOnlyWhenTheClientGivesNoLimit() {
            ChatRequestMapper withDefault = new ChatRequestMapper(null, StructuredOutputMode.FUNCTION, 77);
            ChatCompletionRequest silent = ChatRequestParser.parse(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8));
            ChatCompletionRequest maxTokens = ChatRequestParser.parse(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":5}"
                            .getBytes(StandardCharsets.UTF_8));
            ChatCompletionRequest maxCompletionTokens = ChatRequestParser.parse(
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_completion_tokens\":6}"
                            .getBytes(StandardCharsets.UTF_8));

            assertThat(withDefault.toGigaChat(silent, MODEL).maxTokens()).isEqualTo(77);
            assertThat(withDefault.toGigaChat(maxTokens, MODEL).maxTokens()).isEqualTo(5);
            assertThat(withDefault.toGigaChat(maxCompletionTokens, MODEL).maxTokens()).isEqualTo(6);
            assertThat(mapper.toGigaChat(silent, MODEL).maxTokens()).isNull();
        }

        @Test
        void reasoningEffortComesFromReasoning() {
            assertRule("reasoning-becomes-reasoning-effort");
        }
    }

    @Nested
    class Functions {
        @Test
        void toolsBecomeFunctionsAndChoiceDefaultsToAuto() {
            assertRule("tools-become-functions-with-auto");
        }

        @Test
        void namedToolChoiceBecomesNamedFunctionCall() {
            assertRule("named-tool-choice-becomes-function-call");
        }

        @Test
        void toolChoiceNonePasses() {
            assertRule("tool-choice-none-passes");
        }

        @Test
        void toolChoiceRequiredForcesTheOnlyTool() {
            assertRule("tool-choice-required-forces-the-only-tool");
        }

        @Test
        void legacyFunctionsAndFunctionCallPass() {
            assertRule("legacy-functions-and-function-call-pass");
        }

        @Test
        void nonFunctionToolIsRefused() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":"x"}],"tools":[{"type":"web_search"}]}""");
            assertThat(e.param()).isEqualTo("tools[0].type");
        }

        @Test
        void toolChoiceRequiredWithSeveralToolsAsksInTheSystemMessage() {
            assertRule("tool-choice-required-with-several-tools-asks-in-the-system-message");
        }

        @Test
        void namedChoiceOfAnUndeclaredFunctionIsRefused() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":"x"}],
                     "tools":[{"type":"function","function":{"name":"a"}}],
                     "tool_choice":{"type":"function","function":{"name":"b"}}}""");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo("tool_choice.function.name");
        }

        @Test
        void aFunctionDeclaredTwiceIsRefused() {
            GatewayException e = refusal("""
                    {"messages":[{"role":"user","content":"x"}],
                     "tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"a"}}]}""");
            assertThat(e.param()).isEqualTo("tools[1].function.name");
        }

        @Test
        void nameGigaChatRefusesIsRenamedEverywhere() {
            assertRule("function-name-not-accepted-is-renamed");
        }

        @Test
        void renamedNamesAreInTheFunctionsContextForTheWayBack() {
            ChatCompletionRequest request = ChatRequestParser.parse(
                    fixture("chat/function-name-not-accepted-is-renamed.openai.json"));
            assertThat(mapper.functionsContext(request).clientNames()).containsOnly(
                    java.util.Map.entry("fs_read_file_2", "fs.read-file"), java.util.Map.entry("fn_2fa", "2fa"),
                    java.util.Map.entry("pogoda", "погода"));
        }
    }

    @Nested
    class Schemas {
        @Test
        void refIsInlinedAndACycleIsCut() {
            assertRule("schema-ref-is-inlined");
        }

        @Test
        void nullableAnyOfBecomesItsType() {
            assertRule("schema-nullable-any-of-becomes-its-type");
        }

        @Test
        void allOfIsMerged() {
            assertRule("schema-all-of-is-merged");
        }

        @Test
        void oneOfKeepsTheFirstBranchAndNamesTheOthers() {
            assertRule("schema-one-of-keeps-the-first-branch");
        }

        @Test
        void objectWithoutPropertiesGetsThem() {
            assertRule("schema-object-without-properties-gets-them");
        }

        @Test
        void nonObjectRootIsWrappedInValue() {
            assertRule("schema-non-object-root-is-wrapped");
        }

        @Test
        void nonStringEnumBecomesDescription() {
            assertRule("schema-non-string-enum-becomes-description");
        }
    }

    @Nested
    class History {
        @Test
        void parallelToolCallsBecomeOrderedCallResultPairs() {
            assertRule("parallel-tool-calls-become-ordered-pairs");
        }
    }

    @Nested
    class ResponseFormat {
        private final ChatRequestMapper nativeMapper = new ChatRequestMapper(null, StructuredOutputMode.NATIVE);

        @Test
        void jsonSchemaResponseFormatMovesTheSchemaUpInNativeMode() {
            assertRule("json-schema-response-format-moves-schema-up", nativeMapper);
        }

        @Test
        void jsonSchemaBecomesAForcedFunctionInFunctionMode() {
            assertRule("json-schema-becomes-forced-function");
        }

        @Test
        void jsonSchemaFunctionBesideClientToolsIsNotForced() {
            assertRule("json-schema-function-beside-tools-is-not-forced");
        }

        @Test
        void jsonObjectBecomesASystemInstruction() {
            assertRule("json-object-becomes-system-instruction");
        }

        @Test
        void textResponseFormatIsDropped() {
            assertRule("text-response-format-is-dropped");
        }

        @Test
        void functionsContextSaysHowTheAnswerComesBack() {
            ChatCompletionRequest schema = ChatRequestParser.parse(
                    fixture("chat/json-schema-becomes-forced-function.openai.json"));
            assertThat(mapper.functionsContext(schema).structuredOutputFunction()).isEqualTo("answer_card");
            assertThat(nativeMapper.functionsContext(schema).structuredOutputFunction()).isNull();
            assertThat(nativeMapper.functionsContext(schema).jsonContent()).isTrue();
            ChatCompletionRequest object = ChatRequestParser.parse(
                    fixture("chat/json-object-becomes-system-instruction.openai.json"));
            assertThat(mapper.functionsContext(object).jsonContent()).isTrue();
        }
    }
}
