package io.gigagate.gigachat;

import java.util.Locale;

/**
 * How {@code response_format: json_schema} reaches GigaChat ({@code gigagate.structured-output-mode},
 * GIGAGATE_STRUCTURED_OUTPUT_MODE, or gpt2giga's GPT2GIGA_STRUCTURED_OUTPUT_MODE).
 */
public enum StructuredOutputMode {
    /** GigaChat's own {@code response_format {type: json_schema, schema, strict}} (beta on GigaChat's side). */
    NATIVE,
    /** A function with the schema as parameters, forced with {@code function_call}; works on every model with functions. */
    FUNCTION;

    /** {@code native}, {@code function}, or gpt2giga's spelling {@code function_call}; blank gives the default. */
    public static StructuredOutputMode parse(String value, StructuredOutputMode fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "native" -> NATIVE;
            case "function", "function_call" -> FUNCTION;
            default -> throw new IllegalArgumentException("structured output mode must be 'native', 'function' or "
                    + "'function_call', not '" + value + "'");
        };
    }
}
