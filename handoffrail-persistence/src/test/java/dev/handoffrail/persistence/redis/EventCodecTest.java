package dev.handoffrail.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.EventBus.Message;
import dev.handoffrail.core.tenant.TenantId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {
    private static final TenantId ACME = new TenantId("acme");

    static List<Message> messages() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("priority", "high");
        metadata.put("tags", List.of("vip", "billing"));
        metadata.put("count", 3L);
        metadata.put("huge", new BigInteger("123456789012345678901234567890"));
        metadata.put("ratio", 0.25);
        metadata.put("exact", new BigDecimal("0.1000000000000000000000001"));
        metadata.put("flag", true);
        metadata.put("nothing", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", "claimed");
        data.put("previous_status", "created");
        data.put("metadata", metadata);
        data.put("nested", List.of(Map.of("a", List.of(1L, 2L)), Arrays.asList(null, false)));
        return List.of(
                new EventBus.PacketEventMessage(new DomainEvent(EventType.PACKET_CLAIMED, ACME, PacketId.random(),
                        data, Instant.parse("2026-12-06T20:40:45.123456Z"), null)),
                new EventBus.KeyRevoked(ACME, ApiKeyId.random(), "ab".repeat(32)),
                new EventBus.KeyRevoked(ACME, ApiKeyId.random(), null),
                new EventBus.TenantDeleted(ACME),
                new EventBus.TenantDataChanged(ACME, EventBus.TenantDataChanged.Scope.TENANT),
                new EventBus.TenantDataChanged(ACME, EventBus.TenantDataChanged.Scope.WEBHOOKS));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void every_message_decodes_equal_to_what_was_encoded_with_its_instance(Message message) {
        String text = EventCodec.encode("instance-1", message);

        assertThat(EventCodec.decode(text)).contains(new EventCodec.Envelope("instance-1", message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[]",
        "{\"v\":2,\"instance\":\"i\",\"tenant\":\"acme\",\"kind\":\"tenant_deleted\"}",
        "{\"v\":1,\"instance\":\"i\",\"tenant\":\"acme\",\"kind\":\"tenant_renamed\"}",
        "{\"v\":1,\"tenant\":\"acme\",\"kind\":\"tenant_deleted\"}",
        "{\"v\":1,\"instance\":\"i\",\"tenant\":\"bad tenant\",\"kind\":\"tenant_deleted\"}",
        "{\"v\":1,\"instance\":\"i\",\"tenant\":\"acme\",\"kind\":\"key_revoked\",\"key_id\":\"nope\"}",
        "{\"v\":1,\"instance\":\"i\",\"tenant\":\"acme\",\"kind\":\"tenant_data_changed\",\"scope\":\"ALL\"}",
        "{\"v\":1,\"instance\":\"i\",\"tenant\":\"acme\",\"kind\":\"packet_event\",\"type\":\"packet.renamed\","
                + "\"packet_id\":\"7f1b1c1e-0000-4000-8000-000000000000\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"data\":{}}",
    })
    void what_this_version_does_not_understand_decodes_to_nothing(String text) {
        assertThat(EventCodec.decode(text)).isEmpty();
    }
}
