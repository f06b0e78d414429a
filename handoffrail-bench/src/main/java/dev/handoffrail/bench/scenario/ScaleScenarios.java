package dev.handoffrail.bench.scenario;

import dev.handoffrail.bench.ceiling.SearchCeiling;
import dev.handoffrail.bench.load.LoadDriver;
import dev.handoffrail.bench.load.LoadResult;
import dev.handoffrail.bench.load.Operation;
import dev.handoffrail.bench.load.Request;
import dev.handoffrail.bench.process.HeapProbe;
import dev.handoffrail.bench.process.ServerProcess;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What changes as packets accumulate, all in one tenant whose packets stay active ({@code created}): create
 * throughput after 1,000 and after N stored packets, heap after a full GC at given counts, and list/search
 * latency at N, a common-word search in a tenant of 100 packets beside it, and the same searches as the large
 * tenant's on the search ceiling holding as many texts. Packets are seeded through the public
 * batch endpoint (50 per request, 2 connections), never by SQL, so the seed does not depend on the storage schema.
 */
final class ScaleScenarios {
    private static final int SEED_CONNECTIONS = 2;
    private static final int QUERY_CONNECTIONS = 4;
    private static final int QUERIES = 2_000;
    private static final int SEARCH_CEILING_RUNS = 5;
    /** The packets of the small tenant searched beside the large one. */
    private static final int SMALL_TENANT = 100;

    private final Measurer measurer;
    private long seeded;

    ScaleScenarios(Measurer measurer) {
        this.measurer = measurer;
    }

    void run(ServerProcess rail, String key, String smallKey, Database store, CreateScenarios.Ceiling ceiling,
             Database ceilingStore) throws IOException, SQLException {
        String database = store.label();
        BenchSettings settings = measurer.settings();
        Operation create = (connection, n) ->
                connection.send(RailClient.create(key, 10_000_000 + n, "sales-01", "billing-01")).status() == 201;
        seedSmallTenant(rail, smallKey);
        seedTo(rail, key, 1_000);
        settle(store);
        double small = measurer.throughput("create after 1,000 stored (" + database + ")", "HandoffRail", rail,
                ceiling.create(), create).result().throughput();
        for (int point : settings.heapPoints()) {
            seedTo(rail, key, point);
            measurer.table().fact(String.format(Locale.ROOT, "%s heap after full GC at %,d stored packets: %.1f MB",
                    database, point, HeapProbe.usedAfterFullGc(rail.pid()) / 1e6));
        }
        int stored = settings.storedPackets();
        seedTo(rail, key, stored);
        settle(store);
        String label = String.format(Locale.ROOT, "%,d", stored);
        double large = measurer.throughput("create after " + label + " stored (" + database + ")", "HandoffRail",
                rail, ceiling.create(), create).result().throughput();
        measurer.table().fact(String.format(Locale.ROOT, "%s create after %s stored is %.0f %% of create after"
                + " 1,000 stored", database, label, large / small * 100));
        query(rail, "list first page at " + label + " (" + database + ")",
                Request.get(RailClient.PACKETS + "?limit=50", RailClient.auth(key)));
        query(rail, "list page 2 by cursor at " + label + " (" + database + ")", secondPage(rail, key));
        query(rail, "search common word at " + label + " (" + database + ")", search(key, "upgrade"));
        query(rail, "search rare word at " + label + " (" + database + ")", search(key, "zircon0"));
        query(rail, "search common word in a tenant of " + SMALL_TENANT + " beside " + label + " (" + database + ")",
                search(smallKey, "upgrade"));
        searchCeiling(ceilingStore, held(rail, key));
    }

    /**
     * A second tenant with {@value #SMALL_TENANT} packets, all with the common word: its search must not pay for
     * the large tenant's matches.
     */
    private static void seedSmallTenant(ServerProcess rail, String smallKey) {
        try (RailClient client = new RailClient(rail.port())) {
            for (int first = 0; first < SMALL_TENANT; first += RailClient.BATCH_LIMIT) {
                RailClient.expect(201, client.send(RailClient.batch(smallKey, first, RailClient.BATCH_LIMIT,
                        "sales-01", "billing-01")));
            }
        }
    }

    /**
     * How many packets the tenant holds: the seeded ones and those the create measurements added, which the searches
     * above matched too.
     */
    private static long held(ServerProcess rail, String key) {
        try (RailClient client = new RailClient(rail.port())) {
            return RailClient.expect(200, client.send(Request.get(RailClient.PACKETS + "?limit=1",
                    RailClient.auth(key)))).get("total").asLong();
        }
    }

    /**
     * The same two searches on the search ceiling (the ceiling's database, the server stopped), filled with as many
     * texts as the tenant holds: what the database alone needs for a search's count and ranked page.
     */
    private void searchCeiling(Database ceilingStore, long stored) throws SQLException {
        try (SearchCeiling search = SearchCeiling.open(ceilingStore.jdbcUrl())) {
            long start = System.nanoTime();
            search.fillTo(stored);
            measurer.table().fact(String.format(Locale.ROOT, "%s search ceiling filled with %,d texts in %.0f s",
                    ceilingStore.label(), stored, (System.nanoTime() - start) / 1e9));
            for (String word : List.of("upgrade", "zircon0")) {
                measurer.table().fact(SearchCeiling.describe(ceilingStore.label(), stored,
                        search.cost(word, SEARCH_CEILING_RUNS)));
            }
        }
    }

    /** Both create measurements start after {@link Database#settle()}, so the seed's maintenance is not in either. */
    private void settle(Database store) throws SQLException {
        measurer.table().fact(String.format(Locale.ROOT, "%s settled at %,d stored packets: %s", store.label(),
                seeded, store.settle()));
    }

    private void query(ServerProcess rail, String scenario, Request request) {
        Operation get = (connection, n) -> connection.send(request).status() == 200;
        new LoadDriver(rail.port()).closedLoop(QUERY_CONNECTIONS, QUERIES / 10, Duration.ofSeconds(30), get);
        measurer.measure(scenario, "HandoffRail", rail, 0, QUERY_CONNECTIONS + " connections",
                d -> d.closedLoop(QUERY_CONNECTIONS, QUERIES, Duration.ofSeconds(60), get));
    }

    private static Request search(String key, String words) {
        return Request.get(RailClient.PACKETS + "/search?limit=50&q=" + URLEncoder.encode(words,
                StandardCharsets.UTF_8), RailClient.auth(key));
    }

    private static Request secondPage(ServerProcess rail, String key) {
        try (RailClient client = new RailClient(rail.port())) {
            String cursor = RailClient.expect(200, client.send(Request.get(RailClient.PACKETS + "?limit=50",
                    RailClient.auth(key)))).get("next_cursor").asText();
            return Request.get(RailClient.PACKETS + "?limit=50&cursor=" + cursor, RailClient.auth(key));
        }
    }

    /** Seeds batches until at least {@code target} packets were seeded in this tenant. */
    private void seedTo(ServerProcess rail, String key, long target) {
        long missing = target - seeded;
        if (missing <= 0) {
            return;
        }
        long batches = (missing + RailClient.BATCH_LIMIT - 1) / RailClient.BATCH_LIMIT;
        long first = seeded;
        Operation batch = (connection, n) -> connection.send(RailClient.batch(key,
                first + n * RailClient.BATCH_LIMIT, RailClient.BATCH_LIMIT, "sales-01", "billing-01")).status() == 201;
        LoadResult result = new LoadDriver(rail.port()).closedLoop(SEED_CONNECTIONS, batches, Duration.ofHours(3),
                batch);
        if (result.errors() > 0) {
            throw new IllegalStateException(result.errors() + " seed batches failed");
        }
        seeded += batches * RailClient.BATCH_LIMIT;
        measurer.table().fact(String.format(Locale.ROOT, "seeded %,d packets through the batch endpoint at %.0f"
                + " packets/s (now %,d)", batches * RailClient.BATCH_LIMIT,
                batches * RailClient.BATCH_LIMIT / result.seconds(), seeded));
    }
}
