package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.StorableText;
import dev.handoffrail.core.port.in.IdempotencyUseCase;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.IdempotencyStore.Begin;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@link IdempotencyUseCase} over the {@link IdempotencyStore}: keys expire {@link #RETENTION} after they begin. */
public final class IdempotencyService implements IdempotencyUseCase {
    private final IdempotencyStore store;
    private final Clock clock;

    public IdempotencyService(IdempotencyStore store, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Optional<RememberedResponse> begin(TenantId tenant, String key, String requestHash) {
        StorableText.require("Idempotency-Key", key);
        Instant now = clock.instant();
        Begin begin = store.begin(tenant, key, requestHash, now, now.plus(RETENTION));
        if (begin instanceof Begin.Replay replay) {
            return Optional.of(new RememberedResponse(replay.status(), replay.body()));
        }
        if (begin instanceof Begin.Mismatch) {
            throw new HandoffRailException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key has already been used for a different request");
        }
        if (begin instanceof Begin.InProgress) {
            throw new HandoffRailException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed", Map.of("retry_after", 1L));
        }
        return Optional.empty();
    }

    @Override
    public void complete(TenantId tenant, String key, int status, byte[] body) {
        store.complete(tenant, key, status, body);
    }

    @Override
    public void release(TenantId tenant, String key) {
        store.release(tenant, key);
    }
}
