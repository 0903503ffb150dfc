package io.gigagate.files;

import io.gigagate.error.GatewayException;
import java.util.Base64;
import java.util.Locale;

/** {@code data:<type>;base64,<data>} URLs and bare base64, as clients put them in content parts. */
public final class DataUrls {

    private DataUrls() {
    }

    public static boolean isDataUrl(String url) {
        return url != null && url.regionMatches(true, 0, "data:", 0, 5);
    }

    /**
     * The bytes and declared media type of a base64 data URL; a 400 naming {@code at} when it is not one
     * or its base64 is corrupt.
     */
    public static PartBytes decode(String url, String at) {
        int comma = url.indexOf(',');
        String meta = comma > 5 ? url.substring(5, comma) : "";
        if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw GatewayException.invalidRequest("Invalid data URL in '" + at + "': expected "
                    + "data:<media type>;base64,<data>.", at, "invalid_value");
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        return new PartBytes(base64(url.substring(comma + 1), at), mediaType.isEmpty() ? null : mediaType, null);
    }

    /** Bare base64 (whitespace allowed, as some clients wrap lines); a 400 naming {@code at} when corrupt. */
    public static byte[] base64(String data, String at) {
        try {
            return Base64.getMimeDecoder().decode(strictlyBase64(data, at));
        } catch (IllegalArgumentException e) {
            throw corrupt(at);
        }
    }

    /** The MIME decoder skips foreign characters silently; corrupt input must be refused, not half-read. */
    private static String strictlyBase64(String data, String at) {
        StringBuilder clean = new StringBuilder(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
            if (!alphabet) {
                throw corrupt(at);
            }
            clean.append(c == '-' ? '+' : c == '_' ? '/' : c);
        }
        if (clean.length() == 0 || clean.length() % 4 == 1) {
            throw corrupt(at);
        }
        return clean.toString();
    }

    private static GatewayException corrupt(String at) {
        return GatewayException.invalidRequest("Invalid base64 data in '" + at + "': the content could not be decoded.",
                at, "invalid_base64");
    }
}
