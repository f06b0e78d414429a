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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The webhook outbox held in memory. Leasing runs under the transactor's lock, so a due delivery is handed to
 * exactly one caller. Besides the deliveries by id it keeps ordered indexes ({@link RowIndex}), the way the SQL
 * tables have indexes: the due queue, each webhook's deliveries (all, and those still open), each tenant's dead
 * letters and failed deliveries awaiting a retry, each packet's deliveries and the attempted deliveries by update
 * time; so the worker's lease, the listings, the gauges and the purge look only at the deliveries they concern,
 * however many the outbox has delivered before. Thread-safe; joins the {@link InMemoryTransactor}.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    private final InMemoryTransactor transactor;
    private final Table<DeliveryId, Delivery> deliveries;
    private final RowIndex<Delivery, Scope, DueKey> due;
    private final RowIndex<Delivery, WebhookKey, TimeKey> byWebhook;
    private final RowIndex<Delivery, WebhookKey, TimeKey> openByWebhook;
    private final RowIndex<Delivery, TenantId, TimeKey> deadLetters;
    private final RowIndex<Delivery, TenantId, DueKey> failed;
    private final RowIndex<Delivery, PacketKey, TimeKey> byPacket;
    private final RowIndex<Delivery, Scope, TimeKey> attempted;
    private final List<RowIndex<Delivery, ?, ?>> indexes;
    private long visited;

    public InMemoryDeliveryStore(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.deliveries = new Table<>(transactor);
        due = new RowIndex<>(transactor, d -> retryable(d) ? Scope.ALL : null, DueKey::of);
        byWebhook = new RowIndex<>(transactor, WebhookKey::of, d -> created(d));
        openByWebhook = new RowIndex<>(transactor, d -> open(d) ? WebhookKey.of(d) : null, d -> created(d));
        deadLetters = new RowIndex<>(transactor, d -> d.status() == DeliveryStatus.DEAD_LETTER ? d.tenant() : null,
                d -> updated(d));
        failed = new RowIndex<>(transactor,
                d -> d.status() == DeliveryStatus.FAILED && d.nextRetryAt() != null ? d.tenant() : null, DueKey::of);
        byPacket = new RowIndex<>(transactor, d -> new PacketKey(d.tenant(), d.packetId()), d -> created(d));
        attempted = new RowIndex<>(transactor, d -> d.attempts() > 0 ? Scope.ALL : null, d -> updated(d));
        indexes = List.of(due, byWebhook, openByWebhook, deadLetters, failed, byPacket, attempted);
    }

    @Override
    public void insert(List<Delivery> batch) {
        List<Delivery> copy = List.copyOf(batch);
        transactor.run(() -> copy.forEach(d -> {
            deliveries.insert(d.id(), d);
            indexed(null, d);
        }));
    }

    @Override
    public Optional<Delivery> find(TenantId tenant, DeliveryId id) {
        return transactor.inTransaction(() -> deliveries.get(id).filter(d -> d.tenant().equals(tenant)));
    }

    @Override
    public List<Delivery> leaseDue(Instant now, Instant leaseUntil, int limit, Set<WebhookId> excluded) {
        Set<WebhookId> skipped = Set.copyOf(excluded);
        return transactor.inTransaction(() -> {
            List<Delivery> taken = new ArrayList<>();
            for (Delivery d : due.group(Scope.ALL).headMap(DueKey.last(now), true).values()) {
                if (taken.size() == limit) {
                    break;
                }
                visited++;
                if (!skipped.contains(d.webhookId())) {
                    taken.add(d);
                }
            }
            List<Delivery> leased = new ArrayList<>(taken.size());
            taken.forEach(d -> leased.add(replace(d, withNextRetryAt(d, leaseUntil))));
            return List.copyOf(leased);
        });
    }

    @Override
    public void update(Delivery delivery) {
        transactor.run(() -> deliveries.get(delivery.id()).ifPresent(stored -> replace(stored, delivery)));
    }

    @Override
    public boolean updateIfUnchanged(Delivery leased, Delivery outcome) {
        if (!leased.id().equals(outcome.id())) {
            throw new IllegalArgumentException("the outcome is of another delivery");
        }
        return transactor.inTransaction(() -> {
            Optional<Delivery> unchanged = deliveries.get(leased.id())
                    .filter(d -> d.tenant().equals(leased.tenant()) && d.status() == leased.status()
                            && d.attempts() == leased.attempts()
                            && Objects.equals(d.nextRetryAt(), leased.nextRetryAt()));
            unchanged.ifPresent(stored -> replace(stored, outcome));
            return unchanged.isPresent();
        });
    }

    @Override
    public List<Delivery> listForWebhook(TenantId tenant, WebhookId webhook, DeliveryStatus status, int limit,
                                         int offset) {
        return transactor.inTransaction(() -> page(byWebhook.group(new WebhookKey(tenant, webhook))
                .descendingMap().values(), d -> status == null || d.status() == status, limit, offset));
    }

    @Override
    public List<Delivery> deadLetters(TenantId tenant, int limit, int offset) {
        return transactor.inTransaction(() -> page(deadLetters.group(tenant).descendingMap().values(), d -> true,
                limit, offset));
    }

    @Override
    public List<Delivery> failed(TenantId tenant, int limit) {
        return transactor.inTransaction(() -> page(failed.group(tenant).values(), d -> true, limit, 0));
    }

    @Override
    public int cancelForWebhook(TenantId tenant, WebhookId webhook, String lastError, Instant now) {
        return transactor.inTransaction(() -> {
            List<Delivery> cancelled = visit(openByWebhook.group(new WebhookKey(tenant, webhook)).values());
            cancelled.forEach(d -> replace(d, new Delivery(d.id(), d.webhookId(), d.tenant(), d.packetId(),
                    d.eventType(), DeliveryStatus.DEAD_LETTER, d.attempts(), lastError, d.lastStatusCode(), null,
                    d.deliveredAt(), d.createdAt(), now, d.payload())));
            return cancelled.size();
        });
    }

    @Override
    public Map<TenantId, Long> deadLetterCounts() {
        return transactor.inTransaction(() -> Map.copyOf(deadLetters.sizes()));
    }

    @Override
    public DeliveryActivity activitySince(Instant since) {
        return transactor.inTransaction(() -> {
            List<Delivery> recent = visit(attempted.group(Scope.ALL).tailMap(TimeKey.first(since), true).values());
            long failures = recent.stream()
                    .filter(d -> d.status() == DeliveryStatus.FAILED || d.status() == DeliveryStatus.DEAD_LETTER)
                    .count();
            return new DeliveryActivity(recent.size(), failures);
        });
    }

    /** Deletes the deliveries of these packets (part of {@link InMemoryPacketStore#purgeTerminal}). */
    void removeForPackets(TenantId tenant, Set<PacketId> packets) {
        for (PacketId packet : packets) {
            for (Delivery d : visit(byPacket.group(new PacketKey(tenant, packet)).values())) {
                deliveries.remove(d.id());
                indexed(d, null);
            }
        }
    }

    /** How many deliveries the store's reads and writes have looked at so far: what tests measure their cost by. */
    long deliveriesVisited() {
        return transactor.inTransaction(() -> visited);
    }

    /** Stores {@code after} over {@code before}, the stored delivery of the same id; returns {@code after}. */
    private Delivery replace(Delivery before, Delivery after) {
        deliveries.put(after.id(), after);
        indexed(before, after);
        return after;
    }

    private void indexed(Delivery before, Delivery after) {
        indexes.forEach(index -> index.replaced(before, after));
    }

    private List<Delivery> page(Iterable<Delivery> ordered, Predicate<Delivery> filter, int limit,
                                int offset) {
        List<Delivery> page = new ArrayList<>();
        int skipped = 0;
        for (Delivery d : ordered) {
            if (page.size() == limit) {
                break;
            }
            visited++;
            if (!filter.test(d)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
            } else {
                page.add(d);
            }
        }
        return List.copyOf(page);
    }

    private List<Delivery> visit(Iterable<Delivery> rows) {
        List<Delivery> seen = new ArrayList<>();
        for (Delivery d : rows) {
            visited++;
            seen.add(d);
        }
        return seen;
    }

    private static boolean open(Delivery d) {
        return d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.FAILED;
    }

    private static boolean retryable(Delivery d) {
        return open(d) && d.nextRetryAt() != null;
    }

    private static TimeKey created(Delivery d) {
        return new TimeKey(d.createdAt(), d.id().toString());
    }

    private static TimeKey updated(Delivery d) {
        return new TimeKey(d.updatedAt(), d.id().toString());
    }

    private static Delivery withNextRetryAt(Delivery d, Instant at) {
        return new Delivery(d.id(), d.webhookId(), d.tenant(), d.packetId(), d.eventType(), d.status(), d.attempts(),
                d.lastError(), d.lastStatusCode(), at, d.deliveredAt(), d.createdAt(), d.updatedAt(), d.payload());
    }

    /** The single group of an index across tenants. */
    private enum Scope { ALL }

    private record WebhookKey(TenantId tenant, WebhookId webhook) {
        static WebhookKey of(Delivery d) {
            return new WebhookKey(d.tenant(), d.webhookId());
        }
    }

    private record PacketKey(TenantId tenant, PacketId packet) {
    }

    /** Due order: next retry time, then creation time, then id text. */
    private record DueKey(Instant nextRetryAt, Instant createdAt, String id) implements Comparable<DueKey> {
        private static final Instant LAST_INSTANT = Instant.MAX;

        static DueKey of(Delivery d) {
            return new DueKey(d.nextRetryAt(), d.createdAt(), d.id().toString());
        }

        /** Sorts after every delivery due at {@code at}. */
        static DueKey last(Instant at) {
            return new DueKey(at, LAST_INSTANT, "");
        }

        @Override
        public int compareTo(DueKey other) {
            int byDue = nextRetryAt.compareTo(other.nextRetryAt);
            if (byDue != 0) {
                return byDue;
            }
            int byCreation = createdAt.compareTo(other.createdAt);
            return byCreation != 0 ? byCreation : id.compareTo(other.id);
        }
    }
}
