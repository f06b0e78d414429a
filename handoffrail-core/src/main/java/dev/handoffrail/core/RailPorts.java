package dev.handoffrail.core;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.port.out.WebhookTransport;
import java.time.Clock;

/**
 * The builder's internal wiring value: every driven port, defaults filled in, from which it hands each service
 * only the ports that service uses. All stores share {@code transactor}'s transactions. {@code schemaValidator}
 * may be null when no JSON Schema implementation is available (schema registration then fails with
 * {@code INVALID_SCHEMA}).
 */
record RailPorts(Transactor transactor, PacketStore packets, PacketStatistics packetStatistics,
                 AuditLog audit, TenantStore tenants,
                        ApiKeyStore keys, WebhookStore webhooks, DeliveryStore deliveries, SchemaStore schemas,
                        DailyHandoffCounter dailyHandoffs, IdempotencyStore idempotency, RateLimiter rateLimiter,
                        ConnectionCounter connections, EventBus eventBus, WebhookTransport webhookTransport,
                        HostResolver hostResolver, ContextSchemaValidator schemaValidator, Clock clock) {
    RailPorts {
        requireNonNull(transactor, "transactor");
        requireNonNull(packets, "packets");
        requireNonNull(packetStatistics, "packetStatistics");
        requireNonNull(audit, "audit");
        requireNonNull(tenants, "tenants");
        requireNonNull(keys, "keys");
        requireNonNull(webhooks, "webhooks");
        requireNonNull(deliveries, "deliveries");
        requireNonNull(schemas, "schemas");
        requireNonNull(dailyHandoffs, "dailyHandoffs");
        requireNonNull(idempotency, "idempotency");
        requireNonNull(rateLimiter, "rateLimiter");
        requireNonNull(connections, "connections");
        requireNonNull(eventBus, "eventBus");
        requireNonNull(webhookTransport, "webhookTransport");
        requireNonNull(hostResolver, "hostResolver");
        requireNonNull(clock, "clock");
    }
}
