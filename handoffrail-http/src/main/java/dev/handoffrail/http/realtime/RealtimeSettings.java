package dev.handoffrail.http.realtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Tunables of the real-time streams. Immutable.
 *
 * @param heartbeat how often each stream gets a {@code ping} and is refreshed in the connection count (§17: 30 s)
 * @param bufferedMessages messages a stream may have waiting for its client before it is closed as too slow
 */
public record RealtimeSettings(Duration heartbeat, int bufferedMessages) {
    public RealtimeSettings {
        requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeat must be positive");
        }
        if (bufferedMessages < 1) {
            throw new IllegalArgumentException("bufferedMessages must be >= 1");
        }
    }

    /** A ping every 30 s; 1,024 buffered messages. */
    public static RealtimeSettings defaults() {
        return new RealtimeSettings(Duration.ofSeconds(30), 1024);
    }
}
