package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/** /api/v1/files: list and multipart upload, one file's description, its content, and its deletion. */
final class FilesHandler {

    private final FileStore files;

    FilesHandler(FileStore files) {
        this.files = files;
    }

    /** GET /files: {@code {"data":[...]}} in upload order. */
    void list(Call call) throws IOException {
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        ArrayNode data = res.putArray("data");
        files.all().forEach(f -> data.add(f.toJson()));
        call.json(200, res);
    }

    /** POST /files (multipart/form-data: file, purpose): the stored file's description. */
    void upload(Call call) throws IOException {
        RecordedRequest rr = call.request();
        String boundary = Multipart.boundary(rr.header("Content-Type"));
        if (boundary == null) {
            throw ApiError.of(400, "Request must be multipart/form-data");
        }
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(rr.body(), boundary);
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, "Malformed multipart body: " + e.getMessage());
        }
        Multipart.Part file = null;
        String purpose = "general";
        for (Multipart.Part p : parts) {
            if ("file".equals(p.name()) && file == null) {
                file = p;
            } else if ("purpose".equals(p.name())) {
                purpose = p.text().trim();
            }
        }
        if (file == null || file.filename() == null) {
            throw ApiError.of(400, "File part is missing");
        }
        String ct = file.contentType() != null ? file.contentType() : "application/octet-stream";
        FileStore.StoredFile stored = files.store(file.filename(), purpose.isEmpty() ? "general" : purpose, ct,
                file.data());
        call.json(200, stored.toJson());
    }

    /** GET /files/{id}: the file's description, or 404 "No such file". */
    void describe(Call call) throws IOException {
        call.json(200, files.get(call.param("id")).toJson());
    }

    /** GET /files/{id}/content: the bytes, as their content type. */
    void content(Call call) throws IOException {
        FileStore.StoredFile f = files.get(call.param("id"));
        call.bytes(200, f.data(), f.contentType());
    }

    /** POST /files/{id}/delete: {@code {"id", "deleted": true}}. */
    void delete(Call call) throws IOException {
        FileStore.StoredFile f = files.get(call.param("id"));
        files.remove(f.id());
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        res.put("id", f.id());
        res.put("deleted", true);
        call.json(200, res);
    }
}
