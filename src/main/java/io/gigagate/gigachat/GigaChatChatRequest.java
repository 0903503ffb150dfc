package io.gigagate.gigachat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Outbound body of GigaChat's {@code POST /chat/completions} (v1 contract). There is no {@code n},
 * {@code stop} or {@code tools}: GigaChat has none of them. {@code function_call} is
 * {@code "none"}, {@code "auto"} or {@code {"name": ...}}, hence raw JSON.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GigaChatChatRequest(
        @JsonProperty("model") String model,
        @JsonProperty("messages") List<GigaChatMessage> messages,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("stream") Boolean stream,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("repetition_penalty") Double repetitionPenalty,
        @JsonProperty("update_interval") Double updateInterval,
        @JsonProperty("profanity_check") Boolean profanityCheck,
        @JsonProperty("function_call") JsonNode functionCall,
        @JsonProperty("functions") List<Function> functions,
        @JsonProperty("flags") List<String> flags,
        @JsonProperty("reasoning_effort") String reasoningEffort,
        @JsonProperty("response_format") ResponseFormat responseFormat,
        @JsonProperty("function_ranker") JsonNode functionRanker,
        @JsonProperty("storage") JsonNode storage,
        @JsonProperty("builtin_tools") List<String> builtInTools) {

    /**
     * This request with GigaChat's built-in tools ({@link BuiltInTool#wire()} names). They exist on the v2
     * contract only, so only a request for a model on v2 carries them (as {@code builtin_tools}, read by
     * {@link ChatV2Contract}); a v1 body never has the field.
     */
    public GigaChatChatRequest withBuiltInTools(List<String> tools) {
        return new GigaChatChatRequest(model, messages, temperature, topP, stream, maxTokens, repetitionPenalty,
                updateInterval, profanityCheck, functionCall, functions, flags, reasoningEffort, responseFormat,
                functionRanker, storage, tools == null || tools.isEmpty() ? null : List.copyOf(tools));
    }

    /**
     * The request with GigaChat's v1 built-in {@code text2image} function allowed: {@code function_call: "auto"}
     * (unless a function is forced, which GigaChat then calls instead), and {@code text2image} named among the
     * functions when there are any (GigaChat serves no built-in function that is not named beside custom ones).
     */
    public GigaChatChatRequest withText2Image() {
        boolean forced = functionCall != null && functionCall.isObject();
        JsonNode call = forced ? functionCall : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("auto");
        List<Function> named = functions;
        if (functions != null && !functions.isEmpty()
                && functions.stream().noneMatch(f -> ImagesMapper.TEXT2IMAGE.equals(f.name()))) {
            named = new java.util.ArrayList<>(functions);
            named.add(new Function(ImagesMapper.TEXT2IMAGE, null, null, null, null));
        }
        return new GigaChatChatRequest(model, messages, temperature, topP, stream, maxTokens, repetitionPenalty,
                updateInterval, profanityCheck, call, named, flags, reasoningEffort, responseFormat, functionRanker,
                storage, builtInTools);
    }

    /** A function the model may call; {@code parameters} is a JSON Schema object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("parameters") JsonNode parameters,
            @JsonProperty("few_shot_examples") JsonNode fewShotExamples,
            @JsonProperty("return_parameters") JsonNode returnParameters) {
    }

    /** Structured output; the schema sits directly under {@code schema} (one level up from OpenAI's). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseFormat(
            @JsonProperty("type") String type,
            @JsonProperty("schema") JsonNode schema,
            @JsonProperty("strict") Boolean strict) {
    }
}
