package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.DeliveryTarget;
import dev.handoffrail.core.webhook.RetryAfter;
import dev.handoffrail.core.webhook.RetrySchedule;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import dev.handoffrail.core.webhook.WebhookSigner;
import dev.handoffrail.core.webhook.WebhookUrlPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends due webhook deliveries from the outbox (http-api.md §18, docs/webhooks.md): leases them, re-checks the URL
 * against the SSRF rules before every attempt, signs, sends with the configured timeout, and records the outcome:
 * delivered (only on a 2xx), failed with the next retry time (a longer {@code Retry-After} on 429/503 is honoured up
 * to the schedule's last step), or dead-lettered after the last attempt; a {@code 410 Gone} deactivates the webhook.
 * Deliveries of inactive webhooks or deleted tenants are cancelled into the dead-letter queue. An outcome is stored
 * only while the lease still holds, and an expired lease makes the delivery due again, so several instances can run
 * it at once and a crashed one loses nothing. {@link #dispatch} runs attempts concurrently within {@link Limits};
 * the loop around it belongs to the application. Thread-safe.
 */
public final class WebhookDispatcher {
    /** The driven ports webhook delivery uses. */
    public record Ports(Transactor transactor, WebhookStore webhooks, DeliveryStore deliveries,
                        TenantStore tenants, AuditLog audit, WebhookTransport webhookTransport,
                        HostResolver hostResolver, Clock clock) {
        public Ports {
            requireNonNull(transactor, "transactor");
            requireNonNull(audit, "audit");
            requireNonNull(webhooks, "webhooks");
            requireNonNull(deliveries, "deliveries");
            requireNonNull(tenants, "tenants");
            requireNonNull(webhookTransport, "webhookTransport");
            requireNonNull(hostResolver, "hostResolver");
            requireNonNull(clock, "clock");
        }
    }

    /**
     * Bounds on the attempts one instance has in flight in {@link #dispatch}: {@code total} across webhooks and
     * {@code perWebhook} to any one webhook, so a slow receiver holds at most {@code perWebhook} of the slots.
     */
    public record Limits(int total, int perWebhook) {
        public Limits {
            if (total < 1 || perWebhook < 1) {
                throw new IllegalArgumentException("concurrency limits are at least 1");
            }
        }
    }

    /** Most deliveries one {@link #runOnce()} handles, so that one run stays bounded. */
    public static final int MAX_PER_RUN = 100;
    static final String WEBHOOK_INACTIVE = "Webhook inactive";
    static final String TENANT_DELETED = "Tenant deleted";
    static final String WEBHOOK_GONE = "Webhook gone: the receiver answered 410";
    /** The audit actor of a deactivation after a {@code 410 Gone}. */
    static final String GONE_ACTOR = "system:webhook_delivery";
    private static final int MAX_ERROR_BODY = 200;
    private static final int GONE = 410;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVICE_UNAVAILABLE = 503;

    private final Ports ports;
    private final RailSettings settings;
    private final RailObserver observer;
    private final RetrySchedule schedule;
    private final WebhookUrlPolicy urlPolicy;
    private final Duration lease;
    /** Attempts in flight in {@link #dispatch}, per webhook; guarded by {@code this}. */
    private final Map<WebhookId, Integer> inFlight = new HashMap<>();
    private int inFlightTotal;

    public WebhookDispatcher(Ports ports, RailSettings settings, RailObserver observer) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.observer = requireNonNull(observer, "observer");
        this.schedule = RetrySchedule.of(settings.webhookRetryDelays());
        this.urlPolicy = WebhookUrlPolicy.from(settings, ports.hostResolver());
        // one attempt never outlasts its timeout; the margin covers the bookkeeping around it. A lease that
        // expires makes the delivery due for any instance: that is how a crashed instance's deliveries resume.
        this.lease = settings.webhookTimeout().multipliedBy(2).plusSeconds(10);
    }

    /** Whether this rail was built with a transport that can send anything. */
    boolean canDeliver() {
        return ports.webhookTransport() != WebhookTransport.NONE;
    }

    /**
     * Handles the deliveries due now one after another on the calling thread, up to {@link #MAX_PER_RUN}; returns
     * how many attempts it made. Tests and embedders call it; a server uses {@link #dispatch}.
     */
    public int runOnce() {
        int attempts = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Instant now = now();
            List<Delivery> leased = ports.deliveries().leaseDue(now, now.plus(lease), 1);
            if (leased.isEmpty()) {
                break;
            }
            Delivery before = leased.get(0);
            if (deliver(before).attempts() > before.attempts()) {
                attempts++;
            }
        }
        return attempts;
    }

    /**
     * Leases as many due deliveries as {@code limits} leave room for, skipping webhooks already at their own
     * limit, and hands each attempt to {@code executor}; returns how many it handed over without waiting for
     * them. A delivery that finds its webhook's slots taken, or that the executor refuses, is given back due now.
     * Called repeatedly by one thread of the application; the attempts run on the executor's threads.
     */
    public int dispatch(Executor executor, Limits limits) {
        requireNonNull(executor, "executor");
        requireNonNull(limits, "limits");
        int free = limits.total() - inFlightTotal();
        if (free <= 0) {
            return 0;
        }
        Instant now = now();
        List<Delivery> leased = ports.deliveries().leaseDue(now, now.plus(lease), Math.min(free, MAX_PER_RUN),
                saturated(limits));
        int started = 0;
        for (Delivery delivery : leased) {
            if (!acquire(delivery.webhookId(), limits)) {
                giveBack(delivery);
                continue;
            }
            try {
                executor.execute(() -> {
                    try {
                        deliver(delivery);
                    } finally {
                        release(delivery.webhookId());
                    }
                });
                started++;
            } catch (RejectedExecutionException shuttingDown) {
                release(delivery.webhookId());
                giveBack(delivery);
            }
        }
        return started;
    }

    /** Attempts in flight in {@link #dispatch} on this instance. */
    public synchronized int inFlightTotal() {
        return inFlightTotal;
    }

    /** Attempts {@code delivery} now, or cancels it when its webhook is inactive or its tenant deleted. */
    Delivery deliver(Delivery delivery) {
        Optional<Webhook> webhook = ports.webhooks().find(delivery.tenant(), delivery.webhookId())
                .filter(Webhook::active);
        if (webhook.isEmpty()) {
            return cancel(delivery, WEBHOOK_INACTIVE);
        }
        if (ports.tenants().find(delivery.tenant()).filter(t -> !t.deleted()).isEmpty()) {
            return cancel(delivery, TENANT_DELETED);
        }
        return attempt(delivery, webhook.get());
    }

    /**
     * Leases a delivery that was read without a lease (retry-all) by moving its due time, then delivers it; a
     * delivery another caller changed or leased meanwhile is returned as it was, without an attempt.
     */
    Delivery leaseAndDeliver(Delivery delivery) {
        Delivery leased = withOutcome(delivery, delivery.status(), delivery.attempts(), delivery.lastError(),
                delivery.lastStatusCode(), now().plus(lease), delivery.deliveredAt(), delivery.updatedAt());
        if (!ports.deliveries().updateIfUnchanged(delivery, leased)) {
            return delivery;
        }
        return deliver(leased);
    }

    /**
     * Makes one attempt of the leased {@code delivery} to {@code webhook} and stores its outcome, unless the lease
     * was lost meanwhile (then another caller owns the delivery and this outcome is dropped). A {@code 410 Gone}
     * deactivates the webhook and dead-letters its other open deliveries.
     */
    Delivery attempt(Delivery delivery, Webhook webhook) {
        int attempt = delivery.attempts() + 1;
        long started = System.nanoTime();
        WebhookTransport.Result result = send(delivery, webhook, attempt);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        Instant now = now();
        Delivery updated;
        boolean gone = result.statusCode() != null && result.statusCode() == GONE;
        if (result.succeeded()) {
            updated = withOutcome(delivery, DeliveryStatus.DELIVERED, attempt, null, result.statusCode(), null, now,
                    now);
        } else if (gone) {
            updated = withOutcome(delivery, DeliveryStatus.DEAD_LETTER, attempt, errorOf(result), GONE, null, null,
                    now);
        } else {
            Optional<Duration> delay = schedule.delayAfterAttempt(attempt, receiverAsked(result, now));
            updated = withOutcome(delivery, delay.isPresent() ? DeliveryStatus.FAILED : DeliveryStatus.DEAD_LETTER,
                    attempt, errorOf(result), result.statusCode(), delay.map(now::plus).orElse(null), null, now);
        }
        boolean stored = ports.deliveries().updateIfUnchanged(delivery, updated);
        observer.webhookAttempt(webhook.id(), delivery.eventType(), result.succeeded(), latency);
        if (gone) {
            deactivateGone(webhook, delivery, now);
        }
        return stored ? updated : ports.deliveries().find(delivery.tenant(), delivery.id()).orElse(updated);
    }

    /**
     * The receiver said {@code 410 Gone}: the webhook is deactivated, its open deliveries dead-lettered and the
     * change audited as {@code webhook.deactivated} by {@value #GONE_ACTOR}, in one transaction; once only, when
     * several instances hear the 410.
     */
    private void deactivateGone(Webhook webhook, Delivery delivery, Instant now) {
        ports.transactor().inTransaction(() -> {
            if (ports.webhooks().deactivate(webhook.tenant(), webhook.id())) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("reason", "receiver answered 410 Gone");
                details.put("delivery_id", delivery.id().toString());
                ports.audit().append(List.of(new AuditEntry(Uuids.timeOrdered(), webhook.tenant(),
                        AuditResource.WEBHOOK, webhook.id().toString(), null, "webhook.deactivated", GONE_ACTOR,
                        details, now, null)));
            }
            ports.deliveries().cancelForWebhook(webhook.tenant(), webhook.id(), WEBHOOK_GONE, now);
            return null;
        });
    }

    /** How long a delivery stays reserved for the caller that took it. */
    Duration lease() {
        return lease;
    }

    WebhookUrlPolicy urlPolicy() {
        return urlPolicy;
    }

    private WebhookTransport.Result send(Delivery delivery, Webhook webhook, int attempt) {
        URI url;
        try {
            url = new URI(webhook.url());
        } catch (URISyntaxException e) {
            return blocked("invalid URL");
        }
        DeliveryTarget target = urlPolicy.checkDelivery(url);
        if (target.address().isEmpty()) {
            return blocked(target.refusal().orElse("refused"));
        }
        InetAddress pinned = target.address().get();
        byte[] body = delivery.payload();
        Instant sentAt = ports.clock().instant();
        Map<String, String> headers = WebhookSigner.headers(delivery.eventType(), delivery.id(), attempt,
                sentAt.getEpochSecond(), webhook.signingSecrets(sentAt), body);
        try {
            return ports.webhookTransport().send(url, pinned, headers, body, settings.webhookTimeout());
        } catch (RuntimeException e) {
            return new WebhookTransport.Result(null, null, "Transport failure: " + e.getClass().getSimpleName());
        }
    }

    private Delivery cancel(Delivery delivery, String reason) {
        Delivery cancelled = withOutcome(delivery, DeliveryStatus.DEAD_LETTER, delivery.attempts(), reason,
                delivery.lastStatusCode(), null, delivery.deliveredAt(), now());
        ports.deliveries().updateIfUnchanged(delivery, cancelled);
        return cancelled;
    }

    /** Makes a leased delivery due again now, unless something else changed it meanwhile. */
    private void giveBack(Delivery leased) {
        ports.deliveries().updateIfUnchanged(leased, withOutcome(leased, leased.status(), leased.attempts(),
                leased.lastError(), leased.lastStatusCode(), now(), leased.deliveredAt(), leased.updatedAt()));
    }

    private synchronized Set<WebhookId> saturated(Limits limits) {
        Set<WebhookId> full = new HashSet<>();
        inFlight.forEach((webhook, count) -> {
            if (count >= limits.perWebhook()) {
                full.add(webhook);
            }
        });
        return full;
    }

    private synchronized boolean acquire(WebhookId webhook, Limits limits) {
        int count = inFlight.getOrDefault(webhook, 0);
        if (inFlightTotal >= limits.total() || count >= limits.perWebhook()) {
            return false;
        }
        inFlight.put(webhook, count + 1);
        inFlightTotal++;
        return true;
    }

    private synchronized void release(WebhookId webhook) {
        inFlight.computeIfPresent(webhook, (id, count) -> count == 1 ? null : count - 1);
        inFlightTotal--;
    }

    /** The wait a receiver asked for with {@code Retry-After} on a 429 or 503. */
    private static Optional<Duration> receiverAsked(WebhookTransport.Result result, Instant now) {
        Integer status = result.statusCode();
        if (status == null || (status != TOO_MANY_REQUESTS && status != SERVICE_UNAVAILABLE)) {
            return Optional.empty();
        }
        return RetryAfter.parse(result.retryAfter(), now);
    }

    private static WebhookTransport.Result blocked(String reason) {
        return new WebhookTransport.Result(null, null, "URL blocked: " + reason);
    }

    private static String errorOf(WebhookTransport.Result result) {
        if (result.statusCode() == null) {
            return result.transportError() == null ? "Transport failure" : result.transportError();
        }
        String body = result.bodyPrefix() == null ? "" : result.bodyPrefix();
        if (body.codePointCount(0, body.length()) > MAX_ERROR_BODY) {
            body = body.substring(0, body.offsetByCodePoints(0, MAX_ERROR_BODY));
        }
        return "HTTP " + result.statusCode() + ": " + body;
    }

    /** {@code d} with a new status and attempt bookkeeping, updated at {@code now}. */
    static Delivery withOutcome(Delivery d, DeliveryStatus status, int attempts, String lastError,
                                        Integer lastStatusCode, Instant nextRetryAt, Instant deliveredAt,
                                        Instant now) {
        return new Delivery(d.id(), d.webhookId(), d.tenant(), d.packetId(), d.eventType(), status, attempts,
                lastError, lastStatusCode, nextRetryAt, deliveredAt, d.createdAt(), now, d.payload());
    }

    private Instant now() {
        return Timestamps.micros(ports.clock().instant());
    }
}
