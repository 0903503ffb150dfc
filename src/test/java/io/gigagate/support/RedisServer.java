package io.gigagate.support;

import io.gigagate.state.RedisState;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis server for tests: Debian's {@code redis-server} (.ci/run installs it when missing) on a free
 * loopback port, in memory only (no RDB, no AOF), with a password so the tests also prove that the URL's
 * password reaches Redis and never a log. {@link #kill()} stops it hard (SIGKILL, as a crashed node) and
 * {@link #restart()} brings it back on the same port, empty.
 */
public final class RedisServer implements AutoCloseable {

    public static final String PASSWORD = "redis-secret-" + Long.toHexString(System.nanoTime());

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A new server, started and answering. */
    public static RedisServer start() throws Exception {
        RedisServer server = new RedisServer(Files.createTempDirectory("gigagate-redis-"), freePort());
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code redis://:password@127.0.0.1:port}, what GIGAGATE_REDIS_URL takes. */
    public String url() {
        return "redis://:" + PASSWORD + "@127.0.0.1:" + port;
    }

    /** A gateway's connection to this server: its own connection, keys under {@code prefix}. */
    public RedisState connect(String prefix, Duration timeout, MeterRegistry registry) {
        return new RedisState(new RedisState.Settings(List.of(url()), false, timeout, prefix), registry);
    }

    /** Starts the server (again, on the same port, without data) and waits until it answers PING. */
    public synchronized void restart() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--requirepass", PASSWORD,
                "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            if ("+PONG".equals(command("PING"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port);
    }

    /** Kills the server at once, as a crash would (connections are cut, data is lost). */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends one inline command (authenticated) and returns the first reply line, or null when the server does
     * not answer; for tests that look into Redis (e.g. counting keys).
     */
    public String command(String command) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("AUTH " + PASSWORD + "\r\n" + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String auth = readLine(in);
            if (!"+OK".equals(auth)) {
                return auth;
            }
            return readLine(in);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code INFO section}'s text (e.g. {@code commandstats}: how many calls of each command Redis served). */
    public String info(String section) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("AUTH " + PASSWORD + "\r\nINFO " + section + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            readLine(in);
            String header = readLine(in);
            if (header == null || !header.startsWith("$")) {
                return "";
            }
            byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** How many times Redis ran {@code command} (lower case, e.g. {@code evalsha}) since it started. */
    public long calls(String command) {
        for (String line : info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                String rest = line.substring(("cmdstat_" + command + ":calls=").length());
                return Long.parseLong(rest.substring(0, rest.indexOf(',')));
            }
        }
        return 0;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return c == -1 && line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() throws Exception {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path path = Path.of(dir, "redis-server");
            if (!dir.isEmpty() && Files.isExecutable(path)) {
                return path.toString();
            }
        }
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/bin/valkey-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server not found: install Debian's redis-server (.ci/run does)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
