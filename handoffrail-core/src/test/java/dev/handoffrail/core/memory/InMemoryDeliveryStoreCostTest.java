package dev.handoffrail.core.memory;

import static dev.handoffrail.core.testing.DeliveryFixtures.aDelivery;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static dev.handoffrail.core.testing.WebhookFixtures.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.port.out.DeliveryStore.DeliveryActivity;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory outbox's reads and writes cost, told by how many deliveries they look at ({@link
 * InMemoryDeliveryStore#deliveriesVisited()}), not by a clock: with thousands of deliveries already delivered, of
 * another webhook or of another tenant, the worker's lease, the listings, the gauges, a cancel and the purge look
 * only at the deliveries they concern.
 */
class InMemoryDeliveryStoreCostTest {
    private static final int CROWD = 5_000;

    private final InMemoryStores stores = InMemoryStores.create();
    private final InMemoryDeliveryStore deliveries = stores.deliveries();
    private final Webhook hook = aWebhook().build();
    private final Webhook otherHook = aWebhook().build();
    private final Webhook foreignHook = aWebhook().tenant(GLOBEX).build();
    private final Packet packet = aPacket().build();

    @Test
    void a_lease_looks_at_the_due_deliveries_it_takes_however_many_were_delivered_or_are_not_yet_due() {
        crowd(i -> aDelivery(hook, packet).delivered(seconds(i)).build());
        crowd(i -> aDelivery(hook, packet).dueAt(seconds(1_000 + i)).build());
        Delivery first = aDelivery(hook, packet).dueAt(seconds(1)).build();
        Delivery second = aDelivery(otherHook, packet).dueAt(seconds(2)).build();
        deliveries.insert(List.of(second, first));

        Visited<List<Delivery>> leased = visiting(() -> deliveries.leaseDue(seconds(500), seconds(560), 10,
                Set.of()));

        assertThat(leased.result()).extracting(Delivery::id).containsExactly(first.id(), second.id());
        assertThat(leased.result()).extracting(Delivery::nextRetryAt).containsOnly(seconds(560));
        assertThat(leased.visited()).isEqualTo(2);
        assertThat(deliveries.leaseDue(seconds(500), seconds(560), 10, Set.of())).isEmpty();
    }

    @Test
    void a_webhooks_listing_and_a_cancel_look_at_that_webhooks_deliveries_only() {
        crowd(i -> aDelivery(otherHook, packet).createdAt(seconds(i)).build());
        crowd(i -> aDelivery(foreignHook, packet).createdAt(seconds(i)).build());
        Delivery older = aDelivery(hook, packet).createdAt(seconds(1)).delivered(seconds(2)).build();
        Delivery newer = aDelivery(hook, packet).createdAt(seconds(3)).build();
        deliveries.insert(List.of(older, newer));

        Visited<List<Delivery>> listed = visiting(() -> deliveries.listForWebhook(hook.tenant(), hook.id(), null,
                10, 0));
        Visited<Integer> cancelled = visiting(() -> deliveries.cancelForWebhook(hook.tenant(), hook.id(), "deleted",
                seconds(4)));

        assertThat(listed.result()).extracting(Delivery::id).containsExactly(newer.id(), older.id());
        assertThat(listed.visited()).isEqualTo(2);
        assertThat(cancelled.result()).isEqualTo(1);
        assertThat(cancelled.visited()).isEqualTo(1);
        assertThat(deliveries.find(hook.tenant(), newer.id()).orElseThrow().status())
                .isEqualTo(DeliveryStatus.DEAD_LETTER);
    }

    @Test
    void dead_letters_and_their_counts_do_not_walk_the_delivered_ones() {
        crowd(i -> aDelivery(hook, packet).delivered(seconds(i)).build());
        crowd(i -> aDelivery(foreignHook, packet).delivered(seconds(i)).build());
        Delivery dead = aDelivery(hook, packet).deadLetter(seconds(7)).build();
        deliveries.insert(List.of(dead, aDelivery(foreignHook, packet).deadLetter(seconds(8)).build()));

        Visited<List<Delivery>> letters = visiting(() -> deliveries.deadLetters(ACME, 10, 0));
        Visited<Map<dev.handoffrail.core.tenant.TenantId, Long>> counts = visiting(deliveries::deadLetterCounts);

        assertThat(letters.result()).extracting(Delivery::id).containsExactly(dead.id());
        assertThat(letters.visited()).isEqualTo(1);
        assertThat(counts.result()).isEqualTo(Map.of(ACME, 1L, GLOBEX, 1L));
        assertThat(counts.visited()).isZero();
    }

    @Test
    void recent_activity_looks_at_the_deliveries_attempted_since_its_bound_only() {
        crowd(i -> aDelivery(hook, packet).delivered(seconds(i)).build());
        deliveries.insert(List.of(aDelivery(hook, packet).delivered(seconds(10_000)).build(),
                aDelivery(hook, packet).failed(1, seconds(10_100)).updatedAt(seconds(10_001)).build()));

        Visited<DeliveryActivity> activity = visiting(() -> deliveries.activitySince(seconds(10_000)));

        assertThat(activity.result()).isEqualTo(new DeliveryActivity(2, 1));
        assertThat(activity.visited()).isEqualTo(2);
    }

    @Test
    void the_purge_removes_the_deliveries_of_its_packets_only_and_is_undone_with_its_transaction() {
        Packet other = aPacket().build();
        crowd(i -> aDelivery(hook, other).delivered(seconds(i)).build());
        Delivery doomed = aDelivery(hook, packet).dueAt(seconds(1)).build();
        deliveries.insert(List.of(doomed));

        Visited<Void> purged = visiting(() -> {
            stores.transactor().run(() -> deliveries.removeForPackets(ACME, Set.of(packet.id())));
            return null;
        });
        assertThat(purged.visited()).isEqualTo(1);
        assertThat(deliveries.find(ACME, doomed.id())).isEmpty();
        assertThat(deliveries.leaseDue(seconds(2), seconds(60), 10, Set.of())).isEmpty();

        Delivery kept = aDelivery(hook, packet).dueAt(seconds(1)).build();
        deliveries.insert(List.of(kept));
        try {
            stores.transactor().run(() -> {
                deliveries.removeForPackets(ACME, Set.of(packet.id()));
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the transaction is undone
        }
        assertThat(deliveries.leaseDue(seconds(2), seconds(60), 10, Set.of())).extracting(Delivery::id)
                .containsExactly(kept.id());
    }

    private void crowd(IntFunction<Delivery> delivery) {
        List<Delivery> batch = new ArrayList<>(CROWD);
        for (int i = 0; i < CROWD; i++) {
            batch.add(delivery.apply(i));
        }
        deliveries.insert(batch);
    }


    private static Instant seconds(int n) {
        return T0.plusSeconds(n);
    }

    private <T> Visited<T> visiting(Supplier<T> read) {
        return Visited.by(deliveries::deliveriesVisited, read);
    }
}
