package io.gigagate.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Usage records as JSON lines (one object per line, {@link UsageRecord}'s snake-case fields) appended to a
 * file that rotates by size: {@code usage.jsonl} becomes {@code usage.jsonl.1}, the former {@code .1}
 * {@code .2}, and so on; at most {@code maxFiles} old files are kept. gpt2giga's
 * {@code TRAFFIC_LOG_JSONL_PATH} names the file.
 */
public final class JsonLinesSink implements UsageSink {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final long maxBytes;
    private final int maxFiles;
    private OutputStream out;
    private long size;

    /** @param maxBytes rotate when the file would grow past this (0: never); @param maxFiles rotated files kept */
    public JsonLinesSink(Path file, long maxBytes, int maxFiles) {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxFiles = Math.max(0, maxFiles);
    }

    /** One record as one JSON line, with its newline. */
    public static byte[] line(UsageRecord record) throws IOException {
        byte[] json = JSON.writeValueAsBytes(record);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public synchronized void write(List<UsageRecord> batch) throws IOException {
        try {
            for (UsageRecord r : batch) {
                byte[] line = line(r);
                if (out == null) {
                    open();
                }
                if (maxBytes > 0 && size > 0 && size + line.length > maxBytes) {
                    rotate();
                }
                out.write(line);
                size += line.length;
            }
            out.flush();
        } catch (IOException e) {
            closeQuietly();
            throw e;
        }
    }

    private void open() throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        if (maxFiles == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rotated(maxFiles));
            for (int i = maxFiles - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // reopened on the next write
            }
            out = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
