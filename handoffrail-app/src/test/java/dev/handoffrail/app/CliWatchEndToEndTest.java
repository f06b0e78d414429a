package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.app.cli.Cli;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.Tier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code packets watch}: the events of {@code /events} printed as they happen, against the real server. */
class CliWatchEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PATIENCE_MILLIS = 60_000;

    @TempDir
    static Path dir;
    private static ClientTestServer server;

    @BeforeAll
    static void startServer() {
        server = ClientTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A {@code watch} running on its own thread, its output readable while it runs. */
    private static final class Watch {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final AtomicInteger status = new AtomicInteger(-1);
        private final Thread thread;

        Watch(Map<String, String> env, String... args) {
            thread = new Thread(() -> status.set(Main.run(List.of(args), env,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))), "cli-watch");
            thread.start();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        void awaitWatching() throws InterruptedException {
            long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
            while (!err().contains("watching ")) {
                assertThat(thread.isAlive()).as("watch ended early: " + err()).isTrue();
                assertThat(System.currentTimeMillis()).as("watch never connected").isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        int awaitExit() throws InterruptedException {
            thread.join(PATIENCE_MILLIS);
            assertThat(thread.isAlive()).as("watch still running; out: " + out()).isFalse();
            return status.get();
        }
    }

    private static Map<String, String> env(String key) {
        return Map.of("HR_URL", server.url(), "HR_API_KEY", key);
    }

    private static NewPacket packet(String to, String summary) {
        return NewPacket.builder().from("sales-01", "SalesBot").to(to, to).summary(summary).build();
    }

    @Test
    void watch_prints_a_line_per_event_of_the_filter_and_ends_after_count_events() throws Exception {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.BUSINESS);
        HandoffRailClient rail = tenant.client();
        Watch watch = new Watch(env(tenant.adminKey()), "packets", "watch", "--agent", "billing-01", "--count", "2");
        watch.awaitWatching();

        rail.packets().create(packet("support-01", "not watched"));
        Packet watched = rail.packets().create(packet("billing-01", "watched"));
        rail.packets().claim(watched.id(), AgentInfo.of("billing-01", "BillingBot"));

        assertThat(watch.awaitExit()).as(watch.err()).isEqualTo(Cli.OK);
        List<String> lines = watch.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("  packet.created  " + watched.id() + "  created  sales-01 -> billing-01");
        assertThat(lines.get(1)).contains("  packet.claimed  " + watched.id()
                + "  created -> claimed  sales-01 -> billing-01");
        assertThat(watch.err()).startsWith("watching agent:billing-01 (connection ");
    }

    @Test
    void watch_with_json_prints_one_event_object_a_line() throws Exception {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.BUSINESS);
        Watch watch = new Watch(env(tenant.adminKey()), "packets", "watch", "--status", "created", "--count", "1",
                "--json");
        watch.awaitWatching();

        Packet created = tenant.client().packets().create(packet("billing-01", "as json"));

        assertThat(watch.awaitExit()).as(watch.err()).isEqualTo(Cli.OK);
        List<String> lines = watch.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode event = JSON.readTree(lines.get(0));
        assertThat(event.get("type").asText()).isEqualTo("packet.created");
        assertThat(event.get("packet_id").asText()).isEqualTo(created.id());
        assertThat(event.get("data").get("status").asText()).isEqualTo("created");
        assertThat(event.has("timestamp")).isTrue();
    }

    @Test
    void watch_ends_quietly_after_its_timeout_when_nothing_happens() throws Exception {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.BUSINESS);

        Watch watch = new Watch(env(tenant.adminKey()), "packets", "watch", "--timeout", "1");

        assertThat(watch.awaitExit()).as(watch.err()).isEqualTo(Cli.OK);
        assertThat(watch.out()).isEmpty();
    }

    @Test
    void watch_with_a_bad_key_fails_with_the_servers_401() throws Exception {
        Watch watch = new Watch(env("hr_notARealKey_0123456789abcdef0123456789"), "packets", "watch");

        assertThat(watch.awaitExit()).isEqualTo(Cli.API_ERROR);
        assertThat(watch.err()).startsWith("error: 401 ");
        assertThat(watch.out()).isEmpty();
    }

    @Test
    void watch_refuses_an_unknown_status_or_a_zero_count_as_a_usage_error() throws Exception {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.BUSINESS);

        Watch unknown = new Watch(env(tenant.adminKey()), "packets", "watch", "--status", "lost");
        assertThat(unknown.awaitExit()).isEqualTo(Cli.USAGE);
        assertThat(unknown.err()).startsWith("error: ");

        Watch zero = new Watch(env(tenant.adminKey()), "packets", "watch", "--count", "0");
        assertThat(zero.awaitExit()).isEqualTo(Cli.USAGE);
        assertThat(zero.err()).startsWith("error: --count and --timeout must be at least 1");
    }
}
