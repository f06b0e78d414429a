package dev.handoffrail.core.memory;

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

/** The in-memory adapters as a {@link StoreFixture}: a new {@link InMemoryStores} per test, nothing to close. */
final class InMemoryStoreFixture implements StoreFixture {
    private final InMemoryStores stores = InMemoryStores.create();

    @Override
    public Transactor transactor() {
        return stores.transactor();
    }

    @Override
    public PacketStore packets() {
        return stores.packets();
    }

    @Override
    public PacketStatistics packetStatistics() {
        return stores.packetStatistics();
    }

    @Override
    public AuditLog audit() {
        return stores.audit();
    }

    @Override
    public TenantStore tenants() {
        return stores.tenants();
    }

    @Override
    public ApiKeyStore keys() {
        return stores.keys();
    }

    @Override
    public WebhookStore webhooks() {
        return stores.webhooks();
    }

    @Override
    public DeliveryStore deliveries() {
        return stores.deliveries();
    }

    @Override
    public SchemaStore schemas() {
        return stores.schemas();
    }

    @Override
    public DailyHandoffCounter dailyHandoffs() {
        return stores.dailyHandoffs();
    }

    @Override
    public IdempotencyStore idempotency() {
        return stores.idempotency();
    }

    @Override
    public void close() {
    }
}
