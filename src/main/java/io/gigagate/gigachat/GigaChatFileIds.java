package io.gigagate.gigachat;

import io.gigagate.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GigaChat file ids: found in a built-in function's answer ({@code <img src="<uuid>" fuse="true"/>}
 * for text2image) and checked before they become part of an upstream path.
 */
public final class GigaChatFileIds {

    private static final Pattern IMG_TAG = Pattern.compile("<img\\s+[^>]*?src\\s*=\\s*\"([^\"]+)\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private GigaChatFileIds() {
    }

    /** The file ids of the {@code <img src="...">} tags in the text, in order (well-formed ids only). */
    public static List<String> fromImageTags(String content) {
        List<String> ids = new ArrayList<>();
        if (content == null) {
            return ids;
        }
        Matcher m = IMG_TAG.matcher(content);
        while (m.find()) {
            if (ID.matcher(m.group(1)).matches()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static final Pattern WHOLE_IMG_TAG = Pattern.compile("<img\\s+[^>]*?src\\s*=\\s*\"([^\"]+)\"[^>]*>[ \\t]*",
            Pattern.CASE_INSENSITIVE);

    /** The text without its {@code <img src="..."/>} tags (and the blanks right after each), or null for null. */
    public static String withoutImageTags(String content) {
        return content == null || !content.contains("<") ? content : WHOLE_IMG_TAG.matcher(content).replaceAll("");
    }

    /** The id itself when it is safe in a URL path; a 500 otherwise (a gateway bug, never client input). */
    public static String checked(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw GatewayException.serverError("Not a GigaChat file id.");
        }
        return id;
    }
}
