package dev.handoffrail.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real server as a child process ({@code java -cp <test class path> dev.handoffrail.app.Main serve}), as an
 * operator runs it: its standard output and error are captured line by line, and {@link #terminate()} sends
 * SIGTERM ({@link ProcessHandle#destroy()} on Linux).
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.stdoutReader = collect(process.getInputStream(), stdout, "server-stdout");
        this.stderrReader = collect(process.getErrorStream(), stderr, "server-stderr");
    }

    /** Starts the server with exactly {@code env} (plus {@code HR_PORT}) and waits for {@code server_started}. */
    static ServerProcess start(Map<String, String> env, Path workDir) throws IOException, InterruptedException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
                .directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HR_") || name.equals("DATABASE_URL"));
        builder.environment().putAll(env);
        builder.environment().put("HR_PORT", String.valueOf(port));
        ServerProcess server = new ServerProcess(builder.start(), port);
        server.awaitLog("server_started", START_TIMEOUT);
        return server;
    }

    int port() {
        return port;
    }

    /** Sends SIGTERM and waits for the exit; returns how long the exit took. */
    Duration terminate() throws InterruptedException {
        long start = System.nanoTime();
        // ProcessHandle.destroy() sends SIGTERM like Process.destroy(), but leaves the output streams open to read
        process.toHandle().destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not exit within 2 minutes of SIGTERM");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        stdoutReader.join(10_000);
        stderrReader.join(10_000);
        return took;
    }

    int exitValue() {
        return process.exitValue();
    }

    List<String> stdout() {
        return List.copyOf(stdout);
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Every captured line of both streams. */
    List<String> allLines() {
        List<String> all = new ArrayList<>(stdout);
        all.addAll(stderr);
        return all;
    }

    /** Waits until a standard output line contains {@code "event":"<event>"}. */
    void awaitLog(String event, Duration timeout) throws InterruptedException {
        String marker = "\"event\":\"" + event + "\"";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout.stream().anyMatch(line -> line.contains(marker))) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + " before " + event
                        + "; stdout " + stdout + ", stderr " + stderr);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + event + " within " + timeout + "; stdout " + stdout + ", stderr " + stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
