package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The files the emulator holds (uploaded through /files or drawn by text2image), in upload order. */
final class FileStore {

    /** A stored file (uploaded or generated). */
    record StoredFile(String id, String filename, String purpose, String contentType, byte[] data,
                      long createdAt, String accessPolicy) {
        ObjectNode toJson() {
            ObjectNode n = EmulatorContext.JSON.createObjectNode();
            n.put("id", id);
            n.put("object", "file");
            n.put("bytes", data.length);
            n.put("created_at", createdAt);
            n.put("filename", filename);
            n.put("purpose", purpose);
            n.put("access_policy", accessPolicy);
            return n;
        }
    }

    private final Map<String, StoredFile> files = Collections.synchronizedMap(new LinkedHashMap<>());

    /** The file, or GigaChat's 404 "No such file". */
    StoredFile get(String id) {
        StoredFile f = files.get(id);
        if (f == null) {
            throw ApiError.of(404, "No such file");
        }
        return f;
    }

    StoredFile store(String filename, String purpose, String contentType, byte[] data) {
        String id = UUID.randomUUID().toString();
        StoredFile f = new StoredFile(id, filename, purpose, contentType, data,
                System.currentTimeMillis() / 1000, "private");
        files.put(id, f);
        return f;
    }

    void remove(String id) {
        files.remove(id);
    }

    /** A snapshot, in upload order. */
    List<StoredFile> all() {
        synchronized (files) {
            return new ArrayList<>(files.values());
        }
    }
}
