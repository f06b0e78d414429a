package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile input against the real application on SQLite and on PostgreSQL: {@value #DEFAULT_REQUESTS}
 * seeded random mutations of valid requests per database, 10 000 per run (system property {@code hr.fuzz.requests} to change,
 * {@code hr.fuzz.seed} to replay) must give zero 5xx and every error in the contract's envelope, and the stored
 * data must be unchanged except by the requests that succeeded: a dump of every table before and after differs
 * only in rows that name a resource a 2xx request created or touched (or, for the counters, only when a create
 * succeeded). Also pins the storable-text rule over HTTP on both databases.
 */
class GeneratedBadInputTest {
    static final int DEFAULT_REQUESTS = 5_000;
    private static final String ADMIN_KEY = "hr_fuzzBootstrapAdminKey_0123456789abcdef";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> MASKED = Set.of("api_keys.last_used_at");
    private static final Set<String> COUNTERS = Set.of("daily_handoffs", "tenant_agents", "packet_counts");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}, "tags": ["billing"]},
             "context": {"summary": "Customer wants to upgrade"}%s}""";

    @TempDir
    Path dir;

    @Test
    void on_sqlite_generated_bad_requests_get_no_5xx_and_change_nothing_they_did_not_succeed_at() throws Exception {
        Path file = dir.resolve("fuzz.db");
        fuzz("sqlite:///" + file, "jdbc:sqlite:" + file);
    }

    @Test
    void on_postgresql_generated_bad_requests_get_no_5xx_and_change_nothing_they_did_not_succeed_at()
            throws Exception {
        try (LocalPostgres database = LocalPostgres.createOrSkip()) {
            fuzz(database.url(), database.jdbcUrl());
        }
    }

    @Test
    void on_sqlite_text_a_database_cannot_hold_is_refused_naming_the_field() throws Exception {
        storableRule("sqlite:///" + dir.resolve("rule.db"));
    }

    @Test
    void on_postgresql_text_a_database_cannot_hold_is_refused_naming_the_field() throws Exception {
        try (LocalPostgres database = LocalPostgres.createOrSkip()) {
            storableRule(database.url());
        }
    }

    private void storableRule(String databaseUrl) throws Exception {
        try (Application app = Application.start(AppConfig.fromEnv(env(databaseUrl)),
                ApplicationEndToEndTest.quietBanner())) {
            ApiClient api = new ApiClient(app.port(), ADMIN_KEY);
            assertRefused(api.send("POST", "/api/v1/packets", PACKET.formatted("").replace("Customer wants",
                    "Customer\\u0000wants")), "context.summary", "must not contain U+0000 (NUL) or unpaired UTF-16 "
                    + "surrogates");
            assertRefused(api.send("POST", "/api/v1/packets", PACKET.formatted(", \"decisions\": [{\"id\": \"d\\ud800\","
                    + " \"decision\": \"x\"}]")), "decisions[0].id", "must not contain U+0000 (NUL) or unpaired "
                    + "UTF-16 surrogates");
            assertRefused(api.send("POST", "/api/v1/packets", PACKET.formatted("").replace("\"tags\"",
                    "\"x\\u0000\": 1, \"tags\"")), "metadata", "object keys must not contain U+0000 (NUL) or unpaired "
                    + "UTF-16 surrogates");
            assertRefused(api.get("/api/v1/packets?source_agent=sales%00"), "source_agent",
                    "must not contain U+0000 (NUL) or unpaired UTF-16 surrogates");
            assertThat(api.get("/api/v1/packets").body().get("total").asInt()).isZero();
            ApiClient.Reply odd = api.send("POST", "/api/v1/packets", PACKET.formatted("").replace("Customer wants",
                    "\\uffff\\ud83d\\ude00\\u202e\\u0001"));
            assertThat(odd.status()).isEqualTo(201);
            assertThat(api.get("/api/v1/packets/" + odd.body().get("id").asText()).body().at("/context/summary")
                    .asText()).isEqualTo("\uFFFF\uD83D\uDE00\u202E\u0001 to upgrade");
        }
    }

    private static void assertRefused(ApiClient.Reply reply, String field, String message) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).as(reply.body().toString()).isNotNull();
        assertThat(reply.body().get("code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.body().get("field").asText()).isEqualTo(field);
        assertThat(reply.body().get("errors").get(0).get("message").asText()).isEqualTo(message);
    }

    private void fuzz(String databaseUrl, String jdbcUrl) throws Exception {
        int requests = Integer.getInteger("hr.fuzz.requests", DEFAULT_REQUESTS);
        long seed = Long.getLong("hr.fuzz.seed", 20_261_206L);
        try (Application app = Application.start(AppConfig.fromEnv(env(databaseUrl)),
                ApplicationEndToEndTest.quietBanner())) {
            ApiClient api = new ApiClient(app.port(), ADMIN_KEY);
            List<String> seeded = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String hitl = i % 3 == 0 ? ", \"hitl\": {\"required\": true, \"reason\": \"approve\"}" : "";
                ApiClient.Reply created = api.send("POST", "/api/v1/packets", PACKET.formatted(hitl));
                assertThat(created.status()).isEqualTo(201);
                seeded.add(created.body().get("id").asText());
            }
            TableDump before = TableDump.of(jdbcUrl, MASKED);

            Outcome outcome = send(app.port(), requests, seed, seeded);

            TableDump after = TableDump.of(jdbcUrl, MASKED);
            assertThat(outcome.serverErrors).as("5xx answers (seed %d)", seed).isEmpty();
            assertThat(outcome.notEnvelope).as("errors outside the envelope (seed %d)", seed).isEmpty();
            assertThat(unexplained(before.rowsMissingFrom(after), outcome)).as("rows changed or removed").isEmpty();
            assertThat(unexplained(after.rowsMissingFrom(before), outcome)).as("rows added or changed").isEmpty();
            System.out.printf("fuzz %s: %d requests sent (seed %d), %d answered 2xx, %d 4xx by status %s, 0 5xx; "
                    + "%d rows before, %d after; %d resent on a fresh connection%n", databaseUrl.startsWith("sqlite") ? "sqlite" : "postgresql",
                    outcome.sent.get(), seed, outcome.succeeded.get(), outcome.sent.get() - outcome.succeeded.get(),
                    new java.util.TreeMap<>(outcome.byStatus), before.rowCount(), after.rowCount(), outcome.retried.get());
            assertThat(outcome.sent.get()).isEqualTo(requests);
        }
    }

    /** The changed rows no successful request explains. */
    private static List<String> unexplained(List<String> rows, Outcome outcome) {
        List<String> left = new ArrayList<>();
        for (String row : rows) {
            String table = row.substring(0, row.indexOf('|'));
            if (COUNTERS.contains(table) && outcome.created.get() > 0) {
                continue;
            }
            if (table.equals("idempotency_keys") && outcome.remembered.entrySet().stream().anyMatch(answer ->
                    row.contains("|idem_key=" + answer.getKey() + "|")
                            && answer.getValue().stream().anyMatch(status -> row.contains("|status=" + status + "|")))) {
                continue;
            }
            Matcher ids = UUID.matcher(row);
            boolean explained = false;
            while (ids.find() && !explained) {
                explained = outcome.touched.contains(ids.group());
            }
            if (!explained) {
                left.add(row);
            }
        }
        return left;
    }

    private static final class Outcome {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        final Set<String> touched = ConcurrentHashMap.newKeySet();
        /** Per Idempotency-Key as the server received it, the answers it must remember (§9.16: 2xx, 4xx but 429). */
        final Map<String, Set<Integer>> remembered = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> notEnvelope = new ConcurrentLinkedQueue<>();
    }

    private static Outcome send(int port, int requests, long seed, List<String> seeded) throws Exception {
        Outcome outcome = new Outcome();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                BadRequests generator = new BadRequests(seed + t, seeded);
                int share = requests / threads + (t < requests % threads ? 1 : 0);
                workers.add(pool.submit(() -> {
                    int done = 0;
                    while (done < share) {
                        BadRequests.Attempt attempt = generator.next();
                        HttpRequest request = build(port, attempt);
                        if (request == null) {
                            continue;   // the client itself refuses this request line or header
                        }
                        done++;
                        HttpResponse<byte[]> response;
                        try {
                            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        } catch (java.io.IOException closedKeptAliveConnection) {
                            // the server closed a reused connection (after refusing the previous request without
                            // reading its body): send once more on a fresh one; no answer there is a failure
                            outcome.retried.incrementAndGet();
                            try {
                                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                                        .send(request, HttpResponse.BodyHandlers.ofByteArray());
                            } catch (java.io.IOException noAnswer) {
                                outcome.sent.incrementAndGet();
                                outcome.serverErrors.add(describe(attempt) + " -> no answer: " + noAnswer.getMessage());
                                continue;
                            }
                        }
                        check(attempt, response, outcome);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return outcome;
    }

    private static HttpRequest build(int port, BadRequests.Attempt attempt) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + attempt.path())).timeout(Duration.ofSeconds(60))
                    .method(attempt.method(), attempt.body().length == 0 && attempt.method().equals("GET")
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
            Map<String, String> headers = new HashMap<>(attempt.headers());
            builder.header("X-API-Key", headers.getOrDefault("X-API-Key", ADMIN_KEY));
            headers.remove("X-API-Key");
            headers.forEach(builder::header);
            return builder.build();
        } catch (IllegalArgumentException refusedByClient) {
            return null;
        }
    }

    private static void check(BadRequests.Attempt attempt, HttpResponse<byte[]> response, Outcome outcome) {
        int status = response.statusCode();
        outcome.sent.incrementAndGet();
        outcome.byStatus.merge(status, 1, Integer::sum);
        String described = describe(attempt) + " -> " + status + " " + response.headers().map() + " "
                + abbreviate(new String(response.body(), StandardCharsets.UTF_8));
        if (status >= 500) {
            outcome.serverErrors.add(described);
            return;
        }
        String idempotencyKey = attempt.headers().get("Idempotency-Key");
        if (idempotencyKey != null && status != 429) {
            // the JDK client sends a character outside ASCII in a header as '?'
            outcome.remembered.computeIfAbsent(idempotencyKey.replaceAll("[^\\x00-\\x7f]", "?"),
                    key -> ConcurrentHashMap.newKeySet()).add(status);
        }
        if (status >= 400) {
            if (!inEnvelope(response.body(), status)) {
                outcome.notEnvelope.add(described);
            }
            return;
        }
        if (status >= 200 && status < 300 && attempt.writes()) {
            outcome.succeeded.incrementAndGet();
            if (attempt.path().startsWith("/api/v1/packets") && attempt.method().equals("POST")
                    && !attempt.path().contains("claim")) {
                outcome.created.incrementAndGet();
            }
            Matcher ids = UUID.matcher(attempt.path() + new String(response.body(), StandardCharsets.UTF_8));
            while (ids.find()) {
                outcome.touched.add(ids.group());
            }
        } else if (status >= 200 && status < 300) {
            outcome.succeeded.incrementAndGet();
        }
    }

    private static String describe(BadRequests.Attempt attempt) {
        return attempt.method() + " " + abbreviate(attempt.path()) + " " + attempt.headers() + " "
                + abbreviate(new String(attempt.body(), StandardCharsets.UTF_8));
    }

    private static boolean inEnvelope(byte[] body, int status) {
        try {
            JsonNode error = JSON.readTree(body);
            return error != null && error.path("code").isTextual() && error.path("detail").isTextual()
                    && error.path("status_code").asInt() == status && error.path("request_id").isTextual();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + ")";
    }

    private static Map<String, String> env(String databaseUrl) throws java.io.IOException {
        return Map.ofEntries(Map.entry("HR_DATABASE_URL", databaseUrl),
                Map.entry("HR_PORT", String.valueOf(DatabaseOutageTest.freePort())),
                Map.entry("HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY), Map.entry("HR_LOG_LEVEL", "error"),
                Map.entry("HR_SHUTDOWN_GRACE_SECONDS", "3"),
                Map.entry("HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="),
                Map.entry("HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"), Map.entry("HR_RATE_LIMIT_PER_MINUTE", "1000000"),
                Map.entry("HR_AUTH_FAILURES_PER_MINUTE", "1000000"),
                Map.entry("HR_TIER_QUOTAS", "{\"free\": {\"requests_per_hour\": -1, \"requests_per_minute\": -1, "
                        + "\"handoffs_per_day\": -1, \"max_api_keys\": -1, \"max_webhooks\": -1}, "
                        + "\"pro\": {\"requests_per_hour\": -1, \"requests_per_minute\": -1, \"max_api_keys\": -1, "
                        + "\"max_webhooks\": -1}, \"business\": {\"requests_per_hour\": -1, "
                        + "\"requests_per_minute\": -1, \"max_api_keys\": -1, \"max_webhooks\": -1}}"));
    }
}
