package dev.handoffrail.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RailObserverTest {

    @Test
    void all_passes_every_call_to_each_observer_in_order() {
        List<String> calls = new ArrayList<>();
        RailObserver first = recorder("first", calls);
        RailObserver second = recorder("second", calls);
        RailObserver both = RailObserver.all(List.of(first, second));

        both.apiKeyOperation("created");
        both.webhookAttempt(new WebhookId(UUID.randomUUID()), EventType.PACKET_CLAIMED, true, Duration.ofMillis(3));
        both.rateLimited("minute", "free");

        assertThat(calls).containsExactly("first:created", "second:created", "first:packet.claimed",
                "second:packet.claimed", "first:minute/free", "second:minute/free");
    }

    private static RailObserver recorder(String name, List<String> calls) {
        return new RailObserver() {
            @Override
            public void apiKeyOperation(String operation) {
                calls.add(name + ":" + operation);
            }

            @Override
            public void webhookAttempt(WebhookId webhook, EventType eventType, boolean success, Duration latency) {
                calls.add(name + ":" + eventType.wireName());
            }

            @Override
            public void rateLimited(String window, String tier) {
                calls.add(name + ":" + window + "/" + tier);
            }
        };
    }
}
