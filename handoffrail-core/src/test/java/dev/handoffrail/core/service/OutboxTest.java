package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxTest {

    @Test
    void the_outbox_gets_one_delivery_per_subscribed_active_webhook() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Webhook subscribed = insert(h, WebhookFixtures.aWebhook()
                    .events(EventType.PACKET_CREATED, EventType.PACKET_CLAIMED));
            Webhook alsoSubscribed = insert(h, WebhookFixtures.aWebhook().events(EventType.PACKET_CREATED));
            Webhook otherType = insert(h, WebhookFixtures.aWebhook().events(EventType.PACKET_COMPLETED));
            Webhook inactive = insert(h, WebhookFixtures.aWebhook().events(EventType.PACKET_CREATED).inactive());
            Webhook otherTenant = insert(h, WebhookFixtures.aWebhook().tenant(Fixtures.GLOBEX)
                    .events(EventType.PACKET_CREATED));

            Packet packet = h.newPacket();

            Delivery delivery = single(h.deliveries(subscribed.id()));
            assertThat(delivery.webhookId()).isEqualTo(subscribed.id());
            assertThat(delivery.tenant()).isEqualTo(ServiceHarness.TENANT);
            assertThat(delivery.packetId()).isEqualTo(packet.id());
            assertThat(delivery.eventType()).isEqualTo(EventType.PACKET_CREATED);
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(delivery.attempts()).isZero();
            assertThat(delivery.nextRetryAt()).isEqualTo(Fixtures.T0);
            assertThat(delivery.createdAt()).isEqualTo(Fixtures.T0);
            assertThat(h.deliveries(alsoSubscribed.id())).hasSize(1);
            assertThat(h.deliveries(otherType.id())).isEmpty();
            assertThat(h.deliveries(inactive.id())).isEmpty();
            assertThat(h.stores.deliveries().listForWebhook(Fixtures.GLOBEX, otherTenant.id(), null, 10, 0))
                    .isEmpty();
        }
    }

    @Test
    void the_delivery_body_is_the_exact_webhook_payload_of_the_event() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Webhook webhook = insert(h, WebhookFixtures.aWebhook().events(EventType.PACKET_CREATED));

            Packet packet = h.newPacket();

            Delivery delivery = single(h.deliveries(webhook.id()));
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("event", "packet.created");
            expected.put("delivery_id", delivery.id().toString());
            expected.put("timestamp", "2026-05-30T10:00:00.000000Z");
            expected.put("tenant_id", "acme");
            expected.put("packet_id", packet.id().toString());
            expected.put("status", "created");
            expected.put("metadata", PacketRepresentation.metadataJson(packet));
            expected.put("details", Map.of());
            expected.put("packet", PacketRepresentation.toJson(packet));
            assertThat(payload(delivery)).isEqualTo(expected);
            assertThat(new String(delivery.payload(), StandardCharsets.UTF_8)).isEqualTo(JsonWriter.write(expected));
        }
    }

    @Test
    void a_transition_delivery_carries_its_extras_as_details_and_the_packet_as_of_the_event() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Webhook webhook = insert(h, WebhookFixtures.aWebhook().events(EventType.PACKET_CLAIMED));
            Packet packet = h.newPacket();
            h.clock.advance(Duration.ofSeconds(90));

            Packet claimed = h.service.claim(h.agent, packet.id(), Claimant.of(BILLING));
            h.service.delete(h.writer, packet.id());

            Map<String, Object> body = payload(single(h.deliveries(webhook.id())));
            assertThat(body.get("event")).isEqualTo("packet.claimed");
            assertThat(body.get("timestamp")).isEqualTo("2026-05-30T10:01:30.000000Z");
            assertThat(body.get("status")).isEqualTo("claimed");
            assertThat(body.get("details")).isEqualTo(Map.of("previous_status", "created"));
            assertThat(body.get("packet")).isEqualTo(PacketRepresentation.toJson(claimed));
        }
    }

    private static Webhook insert(ServiceHarness h, WebhookFixtures.Builder webhook) {
        Webhook built = webhook.build();
        h.stores.webhooks().insert(built);
        return built;
    }

    private static Delivery single(List<Delivery> deliveries) {
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private static Map<String, Object> payload(Delivery delivery) {
        return TestJson.object(new String(delivery.payload(), StandardCharsets.UTF_8));
    }
}
