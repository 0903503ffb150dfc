package io.gigagate.gemini;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Inbound body of {@code models/{model}:generateContent} and {@code :streamGenerateContent} (and the
 * {@code generateContentRequest} of {@code :countTokens}). Google reads proto JSON, which takes the
 * lowerCamel names and the proto's snake_case names alike; both are accepted here for the fields that
 * clients are known to send either way. {@code tools}, {@code safetySettings} and the schemas stay raw
 * JSON: they are read field by field by {@link GeminiRequestMapper}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateContentRequest(
        @JsonProperty("model") String model,
        @JsonProperty("contents") List<Content> contents,
        @JsonProperty("systemInstruction") @JsonAlias({"system_instruction"}) Content systemInstruction,
        @JsonProperty("tools") List<JsonNode> tools,
        @JsonProperty("toolConfig") @JsonAlias({"tool_config"}) ToolConfig toolConfig,
        @JsonProperty("generationConfig") @JsonAlias({"generation_config"}) GenerationConfig generationConfig,
        @JsonProperty("safetySettings") @JsonAlias({"safety_settings"}) JsonNode safetySettings,
        @JsonProperty("cachedContent") @JsonAlias({"cached_content"}) String cachedContent,
        @JsonProperty("labels") JsonNode labels) {

    /** One turn: {@code role} {@code user} or {@code model} (absent means user), and its parts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(
            @JsonProperty("role") String role,
            @JsonProperty("parts") List<Part> parts) {
    }

    /**
     * One part of a turn; exactly one of the data fields is set. The same record is written in answers
     * (with {@code thought} for reasoning text and {@code functionCall} for calls).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Part(
            @JsonProperty("text") String text,
            @JsonProperty("thought") Boolean thought,
            @JsonProperty("thoughtSignature") @JsonAlias({"thought_signature"}) String thoughtSignature,
            @JsonProperty("inlineData") @JsonAlias({"inline_data"}) Blob inlineData,
            @JsonProperty("fileData") @JsonAlias({"file_data"}) FileData fileData,
            @JsonProperty("functionCall") @JsonAlias({"function_call"}) FunctionCall functionCall,
            @JsonProperty("functionResponse") @JsonAlias({"function_response"}) FunctionResponse functionResponse,
            @JsonProperty("executableCode") @JsonAlias({"executable_code"}) JsonNode executableCode,
            @JsonProperty("codeExecutionResult") @JsonAlias({"code_execution_result"}) JsonNode codeExecutionResult) {

        public static Part ofText(String text) {
            return new Part(text, null, null, null, null, null, null, null, null);
        }

        public static Part ofThought(String text) {
            return new Part(text, true, null, null, null, null, null, null, null);
        }

        public static Part ofCall(FunctionCall call) {
            return new Part(null, null, null, null, null, call, null, null, null);
        }

        /** {@code executableCode: {language: PYTHON, code}}: code GigaChat's code interpreter ran. */
        public static Part ofCode(String code) {
            return new Part(null, null, null, null, null, null, null, com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode().put("language", "PYTHON").put("code", code == null ? "" : code), null);
        }

        /** {@code codeExecutionResult: {outcome: OUTCOME_OK, output}}: what it printed. */
        public static Part ofCodeResult(String output) {
            return new Part(null, null, null, null, null, null, null, null, com.fasterxml.jackson.databind.node
                    .JsonNodeFactory.instance.objectNode().put("outcome", "OUTCOME_OK")
                    .put("output", output == null ? "" : output));
        }
    }

    /** Bytes sent inline: {@code mimeType} and base64 {@code data}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blob(
            @JsonProperty("mimeType") @JsonAlias({"mime_type"}) String mimeType,
            @JsonProperty("data") String data) {
    }

    /** A file by URI ({@code fileUri}); only http(s) URIs can be fetched by the gateway. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileData(
            @JsonProperty("mimeType") @JsonAlias({"mime_type"}) String mimeType,
            @JsonProperty("fileUri") @JsonAlias({"file_uri"}) String fileUri) {
    }

    /** A function call of the model: {@code args} is a JSON object; {@code id} comes back in the result. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("args") JsonNode args) {
    }

    /** A function's result, sent by the client: {@code response} is a JSON object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionResponse(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("response") JsonNode response) {
    }

    /** {@code toolConfig}: only {@code functionCallingConfig} matters. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolConfig(
            @JsonProperty("functionCallingConfig") @JsonAlias({"function_calling_config"})
            FunctionCallingConfig functionCallingConfig) {
    }

    /** {@code mode}: {@code AUTO}, {@code ANY}, {@code NONE} or {@code VALIDATED}; {@code allowedFunctionNames} with ANY. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCallingConfig(
            @JsonProperty("mode") String mode,
            @JsonProperty("allowedFunctionNames") @JsonAlias({"allowed_function_names"}) List<String> allowedFunctionNames) {
    }

    /** {@code generationConfig}; what is mapped and what is ignored: {@link GeminiRequestMapper}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenerationConfig(
            @JsonProperty("temperature") Double temperature,
            @JsonProperty("topP") @JsonAlias({"top_p"}) Double topP,
            @JsonProperty("topK") @JsonAlias({"top_k"}) Double topK,
            @JsonProperty("candidateCount") @JsonAlias({"candidate_count"}) Integer candidateCount,
            @JsonProperty("maxOutputTokens") @JsonAlias({"max_output_tokens"}) Integer maxOutputTokens,
            @JsonProperty("stopSequences") @JsonAlias({"stop_sequences"}) List<String> stopSequences,
            @JsonProperty("responseMimeType") @JsonAlias({"response_mime_type"}) String responseMimeType,
            @JsonProperty("responseSchema") @JsonAlias({"response_schema"}) JsonNode responseSchema,
            @JsonProperty("responseJsonSchema") @JsonAlias({"response_json_schema", "_responseJsonSchema"})
            JsonNode responseJsonSchema,
            @JsonProperty("presencePenalty") @JsonAlias({"presence_penalty"}) Double presencePenalty,
            @JsonProperty("frequencyPenalty") @JsonAlias({"frequency_penalty"}) Double frequencyPenalty,
            @JsonProperty("seed") JsonNode seed,
            @JsonProperty("responseLogprobs") @JsonAlias({"response_logprobs"}) Boolean responseLogprobs,
            @JsonProperty("logprobs") Integer logprobs,
            @JsonProperty("thinkingConfig") @JsonAlias({"thinking_config"}) ThinkingConfig thinkingConfig) {
    }

    /**
     * {@code thinkingConfig}: {@code thinkingBudget} (tokens; 0 off, -1 dynamic), {@code thinkingLevel}
     * (Gemini 3's words) and {@code includeThoughts}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ThinkingConfig(
            @JsonProperty("thinkingBudget") @JsonAlias({"thinking_budget"}) Integer thinkingBudget,
            @JsonProperty("thinkingLevel") @JsonAlias({"thinking_level"}) String thinkingLevel,
            @JsonProperty("includeThoughts") @JsonAlias({"include_thoughts"}) Boolean includeThoughts) {
    }
}
