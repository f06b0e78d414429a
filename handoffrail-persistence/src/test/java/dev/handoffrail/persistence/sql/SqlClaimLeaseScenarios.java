package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.HandoffRailBuilder;
import dev.handoffrail.core.contract.ClaimLeaseContract;
import dev.handoffrail.core.tenant.Tenant;

/** The claim lease contract over the SQL stores; run against SQLite and PostgreSQL by the subclasses. */
abstract class SqlClaimLeaseScenarios extends ClaimLeaseContract {
    abstract TestDatabase database();

    @Override
    protected HandoffRailBuilder storesWith(Tenant tenant) {
        SqlPersistence db = database().persistence();
        db.tenants().insert(tenant);
        return HandoffRail.builder().transactor(db.transactor()).packetStore(db.packets())
                .packetStatistics(db.packetStatistics()).auditLog(db.audit()).tenantStore(db.tenants())
                .apiKeyStore(db.keys()).webhookStore(db.webhooks()).deliveryStore(db.deliveries())
                .schemaStore(db.schemas()).dailyHandoffCounter(db.dailyHandoffs()).idempotencyStore(db.idempotency());
    }
}
