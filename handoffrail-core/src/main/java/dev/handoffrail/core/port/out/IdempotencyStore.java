package dev.handoffrail.core.port.out;

import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;

/**
 * Remembered responses of creations sent with an {@code Idempotency-Key} (http-api.md §9.16). Thread-safe and
 * atomic across instances: of two concurrent {@link #begin} calls with the same key exactly one gets
 * {@link Begin.Started}.
 */
public interface IdempotencyStore {
    /** Claims {@code key} for a request with {@code requestHash}, or reports what is already remembered. */
    Begin begin(TenantId tenant, String key, String requestHash, Instant now, Instant expiresAt);

    /** Remembers the final response of the request that began with {@code key}. */
    void complete(TenantId tenant, String key, int status, byte[] body);

    /** Forgets an unfinished key, so that a retry may run (after a 429 or 5xx). */
    void release(TenantId tenant, String key);

    /** What {@link #begin} found. */
    sealed interface Begin {
        /** The key was free; the caller now owns it and must complete or release it. */
        record Started() implements Begin {
        }

        /** The same request already finished: replay this response. */
        record Replay(int status, byte[] body) implements Begin {
        }

        /** The key was used with a different request. */
        record Mismatch() implements Begin {
        }

        /** An earlier request with this key is still running. */
        record InProgress() implements Begin {
        }
    }
}
