package io.gigagate.files;

/**
 * The bytes of one content part, with the MIME type they were found to have and a filename.
 *
 * @param mimeType what the bytes are (sniffed where possible, else declared), e.g. {@code image/png}
 * @param filename the name the file is uploaded under; null lets the uploader choose one
 */
public record PartBytes(byte[] data, String mimeType, String filename) {
}
