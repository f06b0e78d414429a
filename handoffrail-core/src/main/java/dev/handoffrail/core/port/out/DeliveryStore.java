package dev.handoffrail.core.port.out;

import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook outbox: deliveries written in the transaction of the event they announce, then sent by the
 * dispatcher. Thread-safe and safe across instances: a leased delivery is handed to exactly one caller, and a lease
 * expires (the delivery becomes due again) so that the deliveries of a crashed instance are taken by another.
 */
public interface DeliveryStore {
    void insert(List<Delivery> deliveries);

    Optional<Delivery> find(TenantId tenant, DeliveryId id);

    /**
     * Takes up to {@code limit} deliveries in {@code pending} or {@code failed} whose {@code nextRetryAt} is at or
     * before {@code now}, oldest due first, and moves their {@code nextRetryAt} to {@code leaseUntil} so that no
     * other caller takes them meanwhile (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}).
     */
    default List<Delivery> leaseDue(Instant now, Instant leaseUntil, int limit) {
        return leaseDue(now, leaseUntil, limit, Set.of());
    }

    /**
     * As {@link #leaseDue(Instant, Instant, int)}, skipping the deliveries of the {@code excluded} webhooks (those
     * already at their concurrency limit on this instance), so that they never hold back the others.
     */
    List<Delivery> leaseDue(Instant now, Instant leaseUntil, int limit, Set<WebhookId> excluded);

    /**
     * Stores {@code outcome} only if the delivery still is exactly as {@code leased} left it (same status, attempts
     * and {@code nextRetryAt}, the lease's end): a holder whose lease expired and was taken by another caller
     * cannot overwrite that caller's result. Also takes a delivery that was not leased (compare-and-set), e.g. to
     * lease it by moving its {@code nextRetryAt}. Returns whether it stored.
     */
    boolean updateIfUnchanged(Delivery leased, Delivery outcome);

    /** Stores the delivery's new state (after an attempt, a reset for replay, or a cancellation). */
    void update(Delivery delivery);

    /** The webhook's deliveries, newest first, optionally of one status. */
    List<Delivery> listForWebhook(TenantId tenant, WebhookId webhook, DeliveryStatus status, int limit, int offset);

    /** The tenant's dead-letter deliveries, most recently updated first. */
    List<Delivery> deadLetters(TenantId tenant, int limit, int offset);

    /** The tenant's deliveries in {@code failed}, oldest due first (retry-all). */
    List<Delivery> failed(TenantId tenant, int limit);

    /** Moves the webhook's pending and failed deliveries to dead_letter with {@code lastError}; returns how many. */
    int cancelForWebhook(TenantId tenant, WebhookId webhook, String lastError, Instant now);

    /** Dead-letter counts per tenant id (gauge). */
    java.util.Map<TenantId, Long> deadLetterCounts();

    /**
     * Across tenants, the deliveries attempted at least once and last updated at or after {@code since}, and how
     * many of those are {@code failed} or {@code dead_letter}.
     */
    DeliveryActivity activitySince(Instant since);

    /** Recent delivery counts for the platform health report. */
    record DeliveryActivity(long attempted, long failed) {
    }
}
