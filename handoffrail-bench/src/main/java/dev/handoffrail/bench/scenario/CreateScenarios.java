package dev.handoffrail.bench.scenario;

import dev.handoffrail.bench.load.Operation;
import dev.handoffrail.bench.load.Request;
import dev.handoffrail.bench.process.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Create throughput of the ceilings and of HandoffRail on one database, and create → claim → complete on the
 * durable lifecycle ceiling and on HandoffRail. The one-insert ceiling's figure is kept for the ratios of the later
 * scenarios on the same database.
 */
final class CreateScenarios {
    /**
     * The collapse floor of the quick mode: create at less than this share of the ceiling fails the run. Create
     * measures 6-11 % of the ceiling today (docs/benchmarks.md); the floor catches a collapse such as the return of
     * the per-create scan of active packets (1.7 % on SQLite before it was removed), not the 50 % target.
     */
    static final double CREATE_FLOOR = 0.03;
    /** The constant-rate scenario runs at this share of the ceiling's create throughput. */
    static final double CONSTANT_RATE_SHARE = 0.25;
    /** The second constant-rate run is at this share of HandoffRail's own create throughput. */
    static final double SUSTAINABLE_SHARE = 0.5;
    /** Alternating rounds of the ceilings and the product in the create and lifecycle comparisons. */
    private static final int ROUNDS = 4;
    /** The durable-writes ceiling's label in the table. */
    private static final String DURABLE_WRITES = "ceiling: Javalin + Jackson + durable writes (1 transaction)";

    private final Measurer measurer;

    CreateScenarios(Measurer measurer) {
        this.measurer = measurer;
    }

    /**
     * The one-insert ceiling's create throughput on one database, the reference of the later ratios, and
     * HandoffRail's own create throughput measured beside it.
     */
    record Ceiling(double create, double railCreate) {
    }

    /**
     * The no-op ceiling alone, then create on the two ceilings (one insert; the durable writes of a create in one
     * transaction) and on HandoffRail in alternating rounds (the same body, the same client). Ratios are to the
     * one-insert ceiling; a fact line relates HandoffRail to the durable-writes ceiling and that to the one-insert
     * one. HandoffRail's create is checked against the collapse floor.
     */
    Ceiling create(ServerProcess ceiling, ServerProcess rail, String key, String database) {
        Request noop = Request.of("POST", "/noop", Map.of(), "{}");
        Operation noopOperation = (connection, n) -> connection.send(noop).status() == 200;
        measurer.throughput("no-op JSON (HTTP stack and client)", "ceiling", ceiling, 0, noopOperation);
        Operation ceilingCreate = (connection, n) -> connection.send(Request.of("POST", "/packets", Map.of(),
                PacketBodies.packet(n, "sales-01", "billing-01"))).status() == 201;
        ResultTable.Row[] rows = measurer.alternating("create 2.3 KB (" + database + ")", ROUNDS,
                List.of(new Measurer.Side(ceiling, "ceiling: Javalin + Jackson + 1 insert", ceilingCreate),
                        new Measurer.Side(ceiling, DURABLE_WRITES, durableCreate(0))),
                new Measurer.Side(rail, "HandoffRail", railCreate(key, 0)));
        ResultTable.Row durable = rows[1];
        ResultTable.Row row = rows[2];
        measurer.table().fact(String.format(Locale.ROOT, "%s HandoffRail create is %.1f %% of the durable-writes"
                + " ceiling; the durable-writes ceiling is %.1f %% of the 1-insert ceiling", database,
                row.result().throughput() / durable.result().throughput() * 100, durable.ratio() * 100));
        measurer.table().check(row.ratio() >= CREATE_FLOOR && row.result().errors() == 0, String.format(
                Locale.ROOT, "%s create at %.1f %% of the ceiling (floor %.0f %%), %d errors", database,
                row.ratio() * 100, CREATE_FLOOR * 100, row.result().errors()));
        return new Ceiling(rows[0].result().throughput(), row.result().throughput());
    }

    /**
     * Create, claim and complete one packet per operation, on the durable lifecycle ceiling (the durable create,
     * claim and complete routes, one transaction each) and on HandoffRail in alternating rounds; both rows' ratios
     * are to a third of the one-insert ceiling (issue 8's reference), and a fact line relates HandoffRail to the
     * durable lifecycle and that to the reference. HandoffRail is warmed up for the usual warm-up only: its create
     * path, the most of a lifecycle, was warmed up and measured just before.
     */
    void createClaimComplete(ServerProcess ceilingServer, ServerProcess rail, String key, String database,
                             Ceiling ceiling) {
        Operation durable = (connection, n) -> {
            var created = connection.send(Request.of("POST", "/packets/durable", Map.of(),
                    PacketBodies.packet(n, "sales-01", "billing-01")));
            if (created.status() != 201) {
                return false;
            }
            String path = "/packets/durable/" + RailClient.id(created);
            return connection.send(Request.of("POST", path + "/claim", Map.of(), RailClient.claimBody("billing-01")))
                    .status() == 200
                    && connection.send(Request.of("POST", path + "/complete", Map.of(), "{}")).status() == 200;
        };
        Operation lifecycle = (connection, n) -> {
            var created = connection.send(RailClient.create(key, n, "sales-01", "billing-01"));
            if (created.status() != 201) {
                return false;
            }
            String id = RailClient.id(created);
            return connection.send(RailClient.claim(key, id, "billing-01")).status() == 200
                    && connection.send(RailClient.complete(key, id)).status() == 200;
        };
        double reference = ceiling.create() / 3;
        ResultTable.Row[] rows = measurer.alternating("create → claim → complete (" + database + ")", ROUNDS,
                List.of(new Measurer.Side(ceilingServer, "ceiling: Javalin + Jackson + durable writes"
                        + " (1 transaction per step)", durable)),
                new Measurer.Side(rail, "HandoffRail", lifecycle), measurer.settings().warmup(), reference);
        ResultTable.Row durableRow = rows[0];
        ResultTable.Row row = rows[1];
        measurer.table().fact(String.format(Locale.ROOT, "%s HandoffRail create → claim → complete is %.1f %% of"
                + " the durable lifecycle ceiling; the durable lifecycle ceiling is %.1f %% of the 1-insert"
                + " ceiling / 3", database, row.result().throughput() / durableRow.result().throughput() * 100,
                durableRow.ratio() * 100));
    }

    /**
     * Creates at a constant {@value #CONSTANT_RATE_SHARE} of the ceiling's create throughput (the target),
     * first on the durable-writes ceiling (what the same writes alone give at that rate: the bound of the target),
     * then on HandoffRail, then on HandoffRail at {@value #SUSTAINABLE_SHARE} of its own create throughput (the
     * latency of a load it can carry: the first rate can be above its maximum); latency counts from each request's
     * scheduled time.
     */
    void constantRate(ServerProcess ceilingServer, ServerProcess rail, String key, String database,
                      Ceiling ceiling) {
        double target = ceiling.create() * CONSTANT_RATE_SHARE;
        constantRate(ceilingServer, DURABLE_WRITES, durableCreate(90_000_000), database, target, "25 % of ceiling");
        constantRate(rail, "HandoffRail", railCreate(key, 0), database, target, "25 % of ceiling");
        constantRate(rail, "HandoffRail", railCreate(key, 50_000_000), database,
                ceiling.railCreate() * SUSTAINABLE_SHARE, "50 % of HandoffRail's create maximum");
    }

    /** A create on the durable-writes ceiling with bench body {@code firstBody + n}. */
    private static Operation durableCreate(long firstBody) {
        return (connection, n) -> connection.send(Request.of("POST", "/packets/durable", Map.of(),
                PacketBodies.packet(firstBody + n, "sales-01", "billing-01"))).status() == 201;
    }

    /** A create on HandoffRail with bench body {@code firstBody + n}. */
    private static Operation railCreate(String key, long firstBody) {
        return (connection, n) ->
                connection.send(RailClient.create(key, firstBody + n, "sales-01", "billing-01")).status() == 201;
    }

    private void constantRate(ServerProcess server, String label, Operation create, String database, double rate,
                              String what) {
        Duration length = measurer.settings().measure();
        long scheduled = (long) (rate * length.toSeconds());
        String scenario = String.format(Locale.ROOT, "create at constant %.0f/s = %s (%s)", rate, what,
                database);
        ResultTable.Row row = measurer.measure(scenario, label, server, 0, "",
                d -> d.constantRate(measurer.settings().connections(), rate, length, create));
        measurer.table().fact(String.format(Locale.ROOT, "%s constant rate at %s on %s: %d of %d scheduled creates"
                + " completed, p50 %.1f ms, p99 %.1f ms (target p50 <= 5 ms, p99 <= 25 ms)", database, what, label,
                row.result().operations(), scheduled, row.result().millisAt(50), row.result().millisAt(99)));
    }
}
