package dev.handoffrail.http.route;

import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.tenant.TierQuotas;

/** Which size limit of http-api.md §5.5 a route's request body is held to. */
public enum BodyLimit {
    /** Every request that is not a packet write: the configured default (262 144 bytes). */
    DEFAULT,
    /** Packet create, chain and PATCH: the tenant tier's {@code max_packet_size}. */
    PACKET,
    /** Packet batch creation: {@code max_packet_size} × the batch maximum. */
    BATCH;

    /** The limit in bytes for a tenant whose tier has {@code quotas}; an unlimited packet size is no limit. */
    public long bytes(TierQuotas quotas, long defaultLimit) {
        long packet = quotas.maxPacketSize();
        return switch (this) {
            case DEFAULT -> defaultLimit;
            case PACKET -> TierQuotas.isUnlimited(packet) ? Long.MAX_VALUE : packet;
            case BATCH -> TierQuotas.isUnlimited(packet) ? Long.MAX_VALUE : packet * BatchPacketsUseCase.MAX_ITEMS;
        };
    }
}
