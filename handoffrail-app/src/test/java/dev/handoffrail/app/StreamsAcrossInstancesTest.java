package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.app.StreamTestClients.MessageStream;
import dev.handoffrail.core.testing.TcpProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real-time streams across two application instances in one JVM on one PostgreSQL database and one Redis database
 * (14, emptied before each test), http-api.md §17.6 and §9.15: subscribers on one instance hear, exactly once and
 * in order, what the other instance did, never another tenant's events; a Redis outage (a relay the test cuts,
 * never the server) loses only what was published meanwhile; claim-next calls waiting on one instance are woken by
 * packets created on the other. "Exactly once" is asserted by a later packet whose event must arrive next, so no
 * test waits for something not to happen.
 */
class StreamsAcrossInstancesTest {
    private static final int REDIS_DB = 14;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_KEY = "hr_streamsAcrossBootstrapKey_0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rate limits out of the way: these tests send hundreds of requests with one key within a minute. */
    private static final Map<String, String> GENEROUS_LIMITS = Map.of("HR_RATE_LIMIT_PER_MINUTE", "100000",
            "HR_TIER_QUOTAS", "{\"business\": {\"requests_per_hour\": -1}}");
    /** The batch limit of http-api.md §9.12. */
    private static final int BATCH = 50;
    /** Claim-next calls sent at once. */
    private static final int WAVE = 25;
    private static final String PACKET = "{\"metadata\": {\"source_agent\": {\"id\": \"router\", \"name\": \"Router\"},"
            + " \"target_agent\": {\"id\": \"billing-01\", \"name\": \"Billing\"}},"
            + " \"context\": {\"summary\": \"Customer wants an upgrade\"}}";
    private static LocalPostgres database;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<AutoCloseable> opened = new ArrayList<>();
    /** Requests {@link #awaitAdmitted} has sent with the pollers' key. */
    private int admissionProbes;

    @BeforeAll
    static void createDatabase() {
        LocalRedis.requireOrSkip();
        database = LocalPostgres.createOrSkip();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        LocalRedis.emptyDatabase(REDIS_DB);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void sse_and_ws_subscribers_on_one_instance_receive_once_each_event_of_a_packet_handled_on_the_other()
            throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT);
        Application a = apps.get(0);
        Application b = apps.get(1);
        String tenant = tenant(a);
        String reader = key(a, tenant, "reader");
        String writer = key(a, tenant, "admin");
        MessageStream sse = open(StreamTestClients.sse(a.port(), reader));
        MessageStream ws = open(StreamTestClients.ws(a.port(), reader));

        String packet = createPacket(b, writer);
        assertThat(send(b, "POST", "/api/v1/packets/" + packet + "/claim", writer,
                "{\"agent_id\": \"billing-01\", \"agent_name\": \"Billing\"}").status()).isEqualTo(200);
        assertThat(send(b, "PATCH", "/api/v1/packets/" + packet, writer, "{\"status\": \"completed\"}").status())
                .isEqualTo(200);
        String nextOnB = createPacket(b, writer);
        String createdOnA = createPacket(a, writer);
        String lastOnB = createPacket(b, writer);

        for (MessageStream stream : List.of(sse, ws)) {
            JsonNode created = stream.next();
            assertThat(created.get("type").asText()).isEqualTo("packet.created");
            assertThat(created.get("packet_id").asText()).isEqualTo(packet);
            assertThat(created.at("/data/status").asText()).isEqualTo("created");
            assertThat(created.at("/data/metadata/target_agent/id").asText()).isEqualTo("billing-01");
            JsonNode claimed = stream.next();
            assertThat(claimed.get("type").asText()).isEqualTo("packet.claimed");
            assertThat(claimed.get("packet_id").asText()).isEqualTo(packet);
            assertThat(claimed.at("/data/previous_status").asText()).isEqualTo("created");
            JsonNode completed = stream.next();
            assertThat(completed.get("type").asText()).isEqualTo("packet.completed");
            assertThat(completed.get("packet_id").asText()).isEqualTo(packet);
            assertThat(completed.at("/data/status").asText()).isEqualTo("completed");
            assertThat(completed.at("/data/previous_status").asText()).isEqualTo("claimed");
            assertThat(List.of(describe(stream.next()), describe(stream.next()), describe(stream.next())))
                    .containsExactly("packet.created " + nextOnB, "packet.created " + createdOnA,
                            "packet.created " + lastOnB);
        }
    }

    @Test
    void a_tenant_never_receives_another_tenants_events_from_either_instance() throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT);
        Application a = apps.get(0);
        Application b = apps.get(1);
        String acme = tenant(a);
        String globex = tenant(a);
        String acmeWriter = key(a, acme, "admin");
        String globexWriter = key(a, globex, "admin");
        MessageStream acmeOnA = open(StreamTestClients.sse(a.port(), key(a, acme, "reader")));
        MessageStream globexOnA = open(StreamTestClients.ws(a.port(), key(a, globex, "reader")));
        MessageStream globexOnB = open(StreamTestClients.sse(b.port(), key(a, globex, "reader")));

        String globexFromB = createPacket(b, globexWriter);
        String acmeFromB = createPacket(b, acmeWriter);
        String acmeFromA = createPacket(a, acmeWriter);
        String globexFromA = createPacket(a, globexWriter);

        assertThat(List.of(describe(acmeOnA.next()), describe(acmeOnA.next())))
                .containsExactly("packet.created " + acmeFromB, "packet.created " + acmeFromA);
        for (MessageStream globexStream : List.of(globexOnA, globexOnB)) {
            assertThat(List.of(describe(globexStream.next()), describe(globexStream.next())))
                    .containsExactly("packet.created " + globexFromB, "packet.created " + globexFromA);
        }
    }

    @Test
    void a_thousand_events_sent_at_full_speed_from_one_instance_arrive_complete_and_in_order_per_packet()
            throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT);
        Application a = apps.get(0);
        Application b = apps.get(1);
        String tenant = tenant(a);
        String writer = key(a, tenant, "admin");
        MessageStream sse = open(StreamTestClients.sse(a.port(), key(a, tenant, "reader")));
        int packets = 250;
        List<String> lifecycle = List.of("packet.created", "packet.claimed", "packet.in_progress",
                "packet.completed");

        // five workers at once, each taking fifty packets through their lifecycle: batch create, batch claim, one
        // PATCH each to in_progress, batch complete
        ExecutorService workers = Executors.newFixedThreadPool(packets / BATCH);
        List<Future<List<String>>> handled = new ArrayList<>();
        try {
            for (int i = 0; i < packets / BATCH; i++) {
                handled.add(workers.submit(() -> {
                    List<String> ids = createPackets(b, writer, BATCH);
                    String idList = JSON.writeValueAsString(ids);
                    expect(send(b, "POST", "/api/v1/packets/batch/claim", writer, "{\"packet_ids\": " + idList
                            + ", \"agent_id\": \"billing-01\", \"agent_name\": \"Billing\"}"), 200);
                    for (String id : ids) {
                        expect(send(b, "PATCH", "/api/v1/packets/" + id, writer, "{\"status\": \"in_progress\"}"),
                                200);
                    }
                    expect(send(b, "POST", "/api/v1/packets/batch/complete", writer,
                            "{\"packet_ids\": " + idList + "}"), 200);
                    return ids;
                }));
            }
            Map<String, List<String>> received = new LinkedHashMap<>();
            for (int i = 0; i < packets * lifecycle.size(); i++) {
                JsonNode event = sse.next();
                assertThat(event.has("packet_id")).as("a packet event: %s", event).isTrue();
                received.computeIfAbsent(event.path("packet_id").asText(), id -> new ArrayList<>())
                        .add(event.path("type").asText());
            }
            Set<String> sent = new HashSet<>();
            for (Future<List<String>> done : handled) {
                sent.addAll(done.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }

            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(received.values()).allSatisfy(types -> assertThat(types).containsExactlyElementsOf(lifecycle));
            String last = createPacket(b, writer);
            assertThat(describe(sse.next())).isEqualTo("packet.created " + last);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void while_redis_is_cut_publishing_goes_on_ready_says_so_new_streams_wait_and_open_ones_resume_once_it_is_back()
            throws Exception {
        TcpProxy relay = TcpProxy.to(LocalRedis.PORT);
        opened.add(relay);
        List<Application> apps = twoInstances(relay.port());
        Application a = apps.get(0);
        Application b = apps.get(1);
        String tenant = tenant(a);
        String writer = key(a, tenant, "admin");
        String reader = key(a, tenant, "reader");
        MessageStream sse = open(StreamTestClients.sse(a.port(), reader));
        MessageStream ws = open(StreamTestClients.ws(a.port(), reader));
        String before = createPacket(b, writer);
        for (MessageStream stream : List.of(sse, ws)) {
            assertThat(describe(stream.next())).isEqualTo("packet.created " + before);
        }

        relay.cut();

        String lostFromB = createPacket(b, writer);
        String localOnA = createPacket(a, writer);
        for (MessageStream stream : List.of(sse, ws)) {
            assertThat(describe(stream.next())).isEqualTo("packet.created " + localOnA);
        }
        for (Application app : apps) {
            Reply ready = get(app, "/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body().get("redis").asBoolean()).isFalse();
            assertThat(ready.body().get("db").asBoolean()).isTrue();
        }
        Reply refused = get(b, "/events", reader);
        assertThat(refused.status()).as("a new stream while the shared connection count is unreachable")
                .isEqualTo(503);
        assertThat(refused.body().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");

        relay.restore();

        for (Application app : apps) {
            awaitReady(app);
        }
        // the subscriber connections come back after a backoff; until then B's events reach B only
        Set<String> probes = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode resumed = null;
        while (resumed == null && System.nanoTime() < deadline) {
            probes.add(createPacket(b, writer));
            resumed = sse.poll(Duration.ofMillis(250));
        }
        assertThat(resumed).as("an event from B reached A within " + WAIT).isNotNull();
        assertThat(probes).contains(resumed.get("packet_id").asText());
        String after = createPacket(b, writer);
        for (MessageStream stream : List.of(sse, ws)) {
            JsonNode event = stream.next();
            while (!event.path("packet_id").asText().equals(after)) {
                assertThat(event.path("type").asText()).isEqualTo("packet.created");
                assertThat(event.path("packet_id").asText()).isNotEqualTo(lostFromB).isIn(probes);
                event = stream.next();
            }
            assertThat(event.path("type").asText()).isEqualTo("packet.created");
        }
    }

    @Test
    void two_hundred_calls_waiting_on_one_instance_each_take_exactly_one_packet_created_on_the_other()
            throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT);
        Application a = apps.get(0);
        Application b = apps.get(1);
        String tenant = tenant(a);
        String writer = key(a, tenant, "admin");
        String worker = key(a, tenant, "agent");
        int pollers = 200;
        // sent in waves, each admitted before the next, so that no burst makes Jetty add threads it would keep
        List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        for (int i = 0; i < pollers; i++) {
            polls.add(http.sendAsync(request(a, "/api/v1/packets/claim-next", worker)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"agent_id\": \"worker\", \"agent_name\": \"Worker "
                            + i + "\", \"target_agent\": \"*\", \"wait_seconds\": 30}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (polls.size() % WAVE == 0) {
                awaitAdmitted(a, worker, polls.size());
            }
        }
        long serverThreadsWhileWaiting = serverThreads();

        Set<String> created = new HashSet<>();
        for (int i = 0; i < pollers / BATCH; i++) {
            created.addAll(createPackets(b, writer, BATCH));
        }

        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<String> taken = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> poll : polls) {
            Reply reply = reply(poll.get());
            assertThat(reply.status()).as("a poller's answer (204 would mean it waited in vain)").isEqualTo(200);
            assertThat(reply.body().get("status").asText()).isEqualTo("claimed");
            assertThat(reply.body().at("/metadata/target_agent/id").asText()).isEqualTo("worker");
            taken.add(reply.body().get("id").asText());
        }
        assertThat(taken).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(serverThreadsWhileWaiting).as("server threads of both instances while %d calls wait", pollers)
                .isLessThan(pollers / 2);
    }

    /** Threads of the two servers that a waiting call could hold: Jetty's and the claim-next executor's. */
    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("JettyServerThreadPool") || name.startsWith("handoffrail-claim-next"))
                .count();
    }

    /**
     * Waits until {@code calls} requests of {@code key} have passed admission on {@code app}: the key's sliding
     * minute window counts every admitted request, and each probe reads the count (itself and the earlier probes
     * included) in its own headers.
     */
    private void awaitAdmitted(Application app, String key, int calls) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Reply probe = get(app, "/api/v1/packets?limit=1", key);
            admissionProbes++;
            long counted = Long.parseLong(probe.headers().get("x-ratelimit-limit"))
                    - Long.parseLong(probe.headers().get("x-ratelimit-remaining"));
            if (counted - admissionProbes >= calls) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError((counted - admissionProbes) + " of " + calls + " calls admitted within "
                        + WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Instance A (which migrates the database) and instance B, subscribed to the Redis at {@code redisPort}. */
    private List<Application> twoInstances(int redisPort) throws Exception {
        List<Application> apps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = new HashMap<>(Map.of("HR_DATABASE_URL", database.url(),
                    "HR_PORT", String.valueOf(freePort()), "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY,
                    "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "0",
                    "HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
                    "HR_REDIS_URL", LocalRedis.url(redisPort, REDIS_DB)));
            env.putAll(GENEROUS_LIMITS);
            Application app = Application.start(AppConfig.fromEnv(env), ApplicationEndToEndTest.quietBanner());
            opened.add(app);
            apps.add(app);
        }
        for (Application app : apps) {
            assertThat(app.events().awaitSubscribed(WAIT)).as("subscribed to Redis").isTrue();
        }
        return apps;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private String tenant(Application app) throws Exception {
        String id = "s-" + UUID.randomUUID().toString().substring(0, 8);
        expect(send(app, "POST", "/api/v1/tenants", ADMIN_KEY,
                "{\"name\": \"" + id + "\", \"id\": \"" + id + "\", \"tier\": \"business\"}"), 201);
        return id;
    }

    private String key(Application app, String tenant, String role) throws Exception {
        return expect(send(app, "POST", "/api/v1/keys", ADMIN_KEY,
                "{\"name\": \"" + role + "\", \"role\": \"" + role + "\", \"tenant_id\": \"" + tenant + "\"}"), 201)
                .body().get("key").asText();
    }

    private String createPacket(Application app, String key) throws Exception {
        return expect(send(app, "POST", "/api/v1/packets", key, PACKET), 201).body().get("id").asText();
    }

    /** {@code count} packets created by one batch request; their ids in request order. */
    private List<String> createPackets(Application app, String key, int count) throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(PACKET);
        }
        Reply created = expect(send(app, "POST", "/api/v1/packets/batch", key,
                "{\"packets\": [" + String.join(", ", items) + "]}"), 201);
        assertThat(created.body().get("errors")).isEmpty();
        List<String> ids = new ArrayList<>();
        created.body().get("created").forEach(packet -> ids.add(packet.get("id").asText()));
        assertThat(ids).hasSize(count);
        return ids;
    }

    private void awaitReady(Application app) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (get(app, "/ready", null).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/ready not 200 within " + WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** {@code "<type> <packet id>"} of a stream message. */
    private static String describe(JsonNode event) {
        return event.path("type").asText() + " " + event.path("packet_id").asText();
    }

    private static Reply expect(Reply reply, int status) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        return reply;
    }

    private Reply get(Application app, String path, String key) throws Exception {
        return reply(http.send(request(app, path, key).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Reply send(Application app, String method, String path, String key, String json) throws Exception {
        return reply(http.send(request(app, path, key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpRequest.Builder request(Application app, String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(60));
        return key == null ? builder : builder.header("X-API-Key", key);
    }

    private static Reply reply(HttpResponse<String> response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                values.get(0)));
        try {
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), headers, body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One answer: status, headers (lower-case names, first value) and the JSON body (null when empty). */
    record Reply(int status, Map<String, String> headers, JsonNode body) {
    }
}
