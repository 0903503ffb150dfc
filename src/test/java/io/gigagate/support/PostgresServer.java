package io.gigagate.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: {@code initdb} into a temporary directory, started with {@code pg_ctl}
 * on a free loopback port, stopped (and deleted) at the end. The binaries come from the PATH or Debian's
 * {@code /usr/lib/postgresql/<version>/bin} (.ci/run installs the package when missing). PostgreSQL refuses
 * to run as root, so as root the cluster belongs to the {@code postgres} user (Debian's package creates it)
 * and the commands run through {@code runuser}. Password authentication (SCRAM) for {@link #USER}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "gigagate";
    public static final String PASSWORD = "pg-secret-" + Long.toHexString(System.nanoTime());

    private final Path dir;
    private final Path data;
    private final int port;
    private final Path bin;
    private final boolean asPostgresUser;
    private boolean running;

    private PostgresServer(Path dir, int port, Path bin, boolean asPostgresUser) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
    }

    /** A new cluster, started. */
    public static PostgresServer start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("gigagate-pg-");
        PostgresServer server = new PostgresServer(dir, freePort(), bin, root);
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir.resolve("chown.log"));
        }
        server.exec(List.of(bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", USER, "--pwfile",
                pwfile.toString(), "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), "initdb.log");
        server.startServer();
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the stopped server again (same data). */
    /** The one number a query answers (a count). */
    public long count(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
             java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The usage record with this upstream request id, column by column; null while there is none (or no table yet). */
    public java.util.Map<String, Object> usageRecord(String upstreamRequestId) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT * FROM usage_records WHERE upstream_request_id = ?")) {
            ps.setString(1, upstreamRequestId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        } catch (java.sql.SQLException e) {
            return null; // the table is made on the first write
        }
    }

    public synchronized void startServer() throws Exception {
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"), "pg_ctl-start.log");
        running = true;
    }

    /** Stops the server at once (fast shutdown: open connections are cut). */
    public synchronized void stopServer() throws Exception {
        if (running) {
            exec(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                    "pg_ctl-stop.log");
            running = false;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopServer();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void exec(List<String> command, String log) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, dir.resolve(log));
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    /** initdb's directory: on the PATH, else the newest of Debian's /usr/lib/postgresql/N/bin. */
    static Path binaries() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path initdb = Path.of(dir, "initdb");
            if (!dir.isEmpty() && Files.isExecutable(initdb)) {
                return initdb.toRealPath().getParent();
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IllegalStateException("PostgreSQL's initdb is neither on the PATH nor in /usr/lib/postgresql/*/bin: "
                + "apt-get install postgresql (.ci/run does)");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
