package dev.handoffrail.http.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.port.out.PacketStatistics.PacketStats;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/** {@code GET /api/v1/stats} (tenant statistics) and {@code GET /api/v1/system/health} (http-api.md §15). */
public final class StatsRoutes {
    private final HandoffRail rail;
    private final RealtimeConnections connections;
    private final SystemHealth systemHealth;

    /** {@code startedAt} is when the server started, for {@code uptime_seconds}. */
    public StatsRoutes(HandoffRail rail, HttpProbes probes, RealtimeConnections connections, Instant startedAt) {
        this.rail = rail;
        this.connections = connections;
        this.systemHealth = new SystemHealth(rail.monitoring(), probes, startedAt);
    }

    public void register(Routes routes) {
        routes.add(Route.get("/api/v1/stats", Operation.READ_STATS), this::stats);
        routes.add(Route.get("/api/v1/system/health", Operation.READ_SYSTEM_HEALTH), this::systemHealth);
    }

    private void stats(Context ctx) {
        Caller caller = Requests.caller(ctx);
        PacketStats stats = rail.stats().stats(caller);
        Responses.ok(ctx, new TenantStats(stats.total(), SystemHealth.nonZero(stats.byStatus()),
                stats.createdLast24h(), stats.avgClaimTimeSeconds(), stats.awaitingHuman(),
                connections.open(caller.tenant(), "ws"), connections.open(caller.tenant(), "sse")));
    }

    private void systemHealth(Context ctx) {
        Responses.ok(ctx, systemHealth.report(Requests.caller(ctx)));
    }

    /** The tenant statistics of §15.1, written in declaration order (the contract's). */
    record TenantStats(@JsonProperty("total_packets") long totalPackets,
                       @JsonProperty("packets_by_status") Map<String, Long> packetsByStatus,
                       @JsonProperty("packets_last_24h") long packetsLast24h,
                       @JsonProperty("avg_claim_time_seconds") Double avgClaimTimeSeconds,
                       @JsonProperty("hitl_queue_depth") long hitlQueueDepth,
                       @JsonProperty("active_ws_connections") long activeWsConnections,
                       @JsonProperty("active_sse_connections") long activeSseConnections) {
    }
}
