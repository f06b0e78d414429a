package dev.handoffrail.core.service;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.TransactionConflictException;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.Webhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that records what a packet change means: history events and webhook outbox rows written in the
 * change's own transaction (http-api.md §18.1), then, after commit, every event published on the event bus and
 * reported to the observer. Thread-safe; every {@link #write} gets its own {@link Entries}.
 */
final class PacketJournal {
    private static final System.Logger LOG = System.getLogger(PacketJournal.class.getName());
    /** How many times a change is tried when the database keeps aborting it for conflicts. */
    static final int ATTEMPTS = 3;

    private final JournalPorts ports;
    private final RailObserver observer;

    PacketJournal(JournalPorts ports, RailObserver observer) {
        this.ports = ports;
        this.observer = observer;
    }

    /** The clock's current instant at the microsecond precision every store and response keeps. */
    Instant now() {
        return Timestamps.micros(ports.clock().instant());
    }

    /**
     * Runs {@code work} in one transaction together with the history and outbox rows it records; publishes its
     * events once the transaction has committed. {@code key} is the API key behind the change (null: system).
     */
    <T> T write(ApiKeyId key, Function<Entries, T> work) {
        return write(key, now(), work);
    }

    /**
     * As {@link #write(ApiKeyId, Function)}, with the change happening at {@code now}. A transaction the database
     * aborted for a conflict with a concurrent one (a deadlock between two changes naming the same agents) left
     * nothing behind, so the whole change runs again, up to {@value #ATTEMPTS} times in all.
     */
    <T> T write(ApiKeyId key, Instant now, Function<Entries, T> work) {
        for (int attempt = 1; ; attempt++) {
            Entries entries = new Entries(key, now);
            T result;
            try {
                result = ports.transactor().inTransaction(() -> {
                    T value = work.apply(entries);
                    if (!entries.history.isEmpty()) {
                        ports.audit().append(entries.history);
                    }
                    List<Delivery> outbox = outbox(entries.events, entries.now);
                    if (!outbox.isEmpty()) {
                        ports.deliveries().insert(outbox);
                    }
                    return value;
                });
            } catch (TransactionConflictException conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                LOG.log(System.Logger.Level.INFO, "a packet change conflicted with a concurrent one; running it "
                        + "again (attempt " + (attempt + 1) + " of " + ATTEMPTS + ")");
                continue;
            }
            entries.events.forEach(this::publish);
            return result;
        }
    }

    private List<Delivery> outbox(List<DomainEvent> events, Instant now) {
        List<Delivery> deliveries = new ArrayList<>();
        for (DomainEvent event : events) {
            for (Webhook webhook : ports.webhooks().activeSubscribers(event.tenant(), event.type())) {
                DeliveryId id = DeliveryId.random();
                deliveries.add(Delivery.pending(webhook.id(), event.tenant(), event.packetId(), event.type(),
                        JsonWriter.writeBytes(webhookBody(event, id)), id, now));
            }
        }
        return deliveries;
    }

    /** The exact webhook body of §18.1; {@code details} holds the event's extra data members. */
    static Map<String, Object> webhookBody(DomainEvent event, DeliveryId deliveryId) {
        Map<String, Object> details = new LinkedHashMap<>(event.data());
        details.remove("status");
        details.remove("metadata");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event.type().wireName());
        body.put("delivery_id", deliveryId.toString());
        body.put("timestamp", Timestamps.format(event.timestamp()));
        body.put("tenant_id", event.tenant().value());
        body.put("packet_id", event.packetId().toString());
        body.put("status", event.data().get("status"));
        body.put("metadata", event.data().get("metadata"));
        body.put("details", details);
        body.put("packet", PacketRepresentation.toJson(event.packet()));
        return body;
    }

    private void publish(DomainEvent event) {
        try {
            ports.eventBus().publish(new EventBus.PacketEventMessage(event));
        } catch (RuntimeException e) {
            // the change is committed and its webhooks are in the outbox; live listeners just miss this event
            LOG.log(System.Logger.Level.WARNING, "publishing " + event.type().wireName() + " failed", e);
        }
        observer.packetEvent(event);
    }

    /** An ordered map that, unlike {@code Map.of}, keeps insertion order and accepts null values. */
    static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** What one change records: its history entries and events, all stamped with the same instant. */
    static final class Entries {
        private final ApiKeyId key;
        private final Instant now;
        private final List<AuditEntry> history = new ArrayList<>();
        private final List<DomainEvent> events = new ArrayList<>();

        private Entries(ApiKeyId key, Instant now) {
            this.key = key;
            this.now = now;
        }

        /** When the change happens. */
        Instant now() {
            return now;
        }

        /** Appends a history event of {@code packet}. */
        void history(Packet packet, String eventType, String actor, Map<String, Object> details) {
            history.add(AuditEntry.history(packet.tenant(), packet.id(), eventType, actor, details, now, key));
        }

        /**
         * Records the event {@code type} of {@code packet} as it now is: data {@code status}, then {@code extras}
         * in order, then {@code metadata} (http-api.md §17.1, §17.3).
         */
        void event(EventType type, Packet packet, Map<String, Object> extras) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", packet.status().wireName());
            data.putAll(extras);
            data.put("metadata", PacketRepresentation.metadataJson(packet));
            events.add(new DomainEvent(type, packet.tenant(), packet.id(), data, now, packet));
        }

        /** The {@code packet.<status>} event of a transition, with {@code previous_status} and any extras. */
        void transition(Packet packet, PacketStatus from, Map<String, Object> extras) {
            Map<String, Object> data = details("previous_status", from == null ? null : from.wireName());
            data.putAll(extras);
            event(EventType.forTransitionTo(packet.status()), packet, data);
        }
    }
}
