package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.StatsUseCase;
import dev.handoffrail.core.port.out.PacketStore.PacketStats;
import dev.handoffrail.core.port.out.PacketStore;
import java.time.Clock;

/**
 * The caller's tenant's packet statistics (http-api.md §15.1), from the store's aggregate queries; the
 * connection counts of the response belong to the transport adapter. Thread-safe.
 */
public final class StatsService implements StatsUseCase {
    private final PacketStore packets;
    private final Clock clock;

    public StatsService(PacketStore packets, Clock clock) {
        this.packets = requireNonNull(packets, "packets");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public PacketStats stats(Caller caller) {
        Permissions.require(caller, Operation.READ_STATS);
        return packets.stats(caller.tenant(), Timestamps.micros(clock.instant()));
    }
}
