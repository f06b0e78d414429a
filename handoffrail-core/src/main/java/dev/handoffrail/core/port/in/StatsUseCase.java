package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.port.out.PacketStatistics.PacketStats;

/** Tenant statistics (http-api.md §15.1), from aggregate queries. */
public interface StatsUseCase {
    PacketStats stats(Caller caller);
}
