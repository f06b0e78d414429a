package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/grafana/handoffrail.json and docs/prometheus/alerts.yml parse, and every metric they query is one that the
 * real server's {@code /metrics} exposes after a scripted flow (keys, a handoff, a failing webhook receiver until
 * the delivery is dead-lettered, rate limiting). Series made by Prometheus itself ({@code up}) or by the blackbox
 * exporter ({@code probe_success}) are the only exceptions, and only in the alert rules.
 */
class ObservabilityFilesTest {
    private static final String ADMIN_KEY = "hr_observabilityKey_0123456789abcdefghij";
    private static final Set<String> FROM_PROMETHEUS = Set.of("up", "probe_success");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.$])[A-Za-z_:][A-Za-z0-9_:]*");
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}},
             "context": {"summary": "Observe me"}}""";

    @TempDir
    Path dir;

    private HttpServer failingReceiver;

    @BeforeEach
    void startFailingReceiver() throws IOException {
        failingReceiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        failingReceiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failingReceiver.start();
    }

    @AfterEach
    void stopFailingReceiver() {
        failingReceiver.stop(0);
    }

    @Test
    void the_dashboard_covers_the_contract_metrics_and_queries_only_exposed_ones() throws Exception {
        JsonNode dashboard = RepositoryFiles.json("docs/grafana/handoffrail.json");
        Map<String, String> queries = dashboardQueries(dashboard);
        Set<String> queried = new TreeSet<>();
        queries.values().forEach(expr -> queried.addAll(metricNames(expr)));

        assertThat(dashboard.get("uid").asText()).isEqualTo("handoffrail");
        assertThat(queried).contains("handoffrail_requests_total", "handoffrail_request_latency_seconds_bucket",
                "handoffrail_handoffs_total", "handoffrail_active_packets", "handoffrail_packet_status_count",
                "handoffrail_webhook_deliveries_total", "handoffrail_webhook_delivery_latency_seconds_bucket",
                "handoffrail_webhook_dlq_size", "handoffrail_rate_limited_total", "hikaricp_connections_active",
                "jvm_memory_used_bytes");
        assertThat(exposedAfterAScriptedFlow()).containsAll(queried);
    }

    @Test
    void the_alert_rules_cover_the_obvious_failures_and_query_only_exposed_metrics() throws Exception {
        JsonNode rules = RepositoryFiles.yaml("docs/prometheus/alerts.yml").at("/groups/0/rules");
        Map<String, String> alerts = new LinkedHashMap<>();
        rules.forEach(rule -> alerts.put(rule.get("alert").asText(), rule.get("expr").asText()));
        Set<String> queried = new TreeSet<>();
        alerts.values().forEach(expr -> queried.addAll(metricNames(expr)));
        queried.removeAll(FROM_PROMETHEUS);

        assertThat(alerts).containsKeys("HandoffRailInstanceDown", "HandoffRailNotReady", "HandoffRailHigh5xxRate",
                "HandoffRailP99LatencyOverBudget", "HandoffRailWebhookDLQGrowing");
        assertThat(alerts.get("HandoffRailNotReady")).contains("probe_success");
        rules.forEach(rule -> assertThat(rule.at("/labels/severity").asText()).isIn("critical", "warning"));
        assertThat(exposedAfterAScriptedFlow()).containsAll(queried);
        assertThat(RepositoryFiles.text("docker/prometheus.yml")).contains("rule_files:", "alerts.yml",
                "job_name: 'handoffrail'", "job_name: 'handoffrail-ready'");
    }

    @Test
    void metric_names_are_read_from_promql_without_functions_labels_or_keywords() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, endpoint) (rate(x_bucket{a=\"b\", c=~\"$i\"}"
                + "[$__rate_interval]))) > 0.5 and on (instance) y offset 30m / ignoring(z) z_total"))
                .containsExactlyInAnyOrder("x_bucket", "y", "z_total");
    }

    /** The metric names of a PromQL expression: identifiers that are not functions, keywords, labels or units. */
    static Set<String> metricNames(String expr) {
        String text = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group();
            String after = text.substring(matcher.end()).stripLeading();
            if (!after.startsWith("(") && !PROMQL_WORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    private static Map<String, String> dashboardQueries(JsonNode dashboard) {
        Map<String, String> queries = new LinkedHashMap<>();
        dashboard.get("panels").forEach(panel -> {
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
                panel.get("targets").forEach(target -> queries.put(panel.get("title").asText() + " "
                        + target.get("refId").asText(), target.get("expr").asText()));
            }
        });
        dashboard.at("/templating/list").forEach(variable -> {
            if (variable.at("/query/query").isTextual()) {
                String query = variable.at("/query/query").asText();
                Matcher labelValues = Pattern.compile("label_values\\((\\w+),").matcher(query);
                assertThat(labelValues.find()).isTrue();
                queries.put("variable " + variable.get("name").asText(), labelValues.group(1));
            }
        });
        return queries;
    }

    /** Runs the flow on a real server and returns every series name of its {@code /metrics}. */
    private Set<String> exposedAfterAScriptedFlow() throws Exception {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("metrics.db"),
                "HR_PORT", String.valueOf(freePort()), "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_LOG_LEVEL", "error",
                "HR_SHUTDOWN_GRACE_SECONDS", "1", "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1",
                "HR_WEBHOOK_RETRY_SCHEDULE", "100ms", "HR_AUTH_FAILURES_PER_MINUTE", "1",
                "HR_TIER_DEFAULT", "business");
        try (Application app = Application.start(AppConfig.fromEnv(env), ApplicationEndToEndTest.quietBanner())) {
            ApiClient api = new ApiClient(app.port(), ADMIN_KEY);
            assertThat(api.send("POST", "/api/v1/keys", "{\"name\": \"worker\", \"role\": \"agent\"}").status())
                    .isEqualTo(201);
            assertThat(api.send("POST", "/api/v1/hooks", "{\"url\": \"http://127.0.0.1:"
                    + failingReceiver.getAddress().getPort() + "/hook\", \"events\": [\"packet.created\"], "
                    + "\"secret\": \"whsec_observability_secret\"}").status()).isEqualTo(201);
            String id = api.send("POST", "/api/v1/packets", PACKET).body().get("id").asText();
            assertThat(api.send("POST", "/api/v1/packets/" + id + "/claim",
                    "{\"agent_id\": \"billing-01\", \"agent_name\": \"BillingBot\", \"framework\": null}").status())
                    .isEqualTo(200);
            ApiClient stranger = new ApiClient(app.port(), "hr_notAKnownKey_0123456789abcdefghijklmn");
            assertThat(stranger.get("/api/v1/packets").status()).isEqualTo(401);
            assertThat(stranger.get("/api/v1/packets").status()).isEqualTo(429);
            System.gc(); // jvm_gc_pause_seconds appears with the first collection the JVM reports
            return awaitSeries(new ApiClient(app.port(), null), "handoffrail_webhook_dlq_size");
        }
    }

    private static Set<String> awaitSeries(ApiClient anonymous, String wanted) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Set<String> names = Set.of();
        while (System.nanoTime() < deadline) {
            names = seriesNames(anonymous.text("/metrics"));
            if (names.containsAll(List.of(wanted, "handoffrail_webhook_deliveries_total",
                    "jvm_gc_pause_seconds_count"))) {
                return names;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + wanted + " within 30 s; exposed: " + names);
    }

    private static Set<String> seriesNames(String exposition) {
        Set<String> names = new TreeSet<>();
        List<String> lines = new ArrayList<>(exposition.lines().toList());
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = line.indexOf('{');
                names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
            }
        }
        return names;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
