package io.gigagate.camel;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.gigachat.GigaChatFileKind;
import io.gigagate.gigachat.GigaChatUploadBody;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Uploads one file to GigaChat through the door ({@code direct:gigachat-file-upload}) on the client's
 * behalf: the call carries the client's context (its pass-token credential, forwarded headers), so the
 * file belongs to the credential that will use it. Answers GigaChat's file object.
 */
public final class GigaChatFileUploader {

    private final ProducerTemplate template;

    public GigaChatFileUploader(ProducerTemplate template) {
        this.template = template;
    }

    /** @param client the client's exchange, whose context the upload carries */
    public JsonNode upload(Exchange client, byte[] data, String mimeType, String filename) {
        String name = filename != null && !filename.isBlank() ? filename
                : "file." + GigaChatFileKind.extensionOf(mimeType);
        GigaChatUploadBody body = GigaChatUploadBody.of(data, GigaChatFileKind.normalized(mimeType).isEmpty()
                ? "application/octet-stream" : mimeType, name);
        Exchange answer = template.send("direct:gigachat-file-upload", exchange -> {
            for (String key : ExchangeKeys.CLIENT_CONTEXT) {
                Object value = client.getProperty(key);
                if (value != null) {
                    exchange.setProperty(key, value);
                }
            }
            exchange.setProperty(ExchangeKeys.UPSTREAM_CONTENT_TYPE, body.contentType());
            exchange.getMessage().setBody(body.body());
        });
        if (answer.getException() != null) {
            throw answer.getException() instanceof RuntimeException r ? r
                    : new IllegalStateException(answer.getException());
        }
        try {
            JsonNode file = WireJson.mapper().readTree(answer.getMessage().getBody(byte[].class));
            if (file == null || !file.path("id").isTextual()) {
                throw GatewayException.serverError("GigaChat answered the file upload without a file id.");
            }
            return file;
        } catch (IOException e) {
            throw GatewayException.serverError("GigaChat answered the file upload with something that is not JSON.");
        }
    }
}
