package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.DeliveryTarget;
import dev.handoffrail.core.webhook.RetrySchedule;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookSigner;
import dev.handoffrail.core.webhook.WebhookUrlPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends due webhook deliveries from the outbox (http-api.md §18): leases one at a time, re-checks the URL against
 * the SSRF rules before every attempt, signs, sends with the configured timeout, and records the outcome: delivered,
 * failed with the next retry time, or dead-lettered after the last attempt. Deliveries of inactive webhooks or
 * deleted tenants are cancelled into the dead-letter queue. Safe to run on several instances at once; the loop
 * around {@link #runOnce()} belongs to the application. Thread-safe.
 */
public final class WebhookDispatcher {
    /** The driven ports webhook delivery uses. */
    public record Ports(WebhookStore webhooks, DeliveryStore deliveries, TenantStore tenants,
                        WebhookTransport webhookTransport, HostResolver hostResolver, Clock clock) {
        public Ports {
            requireNonNull(webhooks, "webhooks");
            requireNonNull(deliveries, "deliveries");
            requireNonNull(tenants, "tenants");
            requireNonNull(webhookTransport, "webhookTransport");
            requireNonNull(hostResolver, "hostResolver");
            requireNonNull(clock, "clock");
        }
    }

    /** Most deliveries one {@link #runOnce()} handles, so that one run stays bounded. */
    public static final int MAX_PER_RUN = 100;
    static final String WEBHOOK_INACTIVE = "Webhook inactive";
    static final String TENANT_DELETED = "Tenant deleted";
    private static final int MAX_ERROR_BODY = 200;

    private final Ports ports;
    private final RailSettings settings;
    private final RailObserver observer;
    private final RetrySchedule schedule;
    private final WebhookUrlPolicy urlPolicy;
    private final Duration lease;

    public WebhookDispatcher(Ports ports, RailSettings settings, RailObserver observer) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.observer = requireNonNull(observer, "observer");
        this.schedule = RetrySchedule.of(settings.webhookRetryDelays());
        this.urlPolicy = WebhookUrlPolicy.from(settings, ports.hostResolver());
        // one attempt never outlasts its timeout; the margin covers the bookkeeping around it
        this.lease = settings.webhookTimeout().multipliedBy(2).plusSeconds(30);
    }

    /** Whether this rail was built with a transport that can send anything. */
    boolean canDeliver() {
        return ports.webhookTransport() != WebhookTransport.NONE;
    }

    /** Handles the deliveries due now, up to {@link #MAX_PER_RUN}; returns how many attempts it made. */
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

    /** Makes one attempt of {@code delivery} to {@code webhook} and stores its outcome. */
    Delivery attempt(Delivery delivery, Webhook webhook) {
        int attempt = delivery.attempts() + 1;
        long started = System.nanoTime();
        WebhookTransport.Result result = send(delivery, webhook, attempt);
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        Instant now = now();
        Delivery updated;
        if (result.succeeded()) {
            updated = withOutcome(delivery, DeliveryStatus.DELIVERED, attempt, null, result.statusCode(), null, now,
                    now);
        } else {
            Optional<Duration> delay = schedule.delayAfterAttempt(attempt);
            updated = withOutcome(delivery, delay.isPresent() ? DeliveryStatus.FAILED : DeliveryStatus.DEAD_LETTER,
                    attempt, errorOf(result), result.statusCode(), delay.map(now::plus).orElse(null), null, now);
        }
        ports.deliveries().update(updated);
        observer.webhookAttempt(webhook.id(), delivery.eventType(), result.succeeded(), latency);
        return updated;
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
        Map<String, String> headers = WebhookSigner.headers(delivery.eventType(), delivery.id(), attempt,
                ports.clock().instant().getEpochSecond(), webhook.secret(), body);
        try {
            return ports.webhookTransport().send(url, pinned, headers, body, settings.webhookTimeout());
        } catch (RuntimeException e) {
            return new WebhookTransport.Result(null, null, "Transport failure: " + e.getClass().getSimpleName());
        }
    }

    private Delivery cancel(Delivery delivery, String reason) {
        Delivery cancelled = withOutcome(delivery, DeliveryStatus.DEAD_LETTER, delivery.attempts(), reason,
                delivery.lastStatusCode(), null, delivery.deliveredAt(), now());
        ports.deliveries().update(cancelled);
        return cancelled;
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
