package dev.handoffrail.bench.process;

import dev.handoffrail.bench.load.HttpConnection;
import dev.handoffrail.bench.load.Request;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test running as its own JVM process, with its output in a log file. Closing it kills the process
 * (and it is also killed by a JVM shutdown hook, so an aborted run leaves nothing behind). Not thread-safe.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killer;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts {@code java <jvmArgs> <programArgs>} with {@code environment} added to this process's environment and
     * waits until {@code GET readyPath} answers 200.
     *
     * @throws IOException when the process cannot start or does not become ready in time (it is then killed and
     *                     the tail of its log is in the message)
     */
    public static ServerProcess start(String name, int port, List<String> jvmArgs, List<String> programArgs,
            Map<String, String> environment, Path logDirectory, String readyPath) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(programArgs);
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(name, builder.start(), port, log);
        try {
            server.awaitReady(readyPath);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(String readyPath) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Request ready = Request.get(readyPath, Map.of());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try (HttpConnection connection = new HttpConnection(port)) {
                if (connection.send(ready).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IOException(name + " was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + logTail());
    }

    /** The last lines of the server's log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The name given at start. */
    public String name() {
        return name;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** CPU time the process has used so far (user + system). */
    public Duration cpuTime() {
        return ProcessCpu.of(process.pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; the process is gone either way
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
