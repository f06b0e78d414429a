package dev.handoffrail.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/**
 * The local Redis (127.0.0.1:6379) for app tests: each test class uses a database index of its own, emptied by
 * {@link #emptyDatabase}. When the server is unreachable the test is skipped with a message, or fails when
 * {@code CI=true}.
 */
final class LocalRedis {
    static final int PORT = 6379;
    static final String UNREACHABLE =
            "Redis not reachable at 127.0.0.1:6379 — skipping (set CI=true to make this a failure)";

    private LocalRedis() {
    }

    static void requireOrSkip() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("Redis not reachable at 127.0.0.1:6379 and CI=true", e);
            }
            Assumptions.abort(UNREACHABLE);
        }
    }

    /** The URL of database {@code db} on {@code port} (the server's, or a relay's). */
    static String url(int port, int db) {
        return "redis://127.0.0.1:" + port + "/" + db;
    }

    /** Empties database {@code db} (SELECT, FLUSHDB in the Redis protocol); fails unless Redis answers OK twice. */
    static void emptyDatabase(int db) {
        String index = Integer.toString(db);
        String commands = "*2\r\n$6\r\nSELECT\r\n$" + index.length() + "\r\n" + index + "\r\n"
                + "*1\r\n$7\r\nFLUSHDB\r\n";
        try (Socket socket = new Socket("127.0.0.1", PORT)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
            BufferedReader replies = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            for (int i = 0; i < 2; i++) {
                String reply = replies.readLine();
                if (!"+OK".equals(reply)) {
                    throw new IllegalStateException("Redis answered " + reply + " to emptying database " + db);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
