package dev.handoffrail.core.memory;

/**
 * One complete set of in-memory adapters: a transactor and every store joining its transactions, plus the
 * instance-local rate limiter, connection counter and event bus. {@code InMemoryStores.create()} wires an
 * embedded HandoffRail or a test in one line. Immutable; the adapters are thread-safe.
 */
public record InMemoryStores(InMemoryTransactor transactor, InMemoryPacketStore packets,
                             InMemoryPacketStatistics packetStatistics, InMemoryAuditLog audit,
                             InMemoryTenantStore tenants, InMemoryApiKeyStore keys, InMemoryWebhookStore webhooks,
                             InMemoryDeliveryStore deliveries, InMemorySchemaStore schemas,
                             InMemoryDailyHandoffCounter dailyHandoffs, InMemoryIdempotencyStore idempotency,
                             InMemoryRateLimiter rateLimiter, InMemoryConnectionCounter connections,
                             InMemoryEventBus eventBus) {

    /** Fresh, empty adapters sharing one new transactor. */
    public static InMemoryStores create() {
        InMemoryTransactor transactor = new InMemoryTransactor();
        InMemoryAuditLog audit = new InMemoryAuditLog(transactor);
        InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore(transactor);
        InMemoryPacketStore packets = new InMemoryPacketStore(transactor, audit, deliveries);
        return new InMemoryStores(transactor, packets, new InMemoryPacketStatistics(transactor, packets), audit,
                new InMemoryTenantStore(transactor), new InMemoryApiKeyStore(transactor),
                new InMemoryWebhookStore(transactor), deliveries, new InMemorySchemaStore(transactor),
                new InMemoryDailyHandoffCounter(transactor), new InMemoryIdempotencyStore(transactor),
                new InMemoryRateLimiter(), new InMemoryConnectionCounter(), new InMemoryEventBus());
    }
}
