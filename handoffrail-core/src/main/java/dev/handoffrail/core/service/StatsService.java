package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.StatsUseCase;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.port.out.PacketStatistics.PacketStats;
import java.time.Clock;

/**
 * The caller's tenant's packet statistics (http-api.md §15.1), from the store's aggregate queries; the
 * connection counts of the response belong to the transport adapter. Thread-safe.
 */
public final class StatsService implements StatsUseCase {
    private final PacketStatistics statistics;
    private final Clock clock;

    public StatsService(PacketStatistics statistics, Clock clock) {
        this.statistics = requireNonNull(statistics, "statistics");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public PacketStats stats(Caller caller) {
        Permissions.require(caller, Operation.READ_STATS);
        return statistics.stats(caller.tenant(), Timestamps.micros(clock.instant()));
    }
}
