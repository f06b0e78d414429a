package dev.handoffrail.http.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import dev.handoffrail.http.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The webhook representations of http-api.md §7.7 as the JSON mapper writes them: contract order, no secret. */
class HookJsonTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final String T0_TEXT = "2026-01-02T03:04:05.000000Z";
    private static final String ID = "00000000-0000-0000-0000-00000000000";
    private final JsonCodec codec = new JsonCodec(64);

    @Test
    void a_webhook_lists_its_events_sorted_and_never_its_secret() {
        Webhook webhook = new Webhook(new WebhookId(UUID.fromString(ID + "1")), new TenantId("acme"),
                "https://example.com/hook", Set.of(EventType.PACKET_COMPLETED, EventType.PACKET_CREATED),
                "a-secret-of-sixteen", true, T0);

        assertThat(json(HookJson.webhook(webhook))).isEqualTo("{\"id\":\"" + ID + "1\","
                + "\"url\":\"https://example.com/hook\",\"tenant_id\":\"acme\","
                + "\"events\":[\"packet.created\",\"packet.completed\"],\"active\":true,\"created_at\":\"" + T0_TEXT
                + "\"}");
    }

    @Test
    void a_delivery_shows_every_member_and_a_dead_letter_drops_status_retry_and_delivery_times() {
        Delivery delivery = new Delivery(new DeliveryId(UUID.fromString(ID + "2")),
                new WebhookId(UUID.fromString(ID + "1")), new TenantId("acme"),
                new PacketId(UUID.fromString(ID + "3")), EventType.PACKET_CREATED, DeliveryStatus.DEAD_LETTER, 5,
                "HTTP 500", 500, null, null, T0, T0, new byte[0]);
        String head = "{\"id\":\"" + ID + "2\",\"webhook_id\":\"" + ID + "1\",\"packet_id\":\"" + ID + "3\","
                + "\"event_type\":\"packet.created\",";

        assertThat(json(HookJson.delivery(delivery))).isEqualTo(head + "\"status\":\"dead_letter\",\"attempts\":5,"
                + "\"last_error\":\"HTTP 500\",\"last_status_code\":500,\"next_retry_at\":null,\"delivered_at\":null,"
                + "\"created_at\":\"" + T0_TEXT + "\",\"updated_at\":\"" + T0_TEXT + "\"}");
        assertThat(json(HookJson.deadLetter(delivery))).isEqualTo(head + "\"attempts\":5,"
                + "\"last_error\":\"HTTP 500\",\"last_status_code\":500,"
                + "\"created_at\":\"" + T0_TEXT + "\",\"updated_at\":\"" + T0_TEXT + "\"}");
    }

    private String json(Object value) {
        return new String(codec.write(value), StandardCharsets.UTF_8);
    }
}
