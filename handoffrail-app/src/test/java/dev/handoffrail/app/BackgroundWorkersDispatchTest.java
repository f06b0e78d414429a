package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.port.out.WebhookTransport;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dispatcher loop's pace: a webhook at its in-flight cap gets its next delivery when an attempt ends. */
class BackgroundWorkersDispatchTest {
    private static final int DELIVERIES = 40;

    @Test
    void a_busy_webhook_is_not_paced_by_the_tick_each_finished_attempt_starts_the_next() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        WebhookTransport receiver = (url, address, headers, body, timeout) -> {
            sent.incrementAndGet();
            return new WebhookTransport.Result(200, "", null, null);
        };
        RailSettings defaults = RailSettings.defaults();
        RailSettings settings = new RailSettings(defaults.tiers(), defaults.defaultTier(), defaults.packetTtl(),
                defaults.developmentEnvironment(), defaults.webhookRetryDelays(), defaults.webhookTimeout(),
                Set.of("127.0.0.1"), defaults.rateLimitPerMinute(), defaults.authFailuresPerMinute());
        try (HandoffRail rail = HandoffRail.builder().settings(settings).webhookTransport(receiver).build()) {
            IssuedApiKey admin = rail.manageKeys().bootstrap(null);
            Caller caller = Caller.of(rail.authenticate().authenticate(admin.secret()).key());
            rail.manageWebhooks().register(caller, "http://127.0.0.1:9/hook", Set.of(EventType.PACKET_CREATED),
                    "s".repeat(32));
            for (int i = 0; i < DELIVERIES; i++) {
                rail.createPacket().create(caller, PacketDraft.of(AgentInfo.of("support-01", "SupportBot"),
                        AgentInfo.of("billing-01", "BillingBot"), "handoff " + i));
            }

            // the tick is an hour away: only the pass at start and the passes after each attempt can deliver
            BackgroundWorkers workers = BackgroundWorkers.start(rail, Duration.ofHours(1), Duration.ofHours(1));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (sent.get() < DELIVERIES && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } finally {
                workers.close(Duration.ofSeconds(10));
            }

            assertThat(sent.get()).isEqualTo(DELIVERIES);
        }
    }
}
