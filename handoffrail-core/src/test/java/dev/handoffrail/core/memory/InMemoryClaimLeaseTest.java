package dev.handoffrail.core.memory;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.HandoffRailBuilder;
import dev.handoffrail.core.contract.ClaimLeaseContract;
import dev.handoffrail.core.tenant.Tenant;

class InMemoryClaimLeaseTest extends ClaimLeaseContract {
    @Override
    protected HandoffRailBuilder storesWith(Tenant tenant) {
        InMemoryStores stores = InMemoryStores.create();
        stores.tenants().insert(tenant);
        return HandoffRail.builder().transactor(stores.transactor()).packetStore(stores.packets())
                .packetStatistics(stores.packetStatistics()).auditLog(stores.audit()).tenantStore(stores.tenants())
                .apiKeyStore(stores.keys()).webhookStore(stores.webhooks()).deliveryStore(stores.deliveries())
                .schemaStore(stores.schemas()).dailyHandoffCounter(stores.dailyHandoffs())
                .idempotencyStore(stores.idempotency()).rateLimiter(stores.rateLimiter())
                .connectionCounter(stores.connections()).eventBus(stores.eventBus());
    }
}
