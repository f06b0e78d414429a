package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The webhook outbox held in memory. Leasing runs under the transactor's lock, so a due delivery is handed to
 * exactly one caller. Thread-safe; joins the {@link InMemoryTransactor}.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    private static final Comparator<Delivery> OLDEST_DUE_FIRST = Comparator.comparing(Delivery::nextRetryAt)
            .thenComparing(Delivery::createdAt)
            .thenComparing(d -> d.id().toString());
    private static final Comparator<Delivery> NEWEST_FIRST = Comparator.comparing(Delivery::createdAt)
            .thenComparing(d -> d.id().toString()).reversed();
    private static final Comparator<Delivery> LAST_UPDATED_FIRST = Comparator.comparing(Delivery::updatedAt)
            .thenComparing(d -> d.id().toString()).reversed();

    private final InMemoryTransactor transactor;
    private final Table<DeliveryId, Delivery> deliveries;

    public InMemoryDeliveryStore(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.deliveries = new Table<>(transactor);
    }

    @Override
    public void insert(List<Delivery> batch) {
        List<Delivery> copy = List.copyOf(batch);
        transactor.run(() -> copy.forEach(d -> deliveries.insert(d.id(), d)));
    }

    @Override
    public Optional<Delivery> find(TenantId tenant, DeliveryId id) {
        return transactor.inTransaction(() -> deliveries.get(id).filter(d -> d.tenant().equals(tenant)));
    }

    @Override
    public List<Delivery> leaseDue(Instant now, Instant leaseUntil, int limit, Set<WebhookId> excluded) {
        Set<WebhookId> skipped = Set.copyOf(excluded);
        return transactor.inTransaction(() -> {
            List<Delivery> due = deliveries.rows().filter(d -> retryable(d) && !d.nextRetryAt().isAfter(now)
                            && !skipped.contains(d.webhookId()))
                    .sorted(OLDEST_DUE_FIRST).limit(limit).toList();
            List<Delivery> leased = due.stream().map(d -> withNextRetryAt(d, leaseUntil)).toList();
            leased.forEach(d -> deliveries.put(d.id(), d));
            return leased;
        });
    }

    @Override
    public void update(Delivery delivery) {
        transactor.run(() -> deliveries.replace(delivery.id(), delivery));
    }

    @Override
    public boolean updateIfUnchanged(Delivery leased, Delivery outcome) {
        if (!leased.id().equals(outcome.id())) {
            throw new IllegalArgumentException("the outcome is of another delivery");
        }
        return transactor.inTransaction(() -> {
            boolean unchanged = deliveries.get(leased.id())
                    .filter(d -> d.tenant().equals(leased.tenant()) && d.status() == leased.status()
                            && d.attempts() == leased.attempts()
                            && Objects.equals(d.nextRetryAt(), leased.nextRetryAt()))
                    .isPresent();
            if (unchanged) {
                deliveries.put(outcome.id(), outcome);
            }
            return unchanged;
        });
    }

    @Override
    public List<Delivery> listForWebhook(TenantId tenant, WebhookId webhook, DeliveryStatus status, int limit,
                                         int offset) {
        return transactor.inTransaction(() -> deliveries.rows()
                .filter(d -> d.tenant().equals(tenant) && d.webhookId().equals(webhook)
                        && (status == null || d.status() == status))
                .sorted(NEWEST_FIRST).skip(offset).limit(limit).toList());
    }

    @Override
    public List<Delivery> deadLetters(TenantId tenant, int limit, int offset) {
        return transactor.inTransaction(() -> deliveries.rows()
                .filter(d -> d.tenant().equals(tenant) && d.status() == DeliveryStatus.DEAD_LETTER)
                .sorted(LAST_UPDATED_FIRST).skip(offset).limit(limit).toList());
    }

    @Override
    public List<Delivery> failed(TenantId tenant, int limit) {
        return transactor.inTransaction(() -> deliveries.rows()
                .filter(d -> d.tenant().equals(tenant) && d.status() == DeliveryStatus.FAILED
                        && d.nextRetryAt() != null)
                .sorted(OLDEST_DUE_FIRST).limit(limit).toList());
    }

    @Override
    public int cancelForWebhook(TenantId tenant, WebhookId webhook, String lastError, Instant now) {
        return transactor.inTransaction(() -> {
            List<Delivery> cancelled = deliveries.rows()
                    .filter(d -> d.tenant().equals(tenant) && d.webhookId().equals(webhook) && open(d)).toList();
            cancelled.forEach(d -> deliveries.put(d.id(), new Delivery(d.id(), d.webhookId(), d.tenant(), d.packetId(),
                    d.eventType(), DeliveryStatus.DEAD_LETTER, d.attempts(), lastError, d.lastStatusCode(), null,
                    d.deliveredAt(), d.createdAt(), now, d.payload())));
            return cancelled.size();
        });
    }

    @Override
    public Map<TenantId, Long> deadLetterCounts() {
        return transactor.inTransaction(() -> deliveries.rows()
                .filter(d -> d.status() == DeliveryStatus.DEAD_LETTER)
                .collect(Collectors.collectingAndThen(Collectors.groupingBy(Delivery::tenant, Collectors.counting()),
                        Map::copyOf)));
    }

    @Override
    public DeliveryActivity activitySince(Instant since) {
        return transactor.inTransaction(() -> {
            List<Delivery> attempted = deliveries.rows()
                    .filter(d -> d.attempts() > 0 && !d.updatedAt().isBefore(since)).toList();
            long failed = attempted.stream()
                    .filter(d -> d.status() == DeliveryStatus.FAILED || d.status() == DeliveryStatus.DEAD_LETTER)
                    .count();
            return new DeliveryActivity(attempted.size(), failed);
        });
    }

    /** Deletes the deliveries of these packets (part of {@link InMemoryPacketStore#purgeTerminal}). */
    void removeForPackets(TenantId tenant, Set<PacketId> packets) {
        deliveries.removeIf(d -> d.tenant().equals(tenant) && packets.contains(d.packetId()));
    }

    private static boolean open(Delivery d) {
        return d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.FAILED;
    }

    private static boolean retryable(Delivery d) {
        return open(d) && d.nextRetryAt() != null;
    }

    private static Delivery withNextRetryAt(Delivery d, Instant at) {
        return new Delivery(d.id(), d.webhookId(), d.tenant(), d.packetId(), d.eventType(), d.status(), d.attempts(),
                d.lastError(), d.lastStatusCode(), at, d.deliveredAt(), d.createdAt(), d.updatedAt(), d.payload());
    }
}
