package dev.handoffrail.core.port.in;

import dev.handoffrail.core.tenant.TenantId;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} rules of http-api.md §9.16, per tenant and key: a key is remembered with a hash of
 * the request for {@link #RETENTION}; the same request then gets the remembered response, a different one
 * {@code 409 IDEMPOTENCY_KEY_REUSED}, and a request while the first still runs {@code 409 IDEMPOTENCY_KEY_IN_USE}
 * ({@code retry_after: 1}). Which responses are worth remembering, and how they are replayed, is the adapter's.
 */
public interface IdempotencyUseCase {
    Duration RETENTION = Duration.ofHours(24);

    /**
     * Starts the request {@code requestHash} under {@code key}: empty when it is to run (the caller must then
     * {@link #complete} or {@link #release} the key), the remembered response when it already ran; throws the
     * {@code 409}s above otherwise.
     */
    Optional<RememberedResponse> begin(TenantId tenant, String key, String requestHash);

    /** Remembers the final response of the request that began with {@code key}. */
    void complete(TenantId tenant, String key, int status, byte[] body);

    /** Forgets an unfinished key, so that a retry may run. */
    void release(TenantId tenant, String key);

    /** A response as the adapter stored it: its status and body bytes. */
    record RememberedResponse(int status, byte[] body) {
        public RememberedResponse {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RememberedResponse that && status == that.status
                    && Arrays.equals(body, that.body);
        }

        @Override
        public int hashCode() {
            return 31 * status + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "RememberedResponse[status=" + status + ", " + body.length + " bytes]";
        }
    }
}
