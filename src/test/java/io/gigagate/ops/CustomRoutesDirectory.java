package io.gigagate.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A routes directory for a test: a copy of the shipped routes/ under target/, which a test then edits
 * the way an integration team would. Spring picks it with {@code gigagate.routes-dir}; the path is
 * fixed per test class so it can go into {@code @TestPropertySource}.
 */
final class CustomRoutesDirectory {

    private CustomRoutesDirectory() {
    }

    static Path freshCopy(String name) {
        Path dir = Path.of("target", "custom-routes", name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
                for (Path file : shipped.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Inserts YAML steps into a shipped route file just before the given anchor line. */
    static void insertBefore(Path dir, String file, String anchor, String steps) {
        try {
            Path path = dir.resolve(file);
            String yaml = Files.readString(path);
            int at = yaml.indexOf(anchor);
            if (at < 0) {
                throw new IllegalStateException(file + " no longer contains: " + anchor);
            }
            Files.writeString(path, yaml.substring(0, at) + steps + yaml.substring(at));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path dir, String file, String yaml) {
        try {
            Files.writeString(dir.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
