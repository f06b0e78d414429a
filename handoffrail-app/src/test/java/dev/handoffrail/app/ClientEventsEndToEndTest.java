package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.client.AuthenticationException;
import dev.handoffrail.client.EventFilter;
import dev.handoffrail.client.EventListener;
import dev.handoffrail.client.EventSubscription;
import dev.handoffrail.client.EventsApi;
import dev.handoffrail.client.HandoffRailApiException;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.PacketEvent;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ApiKey;
import dev.handoffrail.client.model.NewApiKey;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.Role;
import dev.handoffrail.client.model.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client.events().subscribe(filter, listener)} against the real server's {@code GET /events}. */
class ClientEventsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");

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

    /** Records every callback as a line, in order. */
    static final class Recorder implements EventListener {
        final BlockingQueue<PacketEvent> events = new LinkedBlockingQueue<>();
        final BlockingQueue<String> lifecycle = new LinkedBlockingQueue<>();
        final BlockingQueue<HandoffRailApiException> errors = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(PacketEvent event) {
            events.add(event);
        }

        @Override
        public void onConnected(String connectionId) {
            lifecycle.add("connected");
        }

        @Override
        public void onDisconnected(String reason, Duration reconnectIn) {
            lifecycle.add("disconnected: " + reason);
        }

        @Override
        public void onError(HandoffRailApiException error) {
            errors.add(error);
            lifecycle.add("error");
        }

        @Override
        public void onClosed() {
            lifecycle.add("closed");
        }

        PacketEvent next() throws InterruptedException {
            PacketEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within %s", WAIT).isNotNull();
            return event;
        }

        String nextLifecycle() throws InterruptedException {
            String line = lifecycle.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).as("a callback within %s", WAIT).isNotNull();
            return line;
        }

        /** Every event that arrived until {@code marker}'s event, which is not included. */
        List<String> until(String markerPacketId) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            while (true) {
                PacketEvent event = next();
                if (markerPacketId.equals(event.packetId())) {
                    return seen;
                }
                seen.add(event.type() + " " + event.packetId());
            }
        }
    }

    private static NewPacket packet(String from, String to, String summary) {
        return NewPacket.builder().from(from, from).to(to, to).summary(summary).build();
    }

    private static EventSubscription subscribed(HandoffRailClient rail, EventFilter filter, Recorder recorder)
            throws InterruptedException {
        EventSubscription subscription = rail.events().subscribe(filter, recorder);
        assertThat(subscription.awaitConnected(WAIT)).isTrue();
        assertThat(recorder.nextLifecycle()).isEqualTo("connected");
        return subscription;
    }

    @Test
    void a_packets_lifecycle_through_the_client_arrives_as_exactly_its_events_in_order() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Recorder recorder = new Recorder();
        try (EventSubscription subscription = subscribed(rail, EventFilter.all(), recorder)) {
            Packet packet = rail.packets().create(packet("sales-01", "billing-01", "Upgrade to Business"));
            rail.packets().claim(packet.id(), BILLING);
            rail.packets().complete(packet.id());

            PacketEvent created = recorder.next();
            assertThat(created.type()).isEqualTo("packet.created");
            assertThat(created.packetId()).isEqualTo(packet.id());
            assertThat(created.status()).isEqualTo("created");
            assertThat(created.sourceAgentId()).isEqualTo("sales-01");
            assertThat(created.targetAgentId()).isEqualTo("billing-01");
            assertThat(created.timestamp()).isNotNull();

            PacketEvent claimed = recorder.next();
            assertThat(claimed.type()).isEqualTo("packet.claimed");
            assertThat(claimed.packetId()).isEqualTo(packet.id());
            assertThat(claimed.status()).isEqualTo("claimed");
            assertThat(claimed.previousStatus()).contains("created");

            PacketEvent completed = recorder.next();
            assertThat(completed.type()).isEqualTo("packet.completed");
            assertThat(completed.status()).isEqualTo("completed");
            assertThat(completed.previousStatus()).contains("claimed");
            assertThat(completed.timestamp()).isAfterOrEqualTo(created.timestamp());

            assertThat(recorder.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(subscription.isOpen()).isTrue();
        }
        assertThat(recorder.nextLifecycle()).isEqualTo("closed");
        assertThat(recorder.lifecycle).isEmpty();
    }

    @Test
    void a_filter_delivers_only_the_events_of_its_channels() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Recorder recorder = new Recorder();
        Packet other = rail.packets().create(packet("sales-01", "support-01", "not watched"));
        EventFilter filter = EventFilter.agent("billing-01").orStatus(PacketStatus.COMPLETED);
        try (EventSubscription subscription = subscribed(rail, filter, recorder)) {
            assertThat(subscription.filter().channels()).containsExactly("agent:billing-01", "status:completed");
            Packet billing = rail.packets().create(packet("sales-01", "billing-01", "watched by agent"));
            rail.packets().create(packet("sales-01", "support-01", "not watched either"));
            rail.packets().claim(other.id(), AgentInfo.of("support-01", "Support"));
            rail.packets().complete(other.id());
            Packet marker = rail.packets().create(packet("billing-01", "x", "marker"));

            assertThat(recorder.until(marker.id())).containsExactly(
                    "packet.created " + billing.id(),
                    "packet.completed " + other.id());
        }
    }

    @Test
    void a_packet_channel_follows_one_packet_and_no_other_tenant_leaks_in() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        HandoffRailClient neighbour = server.newTenant(Tier.BUSINESS).client();
        Packet watched = rail.packets().create(packet("a", "b", "watched"));
        Recorder recorder = new Recorder();
        try (EventSubscription subscription = subscribed(rail, EventFilter.packet(watched.id()), recorder)) {
            neighbour.packets().create(packet("a", "b", "elsewhere"));
            rail.packets().create(packet("a", "b", "same tenant, other packet"));
            rail.packets().claim(watched.id(), AgentInfo.of("b", "B"));

            PacketEvent claimed = recorder.next();
            assertThat(claimed.type()).isEqualTo("packet.claimed");
            assertThat(claimed.packetId()).isEqualTo(watched.id());
            assertThat(recorder.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(subscription.filter()).isEqualTo(EventFilter.channels("packet:" + watched.id()));
        }
    }

    @Test
    void a_bad_key_is_an_authentication_error_and_ends_the_subscription_without_retrying() throws Exception {
        HandoffRailClient stranger = server.client("hr_notAKeyOfThisServer_0123456789abcdef");
        Recorder recorder = new Recorder();
        EventSubscription subscription = stranger.events().subscribe(EventFilter.all(), recorder);

        assertThat(recorder.nextLifecycle()).isEqualTo("error");
        assertThat(recorder.nextLifecycle()).isEqualTo("closed");
        HandoffRailApiException error = recorder.errors.poll();
        assertThat(error).isInstanceOf(AuthenticationException.class);
        assertThat(error.statusCode()).isEqualTo(401);
        assertThat(subscription.awaitConnected(Duration.ofMillis(100))).isFalse();
        assertThat(subscription.isOpen()).isFalse();
        subscription.close();
        assertThat(recorder.lifecycle).isEmpty();
    }

    @Test
    void a_revoked_key_ends_the_stream_with_the_servers_reason_then_the_401() throws Exception {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.BUSINESS);
        ApiKey reader = tenant.client().keys().create(NewApiKey.of("watcher", Role.READER));
        HandoffRailClient watcher = server.client(reader.key());
        Recorder recorder = new Recorder();
        try (EventSubscription subscription = subscribed(watcher, EventFilter.all(), recorder)) {
            tenant.client().keys().revoke(reader.id());

            assertThat(recorder.nextLifecycle()).isEqualTo("disconnected: API key has been revoked");
            assertThat(recorder.nextLifecycle()).isEqualTo("error");
            assertThat(recorder.errors.poll()).isInstanceOf(AuthenticationException.class);
            assertThat(recorder.nextLifecycle()).isEqualTo("closed");
            assertThat(subscription.isOpen()).isFalse();
        }
    }

    @Test
    void the_subscription_reconnects_after_the_server_restarts() throws Exception {
        Path own = dir.resolve("restart");
        java.nio.file.Files.createDirectories(own);
        ClientTestServer first = ClientTestServer.start(own);
        int port = first.port();
        ClientTestServer.Tenant tenant = first.newTenant(Tier.BUSINESS);
        EventsApi events = tenant.client().events()
                .withReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
        Recorder recorder = new Recorder();
        ClientTestServer second = null;
        try (EventSubscription subscription = events.subscribe(EventFilter.all(), recorder)) {
            assertThat(recorder.nextLifecycle()).isEqualTo("connected");
            first.close();
            assertThat(recorder.nextLifecycle()).isEqualTo("disconnected: Server shutting down; reconnect");

            second = ClientTestServer.start(own, port);
            String line;
            do {
                line = recorder.nextLifecycle();
            } while (line.startsWith("disconnected"));
            assertThat(line).isEqualTo("connected");
            assertThat(subscription.awaitConnected(WAIT)).isTrue();

            Packet packet = tenant.client().packets().create(packet("a", "b", "after the restart"));
            PacketEvent created = recorder.next();
            assertThat(created.type()).isEqualTo("packet.created");
            assertThat(created.packetId()).isEqualTo(packet.id());
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void channels_are_checked_before_anything_is_sent() {
        assertThatThrownBy(() -> EventFilter.channels("status:created", "queue:x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid channel: queue:x");
        assertThatThrownBy(() -> EventFilter.channels("agent:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid channel: agent:");
        EventFilter filter = EventFilter.all();
        for (int i = 0; i < EventFilter.MAX_CHANNELS; i++) {
            filter = filter.orPacket("p" + i);
        }
        EventFilter full = filter;
        assertThatThrownBy(() -> full.orPacket("one-more")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventFilter.channels("status:created", "status:created").channels())
                .containsExactly("status:created");
    }
}
