package io.gigagate.files;

/**
 * What a file is by its first bytes, not by what the sender claims: a URL's Content-Type or a data
 * URL's media type can be wrong, and GigaChat refuses bytes that do not match the type they are
 * uploaded as.
 */
public final class ContentSniffer {

    private ContentSniffer() {
    }

    /** The image MIME type of these bytes, or null when they are no image format known here. */
    public static String imageType(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (starts(b, 'B', 'M')) {
            return "image/bmp";
        }
        if (starts(b, 'I', 'I', 0x2A, 0x00) || starts(b, 'M', 'M', 0x00, 0x2A)) {
            return "image/tiff";
        }
        return null;
    }

    /** The document MIME type of these bytes when the magic number tells (PDF), else null. */
    public static String documentType(byte[] b) {
        return starts(b, '%', 'P', 'D', 'F', '-') ? "application/pdf" : null;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
