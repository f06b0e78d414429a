package dev.handoffrail.http.metrics;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.webhook.WebhookId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet, key, webhook and rate-limit metrics of http-api.md §20, fed by the core's {@link RailObserver}
 * hooks: {@code handoffrail_handoffs_total}, {@code handoffrail_chain_depth}, {@code
 * handoffrail_packet_transitions_total}, {@code handoffrail_packets_expired_total}, {@code
 * handoffrail_hitl_checkpoints_total}, {@code handoffrail_hitl_responses_total}, {@code
 * handoffrail_api_key_operations_total}, {@code handoffrail_webhook_deliveries_total}, {@code
 * handoffrail_webhook_delivery_latency_seconds} and {@code handoffrail_rate_limited_total}. Thread-safe; never
 * throws.
 */
public final class MicrometerRailObserver implements RailObserver {
    private static final double[] CHAIN_DEPTH_BUCKETS = {0, 1, 2, 5, 10, 20, 50};
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerRailObserver.class);

    private final MeterRegistry registry;
    private final Histogram chainDepth;

    /** Registers the chain depth histogram at once; the other meters appear with their first observation. */
    public MicrometerRailObserver(PrometheusMeterRegistry registry) {
        this.registry = registry;
        // Micrometer refuses a bucket at 0, which the contract requires, so this one is a Prometheus histogram
        this.chainDepth = Histogram.builder().name("handoffrail_chain_depth")
                .help("Chain depth of each created packet (0 = no parent)")
                .classicOnly()
                .withoutExemplars()
                .classicUpperBounds(CHAIN_DEPTH_BUCKETS)
                .register(registry.getPrometheusRegistry());
    }

    @Override
    public void packetEvent(DomainEvent event) {
        safely(() -> count(event));
    }

    private void count(DomainEvent event) {
        String tenant = event.tenant().value();
        String status = text(event.data().get("status"));
        String previous = text(event.data().get("previous_status"));
        switch (event.type()) {
            case PACKET_CREATED, PACKET_CHAINED -> created(tenant, event);
            case HITL_RESPONSE_READY -> {
                counter("handoffrail.hitl.responses", "Successful responses to HITL checkpoints", "tenant_id",
                        tenant).increment();
                transition(previous == null ? PacketStatus.AWAITING_HUMAN.wireName() : previous,
                        status == null ? PacketStatus.CLAIMED.wireName() : status);
            }
            case PACKET_UPDATED -> {
                // content changes are not status transitions
            }
            default -> statusEntered(event.type(), tenant, previous, status, event);
        }
    }

    private void created(String tenant, DomainEvent event) {
        counter("handoffrail.handoffs", "Created packets (single, batch item, chain)", "tenant_id", tenant)
                .increment();
        chainDepth.observe(event.packet() == null ? 0 : event.packet().chainDepth());
    }

    private void statusEntered(EventType type, String tenant, String previous, String status, DomainEvent event) {
        if (type == EventType.PACKET_AWAITING_HUMAN) {
            counter("handoffrail.hitl.checkpoints", "Entries into awaiting_human", "tenant_id", tenant).increment();
        }
        if (type == EventType.PACKET_RELEASED || type == EventType.PACKET_FAILED
                && "lease_expired_too_often".equals(text(event.data().get("reason")))) {
            counter("handoffrail.leases.expired", "Expired claim leases (released or failing the packet)",
                    "tenant_id", tenant).increment();
        }
        if (type == EventType.PACKET_EXPIRED) {
            String reason = text(event.data().get("reason"));
            counter("handoffrail.packets.expired", "Expired packets by reason", "reason",
                    reason == null ? "unknown" : reason).increment();
        }
        if (previous != null && status != null && !previous.equals(status)) {
            transition(previous, status);
        }
    }

    private void transition(String from, String to) {
        Counter.builder("handoffrail.packet.transitions")
                .description("Packet status transitions")
                .tag("from_status", from)
                .tag("to_status", to)
                .register(registry)
                .increment();
    }

    @Override
    public void apiKeyOperation(String operation) {
        safely(() -> counter("handoffrail.api.key.operations", "API keys created, revoked and rotated", "operation",
                operation).increment());
    }

    @Override
    public void webhookAttempt(WebhookId webhook, EventType eventType, boolean success, Duration latency) {
        safely(() -> attempt(webhook, eventType, success, latency));
    }

    private void attempt(WebhookId webhook, EventType eventType, boolean success, Duration latency) {
        String result = success ? "success" : "failed";
        Counter.builder("handoffrail.webhook.deliveries")
                .description("Webhook delivery attempts")
                .tag("webhook_id", webhook.toString())
                .tag("event_type", eventType.wireName())
                .tag("result", result)
                .register(registry)
                .increment();
        Timer.builder("handoffrail.webhook.delivery.latency")
                .description("Duration of each webhook delivery attempt")
                .tag("result", result)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    @Override
    public void rateLimited(String window, String tier) {
        safely(() -> Counter.builder("handoffrail.rate.limited")
                .description("Requests and connections refused with 429, by window")
                .tag("window", window)
                .tag("tier", tier == null ? "unknown" : tier)
                .register(registry)
                .increment());
    }

    /** The observer contract: metrics never fail the work they observe. */
    private static void safely(Runnable update) {
        try {
            update.run();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("event", "metrics_update_failed").setCause(e).log("Updating a metric failed");
        }
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }
}
