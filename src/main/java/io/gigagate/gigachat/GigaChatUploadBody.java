package io.gigagate.gigachat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The body of GigaChat's {@code POST /files}: multipart/form-data with a {@code file} part (filename
 * and the file's own MIME type, which GigaChat checks) and a {@code purpose} part ({@code general}).
 * Built as bytes so a retried upload sends the same body again.
 *
 * @param contentType {@code multipart/form-data; boundary=...}
 */
public record GigaChatUploadBody(byte[] body, String contentType) {

    public static GigaChatUploadBody of(byte[] data, String mimeType, String filename) {
        HttpEntity entity = MultipartEntityBuilder.create()
                .addBinaryBody("file", data, ContentType.create(mimeType), filename)
                .addTextBody("purpose", "general")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 512);
        try {
            entity.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GigaChatUploadBody(out.toByteArray(), entity.getContentType());
    }
}
