package io.gigagate.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.files.FileLimits;
import io.gigagate.files.UploadCache;
import io.gigagate.gigachat.GigaChatFileKind;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * {@code /v1/files} on GigaChat's files API: upload (multipart {@code file} + {@code purpose}), list,
 * one file, its content, delete. GigaChat's file objects are answered in OpenAI's shapes. GigaChat
 * keeps one purpose, {@code general}, for every file, so the answers say {@code user_data} (OpenAI's
 * purpose for files used as model input) whatever the client asked for.
 */
public final class FilesProcessor {

    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final GigaChatFileUploader uploader;
    private final UploadCache cache;
    private final FileLimits limits;

    public FilesProcessor(GigaChatFileUploader uploader, UploadCache cache, FileLimits limits) {
        this.uploader = uploader;
        this.cache = cache;
        this.limits = limits;
    }

    /** {@code POST /v1/files}: the multipart {@code file} goes to GigaChat's {@code POST /files}. */
    public void upload(Exchange exchange) throws Exception {
        HttpServletRequest request = servletRequest(exchange);
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (request == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw GatewayException.invalidRequest("Expected a multipart/form-data body with a 'file' and a 'purpose'.",
                    "file", "invalid_value");
        }
        Part file = request.getPart("file");
        if (file == null || file.getSubmittedFileName() == null) {
            throw GatewayException.invalidRequest("Missing required parameter: 'file'.", "file",
                    "missing_required_parameter");
        }
        Part purpose = request.getPart("purpose");
        if (purpose == null) {
            throw GatewayException.invalidRequest("Missing required parameter: 'purpose'.", "purpose",
                    "missing_required_parameter");
        }
        String mime = GigaChatFileKind.normalized(file.getContentType());
        if (GigaChatFileKind.of(mime) == null) {
            mime = byExtension(file.getSubmittedFileName(), mime);
        }
        GigaChatFileKind kind = GigaChatFileKind.of(mime);
        if (kind == null) {
            throw GatewayException.invalidRequest("Unsupported file type '" + mime + "': GigaChat takes txt, pdf, doc, "
                    + "docx, epub, ppt, pptx documents, jpeg, png, tiff, bmp images and mp3, mp4, m4a, wav, ogg, opus, "
                    + "webm audio.", "file", "unsupported_file_type");
        }
        limits.checkSize(kind, file.getSize(), "file");
        byte[] data;
        try (InputStream in = file.getInputStream()) {
            data = in.readAllBytes();
        }
        JsonNode uploaded = uploader.upload(exchange, data, mime, file.getSubmittedFileName());
        HttpAnswers.json(exchange.getMessage(), 200, fileObject(uploaded));
    }

    /** The servlet request on Spring Boot; null elsewhere (Camel Main's Vert.x has no servlet parts). */
    private static HttpServletRequest servletRequest(Exchange exchange) {
        try {
            return exchange.getIn() instanceof PlatformHttpMessage m ? m.getRequest() : null;
        } catch (NoClassDefFoundError notSpringBoot) {
            return null;
        }
    }

    private static String byExtension(String filename, String fallback) {
        String found = io.gigagate.files.ContentPartReader.byExtension(filename);
        return found.isEmpty() ? fallback : found;
    }

    /** Before {@code direct:gigachat-files}: a GET without a body. */
    public void listRequest(Exchange exchange) {
        exchange.getMessage().setBody(null);
    }

    /** {@code GET /v1/files}: OpenAI's list ({@code object: list}), GigaChat's has only {@code data}. */
    public void list(Exchange exchange) throws Exception {
        JsonNode answer = WireJson.mapper().readTree(exchange.getMessage().getBody(byte[].class));
        ObjectNode list = WireJson.mapper().createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        for (JsonNode file : answer.path("data")) {
            data.add(fileObject(file));
        }
        list.put("has_more", false);
        HttpAnswers.json(exchange.getMessage(), 200, list);
    }

    /** Before a per-file operation: the id from the path, checked, in {@link ExchangeKeys#GIGACHAT_FILE_ID}. */
    public void fileRequest(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !FILE_ID.matcher(id).matches()) {
            throw GatewayException.notFound("No such File object: " + id, "not_found", "id");
        }
        exchange.setProperty(ExchangeKeys.GIGACHAT_FILE_ID, id);
        exchange.getMessage().setBody(null);
    }

    /** {@code GET /v1/files/{id}}. */
    public void file(Exchange exchange) throws Exception {
        JsonNode answer = WireJson.mapper().readTree(exchange.getMessage().getBody(byte[].class));
        HttpAnswers.json(exchange.getMessage(), 200, fileObject(answer));
    }

    /** {@code GET /v1/files/{id}/content}: the bytes as GigaChat sent them. */
    public void content(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        String type = message.getHeader(Exchange.CONTENT_TYPE, "application/octet-stream", String.class);
        ClientResponse.reset(message.getExchange(), message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, type);
        message.setBody(body);
    }

    /** {@code DELETE /v1/files/{id}}: OpenAI's deletion answer; the id is no longer offered for reuse. */
    public void deleted(Exchange exchange) throws Exception {
        String id = exchange.getProperty(ExchangeKeys.GIGACHAT_FILE_ID, String.class);
        cache.forget(id);
        JsonNode answer = WireJson.mapper().readTree(exchange.getMessage().getBody(byte[].class));
        ObjectNode deleted = WireJson.mapper().createObjectNode();
        deleted.put("id", answer.path("id").asText(id));
        deleted.put("object", "file");
        deleted.put("deleted", answer.path("deleted").asBoolean(true));
        HttpAnswers.json(exchange.getMessage(), 200, deleted);
    }

    /** GigaChat's file object in OpenAI's shape. */
    static ObjectNode fileObject(JsonNode gigachat) {
        ObjectNode file = WireJson.mapper().createObjectNode();
        file.put("id", gigachat.path("id").asText());
        file.put("object", "file");
        file.put("bytes", gigachat.path("bytes").asLong());
        file.put("created_at", gigachat.path("created_at").asLong());
        file.put("filename", gigachat.path("filename").asText(""));
        file.put("purpose", "user_data");
        file.put("status", "processed");
        file.putNull("expires_at");
        file.putNull("status_details");
        return file;
    }
}
