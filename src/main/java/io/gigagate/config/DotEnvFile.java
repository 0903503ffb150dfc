package io.gigagate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .env} file the way gpt2giga's (python-dotenv) users write them: {@code KEY=value},
 * optional {@code export }, {@code #} comments, single or double quotes, and a {@code #} comment after
 * an unquoted value. Double-quoted values understand {@code \n}, {@code \"} and {@code \\}.
 */
public final class DotEnvFile {

    private DotEnvFile() {
    }

    public static Map<String, Object> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Map<String, Object> parse(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String rawLine : text.split("\r?\n")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(line.substring(eq + 1).strip());
            values.put(key, value);
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"') {
            int end = closingQuote(value, '"');
            if (end > 0) {
                return value.substring(1, end)
                        .replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            }
        }
        if (value.length() >= 2 && value.charAt(0) == '\'') {
            int end = value.indexOf('\'', 1);
            if (end > 0) {
                return value.substring(1, end);
            }
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).strip() : value;
    }

    private static int closingQuote(String value, char quote) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}
