package dev.handoffrail.http.realtime;

import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.http.json.JsonCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every stream shares: the event object of http-api.md §17.1 as compact JSON, and the count of streams
 * closed for falling behind ({@code handoffrail_realtime_slow_consumers_total{transport}}). Thread-safe.
 */
final class StreamEvents {
    private final JsonCodec json;
    private final MeterRegistry registry;

    StreamEvents(JsonCodec json, MeterRegistry registry) {
        this.json = json;
        this.registry = registry;
    }

    /** {@code {"type", "packet_id", "data", "timestamp"}}. */
    String json(DomainEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type().wireName());
        body.put("packet_id", event.packetId().toString());
        body.put("data", event.data());
        body.put("timestamp", Timestamps.format(event.timestamp()));
        return write(body);
    }

    String write(Object value) {
        return new String(json.write(value), StandardCharsets.UTF_8);
    }

    JsonCodec codec() {
        return json;
    }

    void tooSlow(String transport) {
        Counter.builder("handoffrail.realtime.slow.consumers")
                .description("Real-time streams closed because the client fell too far behind")
                .tag("transport", transport)
                .register(registry)
                .increment();
    }
}
