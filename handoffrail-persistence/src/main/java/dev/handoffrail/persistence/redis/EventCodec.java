package dev.handoffrail.persistence.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.JsonValues;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.EventBus.Message;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON envelope of an {@link EventBus} message on Redis: {@code v} (format 1), {@code instance} (the
 * publishing instance, so it can skip its own messages), {@code kind}, {@code tenant} and the kind's members. A
 * packet event carries its type, packet id, timestamp and data, not the packet (it arrives as null, as
 * {@link DomainEvent} documents). Free-form data reads back in the core's canonical value forms, so a message
 * decodes equal to the one encoded. Stateless and thread-safe.
 */
final class EventCodec {
    static final int FORMAT = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private EventCodec() {
    }

    /** A decoded envelope: who published it and what. */
    record Envelope(String instance, Message message) {
    }

    static String encode(String instance, Message message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("v", FORMAT);
        json.put("instance", instance);
        json.put("tenant", message.tenant().value());
        if (message instanceof EventBus.PacketEventMessage packetEvent) {
            DomainEvent event = packetEvent.event();
            json.put("kind", "packet_event");
            json.put("type", event.type().wireName());
            json.put("packet_id", event.packetId().toString());
            json.put("timestamp", event.timestamp().toString());
            json.put("data", event.data());
        } else if (message instanceof EventBus.KeyRevoked revoked) {
            json.put("kind", "key_revoked");
            json.put("key_id", revoked.keyId().toString());
            json.put("secret_hash", revoked.secretHash());
        } else if (message instanceof EventBus.TenantDeleted) {
            json.put("kind", "tenant_deleted");
        } else if (message instanceof EventBus.TenantDataChanged changed) {
            json.put("kind", "tenant_data_changed");
            json.put("scope", changed.scope().name());
        } else {
            throw new IllegalArgumentException("no wire form for " + message.getClass().getSimpleName());
        }
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message not encodable as JSON", e);
        }
    }

    /**
     * The envelope in {@code text}; empty when it is not one this version understands (another format, an unknown
     * kind or type, a missing or invalid member), so a newer instance's message is skipped rather than fatal.
     */
    static Optional<Envelope> decode(String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            if (json == null || json.path("v").asInt(-1) != FORMAT) {
                return Optional.empty();
            }
            String instance = json.path("instance").asText(null);
            TenantId tenant = new TenantId(json.path("tenant").asText(null));
            Message message = switch (json.path("kind").asText("")) {
                case "packet_event" -> packetEvent(json, tenant);
                case "key_revoked" -> new EventBus.KeyRevoked(tenant,
                        new ApiKeyId(UUID.fromString(json.path("key_id").asText(""))),
                        json.path("secret_hash").isNull() ? null : json.path("secret_hash").asText(null));
                case "tenant_deleted" -> new EventBus.TenantDeleted(tenant);
                case "tenant_data_changed" -> new EventBus.TenantDataChanged(tenant,
                        EventBus.TenantDataChanged.Scope.valueOf(json.path("scope").asText("")));
                default -> null;
            };
            return instance == null || message == null ? Optional.empty()
                    : Optional.of(new Envelope(instance, message));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Message packetEvent(JsonNode json, TenantId tenant) {
        Optional<EventType> type = EventType.fromWire(json.path("type").asText(""));
        Optional<PacketId> packet = PacketId.parse(json.path("packet_id").asText(""));
        if (type.isEmpty() || packet.isEmpty() || !json.path("data").isObject()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) plain(json.get("data"));
        return new EventBus.PacketEventMessage(new DomainEvent(type.get(), tenant, packet.get(), data,
                Instant.parse(json.path("timestamp").asText("")), null));
    }

    /** A JSON value as the core's plain value, numbers in {@link JsonValues}' canonical forms. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                object.put(field.getKey(), plain(field.getValue()));
            }
            return object;
        }
        if (node.isArray()) {
            List<Object> array = new ArrayList<>(node.size());
            node.forEach(element -> array.add(plain(element)));
            return array;
        }
        if (node.isIntegralNumber()) {
            return JsonValues.integral(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return JsonValues.fractional(node.decimalValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        return node.asText();
    }
}
