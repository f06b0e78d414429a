package dev.handoffrail.http.system;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.port.out.PacketStatistics.PacketStats;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.route.ApiRequest;
import dev.handoffrail.http.route.Reply;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    private Reply stats(ApiRequest request) {
        Caller caller = request.caller();
        PacketStats stats = rail.stats().stats(caller);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total_packets", stats.total());
        json.put("packets_by_status", SystemHealth.nonZero(stats.byStatus()));
        json.put("packets_last_24h", stats.createdLast24h());
        json.put("avg_claim_time_seconds", stats.avgClaimTimeSeconds());
        json.put("hitl_queue_depth", stats.awaitingHuman());
        json.put("active_ws_connections", connections.open(caller.tenant(), "ws"));
        json.put("active_sse_connections", connections.open(caller.tenant(), "sse"));
        return Reply.ok(json);
    }

    private Reply systemHealth(ApiRequest request) {
        return Reply.ok(systemHealth.report(request.caller()));
    }
}
