package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.FieldMessages;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.tenant.QuotaRules;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Webhook registrations, their deliveries and the dead-letter queue (http-api.md §11). Replay and retry-all make
 * their attempts through the {@link WebhookDispatcher}, so every attempt follows the same rules. Thread-safe.
 */
public final class WebhookService implements ManageWebhooksUseCase {
    /** The driven ports webhook administration uses. */
    public record Ports(Transactor transactor, WebhookStore webhooks, DeliveryStore deliveries, TenantStore tenants,
                        AuditLog audit, Clock clock) {
        public Ports {
            requireNonNull(transactor, "transactor");
            requireNonNull(webhooks, "webhooks");
            requireNonNull(deliveries, "deliveries");
            requireNonNull(tenants, "tenants");
            requireNonNull(audit, "audit");
            requireNonNull(clock, "clock");
        }
    }

    /** The events of a registration that names none. */
    public static final Set<EventType> DEFAULT_EVENTS = Set.of(EventType.PACKET_CREATED, EventType.PACKET_CLAIMED,
            EventType.PACKET_COMPLETED, EventType.PACKET_FAILED);
    /** Most failed deliveries one retry-all attempts. */
    public static final int RETRY_ALL_LIMIT = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MIN_SECRET = 16;
    private static final int MAX_SECRET = 256;

    private final Ports ports;
    private final RailSettings settings;
    private final WebhookDispatcher dispatcher;
    private final ResourceAudit audit;

    public WebhookService(Ports ports, RailSettings settings, WebhookDispatcher dispatcher) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.audit = new ResourceAudit(ports.audit());
    }

    @Override
    public Webhook register(Caller caller, String url, Set<EventType> events, String secret) {
        Permissions.require(caller, Operation.MANAGE_WEBHOOKS);
        requireTransport();
        InputCheck input = new InputCheck();
        if (url == null) {
            input.fail("url", FieldMessages.REQUIRED);
        }
        input.storable("url", url);
        if (events != null && events.isEmpty()) {
            input.fail("events", FieldMessages.NOT_EMPTY);
        }
        input.text("secret", secret, MIN_SECRET, MAX_SECRET).orThrow();
        dispatcher.urlPolicy().checkRegistration(url);
        return ports.transactor().inTransaction(() -> {
            Tenant tenant = ActiveTenants.require(ports.tenants(), caller.tenant());
            QuotaRules.webhooks(ports.webhooks().countActive(tenant.id()), settings.tiers().quotasFor(tenant.tier()),
                    tenant.tier()).orThrow();
            Webhook webhook = new Webhook(WebhookId.random(), tenant.id(), url,
                    events == null ? DEFAULT_EVENTS : events, secret, true, now());
            ports.webhooks().insert(webhook);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("url", url);
            details.put("events", wireNames(webhook.events()));
            audit.record(caller, tenant.id(), AuditResource.WEBHOOK, webhook.id(), "webhook.created", details,
                    webhook.createdAt());
            return webhook;
        });
    }

    @Override
    public List<Webhook> list(Caller caller) {
        Permissions.require(caller, Operation.MANAGE_WEBHOOKS);
        return ports.webhooks().list(caller.tenant());
    }

    @Override
    public void deactivate(Caller caller, WebhookId id) {
        Permissions.require(caller, Operation.MANAGE_WEBHOOKS);
        ports.transactor().run(() -> {
            Webhook webhook = visibleWebhook(caller, id);
            if (!webhook.active() || !ports.webhooks().deactivate(caller.tenant(), id)) {
                throw Errors.conflict("Webhook " + id + " is already inactive");
            }
            Instant now = now();
            int cancelled = ports.deliveries().cancelForWebhook(caller.tenant(), id,
                    WebhookDispatcher.WEBHOOK_INACTIVE, now);
            audit.record(caller, caller.tenant(), AuditResource.WEBHOOK, id, "webhook.deactivated",
                    Map.of("deliveries_cancelled", cancelled), now);
        });
    }

    @Override
    public RotatedSecret rotateSecret(Caller caller, WebhookId id, Long gracePeriodSeconds) {
        Permissions.require(caller, Operation.MANAGE_WEBHOOKS);
        long grace = gracePeriodSeconds == null ? DEFAULT_GRACE_SECONDS : gracePeriodSeconds;
        if (grace < 0 || grace > MAX_GRACE_SECONDS) {
            new InputCheck().fail("grace_period_seconds", "must be between 0 and " + MAX_GRACE_SECONDS).orThrow();
        }
        String secret = newSecret();
        return ports.transactor().inTransaction(() -> {
            Webhook webhook = visibleWebhook(caller, id);
            if (!webhook.active()) {
                throw Errors.conflict("Webhook " + id + " is inactive");
            }
            Instant now = now();
            Webhook rotated = webhook.withRotatedSecret(secret, now, now.plusSeconds(grace));
            if (!ports.webhooks().updateSecrets(rotated)) {
                throw Errors.conflict("Webhook " + id + " is inactive");
            }
            audit.record(caller, caller.tenant(), AuditResource.WEBHOOK, id, "webhook.secret_rotated",
                    Map.of("grace_period_seconds", grace), now);
            return new RotatedSecret(rotated, secret);
        });
    }

    @Override
    public List<Delivery> deliveries(Caller caller, WebhookId id, DeliveryStatus status, int limit, int offset) {
        Permissions.require(caller, Operation.MANAGE_WEBHOOKS);
        visibleWebhook(caller, id);
        return ports.deliveries().listForWebhook(caller.tenant(), id, status, limit, offset);
    }

    @Override
    public List<Delivery> deadLetters(Caller caller, int limit, int offset) {
        Permissions.require(caller, Operation.MANAGE_WEBHOOKS);
        return ports.deliveries().deadLetters(caller.tenant(), limit, offset);
    }

    @Override
    public Delivery replay(Caller caller, DeliveryId id) {
        Permissions.require(caller, Operation.MANAGE_WEBHOOKS);
        Webhook[] target = new Webhook[1];
        Delivery reset = ports.transactor().inTransaction(() -> {
            Delivery delivery = ports.deliveries().find(caller.tenant(), id)
                    .orElseThrow(() -> Errors.notFound("Delivery " + id + " not found"));
            if (delivery.status() != DeliveryStatus.DEAD_LETTER) {
                throw Errors.conflict("Delivery " + id + " is not in dead_letter (status "
                        + delivery.status().wireName() + ")");
            }
            target[0] = ports.webhooks().find(caller.tenant(), delivery.webhookId()).filter(Webhook::active)
                    .orElseThrow(() -> Errors.conflict("Webhook " + delivery.webhookId() + " is inactive"));
            Instant now = now();
            // due only after the lease, so the background dispatcher leaves the immediate attempt to us
            Delivery pending = WebhookDispatcher.withOutcome(delivery, DeliveryStatus.PENDING, 0,
                    delivery.lastError(), delivery.lastStatusCode(), now.plus(dispatcher.lease()), null, now);
            if (!ports.deliveries().updateIfUnchanged(delivery, pending)) {
                throw Errors.conflict("Delivery " + id + " changed meanwhile; try again");
            }
            audit.record(caller, caller.tenant(), AuditResource.WEBHOOK, delivery.webhookId(), "webhook.replayed",
                    Map.of("delivery_id", id.toString()), now);
            return pending;
        });
        return dispatcher.attempt(reset, target[0]);
    }

    @Override
    public RetryAllResult retryAll(Caller caller) {
        Permissions.require(caller, Operation.RETRY_ALL_DELIVERIES);
        int retried = 0;
        int succeeded = 0;
        for (Delivery delivery : ports.deliveries().failed(caller.tenant(), RETRY_ALL_LIMIT)) {
            Delivery after = dispatcher.leaseAndDeliver(delivery);
            if (after.attempts() > delivery.attempts()) {
                retried++;
                if (after.status() == DeliveryStatus.DELIVERED) {
                    succeeded++;
                }
            }
        }
        return new RetryAllResult(retried, succeeded, retried - succeeded);
    }

    /** {@code whsec_} and 32 random bytes in base64url: 256 bits, within the 16–256 characters of a secret. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Webhook visibleWebhook(Caller caller, WebhookId id) {
        return ports.webhooks().find(caller.tenant(), id)
                .orElseThrow(() -> Errors.notFound("Webhook " + id + " not found"));
    }

    /** A rail built without a webhook transport could never deliver: say so instead of registering. */
    private void requireTransport() {
        if (!dispatcher.canDeliver()) {
            throw new HandoffRailException(ErrorCode.SERVICE_UNAVAILABLE, "Webhook delivery is not configured: "
                    + "build the rail with HandoffRailBuilder.webhookTransport(...)");
        }
    }

    private static List<String> wireNames(Set<EventType> events) {
        return Arrays.stream(EventType.values()).filter(events::contains).map(EventType::wireName).toList();
    }

    private Instant now() {
        return Timestamps.micros(ports.clock().instant());
    }
}
