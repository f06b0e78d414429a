package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import java.time.Clock;

/**
 * The driven ports that record a packet change in its transaction (history, webhook outbox rows) and publish its
 * events after commit: what the packet use cases and the expiry sweeper share.
 */
public record JournalPorts(Transactor transactor, AuditLog audit, WebhookStore webhooks, DeliveryStore deliveries,
                           EventBus eventBus, Clock clock) {
    public JournalPorts {
        requireNonNull(transactor, "transactor");
        requireNonNull(audit, "audit");
        requireNonNull(webhooks, "webhooks");
        requireNonNull(deliveries, "deliveries");
        requireNonNull(eventBus, "eventBus");
        requireNonNull(clock, "clock");
    }
}
