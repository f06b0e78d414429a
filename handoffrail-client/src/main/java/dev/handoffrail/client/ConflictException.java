package dev.handoffrail.client;

/** 409: the resource's state forbids the call (`ALREADY_CLAIMED`, `HITL_PENDING`, `NOT_AWAITING_HUMAN`, `PACKET_TERMINAL`, `ALREADY_EXPIRED`, `LEASE_LOST` (as {@link LeaseLostException}), `IDEMPOTENCY_KEY_REUSED`, `IDEMPOTENCY_KEY_IN_USE`, `CONFLICT`). */
public class ConflictException extends HandoffRailApiException {
    ConflictException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
