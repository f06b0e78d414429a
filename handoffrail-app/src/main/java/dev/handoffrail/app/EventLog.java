package dev.handoffrail.app;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Structured log lines for what the rail does, as the deployment guide shows them: {@code packet_created} with
 * {@code packet_id}, {@code source_agent}, {@code target_agent}, {@code priority} and {@code tenant_id}. Only ids,
 * statuses and names of things are logged, never packet content.
 */
final class EventLog implements RailObserver {
    private static final Logger LOG = LoggerFactory.getLogger("dev.handoffrail.events");

    @Override
    public void packetEvent(DomainEvent event) {
        LoggingEventBuilder line = LOG.atInfo().setMessage(eventName(event.type()))
                .addKeyValue("packet_id", event.packetId().toString())
                .addKeyValue("tenant_id", event.tenant().value());
        Packet packet = event.packet();
        if (packet != null) {
            line = line.addKeyValue("source_agent", packet.sourceAgent().id())
                    .addKeyValue("target_agent", packet.targetAgent().id())
                    .addKeyValue("priority", packet.priority().wireName())
                    .addKeyValue("status", packet.status().wireName());
        }
        Object previous = event.data().get("previous_status");
        if (previous != null) {
            line = line.addKeyValue("previous_status", previous);
        }
        Object reason = event.data().get("reason");
        if (reason != null) {
            line = line.addKeyValue("reason", reason);
        }
        line.log();
    }

    @Override
    public void apiKeyOperation(String operation) {
        LOG.atInfo().setMessage("api_key_" + operation).log();
    }

    @Override
    public void webhookAttempt(WebhookId webhook, EventType eventType, boolean success, Duration latency) {
        (success ? LOG.atInfo() : LOG.atWarn()).setMessage(success ? "webhook_delivered" : "webhook_attempt_failed")
                .addKeyValue("webhook_id", webhook.toString())
                .addKeyValue("event_type", eventType.wireName())
                .addKeyValue("latency_ms", latency.toMillis())
                .log();
    }

    @Override
    public void rateLimited(String window, String tier) {
        LOG.atDebug().setMessage("rate_limited").addKeyValue("window", window).addKeyValue("tier", tier).log();
    }

    /** {@code packet.created} → {@code packet_created}, {@code hitl.response_ready} → {@code hitl_response_ready}. */
    static String eventName(EventType type) {
        return type.wireName().replace('.', '_');
    }
}
