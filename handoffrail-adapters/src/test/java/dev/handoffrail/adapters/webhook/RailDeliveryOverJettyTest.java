package dev.handoffrail.adapters.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.WebhookSigner;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An embedded rail with the Jetty transport, delivering to a real local receiver. */
class RailDeliveryOverJettyTest {
    private static final String SECRET = "whsec_0123456789abcdef";
    private static final RailSettings ALLOW_LOCAL = new RailSettings(RailSettings.defaults().tiers(), Tier.FREE,
            Duration.ofDays(1), false, RailSettings.defaults().webhookRetryDelays(), Duration.ofSeconds(5),
            Set.of("127.0.0.1"), 60, 30);
    private static final AgentInfo SUPPORT = AgentInfo.of("support-01", "SupportBot");
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");

    @Test
    void a_created_packet_reaches_a_registered_webhook_signed_through_the_dispatcher() throws IOException {
        try (LocalReceiver receiver = LocalReceiver.http(LocalReceiver.Response.of(200, "ok"));
             JettyWebhookTransport transport = new JettyWebhookTransport();
             HandoffRail rail = rail(transport)) {
            Caller caller = admin(rail);
            rail.manageWebhooks().register(caller, receiver.url("/hook"), Set.of(EventType.PACKET_CREATED), SECRET);
            Packet packet = rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Upgrade"));

            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            LocalReceiver.Request request = receiver.requests().get(0);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(request.headers()).containsEntry("host", "127.0.0.1:" + receiver.port())
                    .containsEntry("x-hr-event", "packet.created")
                    .containsEntry("x-hr-attempt", "1")
                    .containsEntry("x-hr-signature", WebhookSigner.signatureV1(SECRET, request.body()));
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains(packet.id().toString());
            Delivery delivery = onlyDelivery(rail, caller);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(delivery.lastStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_refused_connection_is_recorded_in_last_error() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (JettyWebhookTransport transport = new JettyWebhookTransport();
             HandoffRail rail = rail(transport)) {
            Caller caller = admin(rail);
            rail.manageWebhooks().register(caller, "http://127.0.0.1:" + closedPort + "/hook",
                    Set.of(EventType.PACKET_CREATED), SECRET);
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Upgrade"));

            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            Delivery delivery = onlyDelivery(rail, caller);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(delivery.lastError()).isEqualTo("Connection failed: Connection refused");
            assertThat(delivery.lastStatusCode()).isNull();
        }
    }

    private static HandoffRail rail(JettyWebhookTransport transport) {
        return HandoffRail.builder().settings(ALLOW_LOCAL).hostResolver(HostResolver.system())
                .webhookTransport(transport).build();
    }

    private static Caller admin(HandoffRail rail) {
        return Caller.of(rail.authenticate().authenticate(rail.manageKeys().bootstrap(null).secret()).key());
    }

    private static Delivery onlyDelivery(HandoffRail rail, Caller caller) {
        List<Delivery> deliveries = rail.manageWebhooks().deliveries(caller,
                rail.manageWebhooks().list(caller).get(0).id(), null, 10, 0);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }
}
