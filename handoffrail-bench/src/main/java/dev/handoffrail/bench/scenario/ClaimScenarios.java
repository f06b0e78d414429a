package dev.handoffrail.bench.scenario;

import dev.handoffrail.bench.load.Operation;
import dev.handoffrail.bench.load.Response;
import dev.handoffrail.bench.process.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two concurrency scenarios, each in a tenant of its own so that no other packet can be claimed: 64 claimers
 * racing for every packet, and 8 claim-next workers draining a queue. Both check exact counts.
 */
final class ClaimScenarios {
    private static final Duration TIME_LIMIT = Duration.ofMinutes(10);

    private final Measurer measurer;

    ClaimScenarios(Measurer measurer) {
        this.measurer = measurer;
    }

    /** {@value BenchSettings#RACE_CLAIMERS} claims per packet: exactly one 200, every other one 409. */
    void race(ServerProcess rail, String key, String database) {
        int packets = measurer.settings().racePackets();
        int claimers = BenchSettings.RACE_CLAIMERS;
        List<String> ids;
        try (RailClient client = new RailClient(rail.port())) {
            ids = client.seed(key, 0, packets, "sales-01", "billing-01");
        }
        AtomicLong wins = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        // consecutive sequence numbers go to the same packet, so all connections hit one packet at a time
        Operation claim = (connection, n) -> {
            int status = connection.send(RailClient.claim(key, ids.get((int) (n / claimers)),
                    "claimer-" + n % claimers)).status();
            if (status == 200) {
                wins.incrementAndGet();
            } else if (status == 409) {
                conflicts.incrementAndGet();
            }
            return status == 200 || status == 409;
        };
        long total = (long) packets * claimers;
        ResultTable.Row row = measurer.measure("claim race: " + claimers + " claimers × " + packets + " packets ("
                + database + ")", "HandoffRail", rail, 0, "", d -> d.closedLoop(claimers, total, TIME_LIMIT, claim));
        String counts = wins.get() + " wins, " + conflicts.get() + " conflicts, " + row.result().errors() + " errors";
        measurer.table().fact(database + " claim race: " + counts);
        measurer.table().check(row.result().operations() == total && wins.get() == packets
                && conflicts.get() == total - packets && row.result().errors() == 0,
                database + " claim race: " + counts + " (expected " + packets + " wins, " + (total - packets)
                        + " conflicts, 0 errors)");
    }

    /** {@value BenchSettings#DRAIN_WORKERS} claim-next workers take every seeded packet exactly once. */
    void drain(ServerProcess rail, String key, String database) {
        int packets = measurer.settings().drainPackets();
        try (RailClient client = new RailClient(rail.port())) {
            client.seed(key, 0, packets, "sales-01", "billing-01");
        }
        Set<String> taken = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        Operation takeOne = (connection, n) -> {
            while (true) {
                Response response = connection.send(RailClient.claimNext(key, "worker-" + n % 8));
                if (response.status() == 200) {
                    if (taken.add(RailClient.id(response))) {
                        return true;
                    }
                    duplicates.incrementAndGet();
                    return false;
                }
                // a 204 may skip a packet another worker is claiming at that instant: try again, within reason
                if (response.status() != 204 || empty.incrementAndGet() > packets) {
                    return false;
                }
            }
        };
        ResultTable.Row row = measurer.measure("claim-next: " + BenchSettings.DRAIN_WORKERS + " workers drain "
                + packets + " (" + database + ")", "HandoffRail", rail, 0, "",
                d -> d.closedLoop(BenchSettings.DRAIN_WORKERS, packets, TIME_LIMIT, takeOne));
        int afterwards;
        try (RailClient client = new RailClient(rail.port())) {
            afterwards = client.send(RailClient.claimNext(key, "worker-last")).status();
        }
        String counts = taken.size() + " taken, " + duplicates.get() + " duplicates, " + empty.get()
                + " empty answers while packets were left, then " + afterwards;
        measurer.table().fact(database + " claim-next drain: " + counts);
        measurer.table().check(taken.size() == packets && duplicates.get() == 0 && row.result().errors() == 0
                && afterwards == 204, database + " claim-next: " + counts + " (expected " + packets
                + " taken once each, then 204)");
    }
}
