package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.StoreFixture;
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
 * The SQL stores of a {@link TestDatabase} as the core's contract suites want them: the class's migrated database,
 * which the extension empties before each test. Closing it leaves the pool to the extension.
 */
final class SqlStoreFixture implements StoreFixture {
    private final SqlPersistence persistence;

    SqlStoreFixture(TestDatabase database) {
        this.persistence = database.persistence();
    }

    @Override
    public Transactor transactor() {
        return persistence.transactor();
    }

    @Override
    public PacketStore packets() {
        return persistence.packets();
    }

    @Override
    public PacketStatistics packetStatistics() {
        return persistence.packetStatistics();
    }

    @Override
    public AuditLog audit() {
        return persistence.audit();
    }

    @Override
    public TenantStore tenants() {
        return persistence.tenants();
    }

    @Override
    public ApiKeyStore keys() {
        return persistence.keys();
    }

    @Override
    public WebhookStore webhooks() {
        return persistence.webhooks();
    }

    @Override
    public DeliveryStore deliveries() {
        return persistence.deliveries();
    }

    @Override
    public SchemaStore schemas() {
        return persistence.schemas();
    }

    @Override
    public DailyHandoffCounter dailyHandoffs() {
        return persistence.dailyHandoffs();
    }

    @Override
    public IdempotencyStore idempotency() {
        return persistence.idempotency();
    }

    @Override
    public void close() {
    }
}
