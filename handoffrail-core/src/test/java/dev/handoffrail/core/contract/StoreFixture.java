package dev.handoffrail.core.contract;

import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;

/**
 * One adapter's complete, empty set of stores sharing one {@link Transactor}, as the store contracts need it.
 * An adapter's test returns a fresh fixture per test (the SQL adapters truncate their tables); {@link #close()}
 * runs after each test and releases whatever the fixture opened.
 */
public interface StoreFixture extends AutoCloseable {
    Transactor transactor();

    PacketStore packets();

    PacketStatistics packetStatistics();

    AuditLog audit();

    TenantStore tenants();

    ApiKeyStore keys();

    WebhookStore webhooks();

    DeliveryStore deliveries();

    SchemaStore schemas();

    DailyHandoffCounter dailyHandoffs();

    IdempotencyStore idempotency();

    @Override
    void close();
}
