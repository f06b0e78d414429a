package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.DeliveryFixtures.aDelivery;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static dev.handoffrail.core.testing.WebhookFixtures.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.DeliveryStore.DeliveryActivity;
import dev.handoffrail.core.testing.Race;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link DeliveryStore} contract (the webhook outbox). Deliveries compare field by field, since
 * {@link Delivery#equals} looks only at id, status, attempts and update time.
 */
public abstract class DeliveryStoreContract extends StoreContract {
    private DeliveryStore deliveries;
    private Webhook webhook;
    private Webhook otherWebhook;
    private Webhook foreignWebhook;
    private Packet packet;
    private Packet foreignPacket;

    @BeforeEach
    final void givenWebhooksAndPackets() {
        givenTwoTenants();
        deliveries = stores.deliveries();
        webhook = aWebhook().build();
        otherWebhook = aWebhook().build();
        foreignWebhook = aWebhook().tenant(GLOBEX).build();
        stores.webhooks().insert(webhook);
        stores.webhooks().insert(otherWebhook);
        stores.webhooks().insert(foreignWebhook);
        packet = stored(aPacket());
        foreignPacket = stored(aPacket().tenant(GLOBEX));
    }

    @Test
    void an_inserted_delivery_is_found_with_every_field_intact_in_its_tenant_only() {
        Delivery delivery = aDelivery(webhook, packet).eventType(EventType.HITL_RESPONSE_READY)
                .failed(3, T0.plusSeconds(35)).createdAt(T0.plusNanos(9_000)).updatedAt(T0.plusSeconds(5))
                .payload("{\"event\":\"hitl.response_ready\",\"data\":{\"response\":\"approve ✓\"}}").build();

        deliveries.insert(List.of(delivery));

        assertSameDelivery(deliveries.find(ACME, delivery.id()).orElseThrow(), delivery);
        assertThat(deliveries.find(GLOBEX, delivery.id())).isEmpty();
        assertThat(deliveries.find(ACME, DeliveryId.random())).isEmpty();
    }

    @Test
    void a_batch_containing_a_used_id_stores_none_of_its_deliveries() {
        Delivery stored = aDelivery(webhook, packet).build();
        deliveries.insert(List.of(stored));
        Delivery fresh = aDelivery(webhook, packet).build();
        Delivery clash = aDelivery(otherWebhook, packet).id(stored.id()).build();

        assertThatThrownBy(() -> deliveries.insert(List.of(fresh, clash))).isInstanceOf(RuntimeException.class);

        assertThat(deliveries.find(ACME, fresh.id())).isEmpty();
        assertSameDelivery(deliveries.find(ACME, stored.id()).orElseThrow(), stored);
    }

    @Test
    void leasing_takes_due_pending_and_failed_deliveries_across_tenants_oldest_due_first() {
        Delivery pendingDue = aDelivery(webhook, packet).dueAt(T0).build();
        Delivery failedDue = aDelivery(webhook, packet).failed(1, T0.plusSeconds(10)).build();
        Delivery foreignDue = aDelivery(foreignWebhook, foreignPacket).dueAt(T0.plusSeconds(5)).build();
        Delivery dueExactlyNow = aDelivery(webhook, packet).dueAt(T0.plusSeconds(60)).build();
        Delivery notYetDue = aDelivery(webhook, packet).dueAt(T0.plusSeconds(60).plusNanos(1000)).build();
        Delivery delivered = aDelivery(webhook, packet).delivered(T0).build();
        Delivery dead = aDelivery(webhook, packet).deadLetter(T0).build();
        deliveries.insert(List.of(notYetDue, failedDue, delivered, dueExactlyNow, pendingDue, dead, foreignDue));
        Instant leaseUntil = T0.plusSeconds(120);

        List<Delivery> leased = deliveries.leaseDue(T0.plusSeconds(60), leaseUntil, 10);

        assertThat(leased).extracting(Delivery::id)
                .containsExactly(pendingDue.id(), foreignDue.id(), failedDue.id(), dueExactlyNow.id());
        assertThat(leased).extracting(Delivery::nextRetryAt).containsOnly(leaseUntil);
        assertThat(leased).extracting(Delivery::status).containsExactly(DeliveryStatus.PENDING,
                DeliveryStatus.PENDING, DeliveryStatus.FAILED, DeliveryStatus.PENDING);
        assertThat(leased.get(2).attempts()).isEqualTo(1);
    }

    @Test
    void a_lease_moves_the_due_time_so_the_delivery_is_not_taken_again_until_it_ends() {
        Delivery delivery = aDelivery(webhook, packet).dueAt(T0).build();
        deliveries.insert(List.of(delivery));
        Instant leaseUntil = T0.plusSeconds(60);

        assertThat(deliveries.leaseDue(T0, leaseUntil, 10)).hasSize(1);

        assertThat(deliveries.find(ACME, delivery.id()).orElseThrow().nextRetryAt()).isEqualTo(leaseUntil);
        assertThat(deliveries.leaseDue(T0.plusSeconds(59), leaseUntil.plusSeconds(60), 10)).isEmpty();
        assertThat(deliveries.leaseDue(leaseUntil, leaseUntil.plusSeconds(60), 10)).extracting(Delivery::id)
                .containsExactly(delivery.id());
    }

    @Test
    void leasing_takes_at_most_the_limit() {
        Delivery first = aDelivery(webhook, packet).dueAt(T0).build();
        Delivery second = aDelivery(webhook, packet).dueAt(T0.plusSeconds(1)).build();
        Delivery third = aDelivery(webhook, packet).dueAt(T0.plusSeconds(2)).build();
        deliveries.insert(List.of(third, second, first));

        assertThat(deliveries.leaseDue(T0.plusSeconds(10), T0.plusSeconds(70), 2)).extracting(Delivery::id)
                .containsExactly(first.id(), second.id());
        assertThat(deliveries.leaseDue(T0.plusSeconds(10), T0.plusSeconds(70), 2)).extracting(Delivery::id)
                .containsExactly(third.id());
    }

    @Test
    void two_concurrent_leasers_never_take_the_same_delivery() throws Exception {
        List<Delivery> due = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            due.add(aDelivery(webhook, packet).dueAt(T0.plusSeconds(i)).build());
        }
        deliveries.insert(due);

        List<List<Delivery>> leased = Race.run(2, () -> deliveries.leaseDue(T0.plusSeconds(30),
                T0.plusSeconds(90), 15));

        Set<DeliveryId> first = ids(leased.get(0));
        Set<DeliveryId> second = ids(leased.get(1));
        assertThat(first).doesNotContainAnyElementsOf(second);
        Set<DeliveryId> all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).isEqualTo(ids(due));
    }

    @Test
    void leasing_skips_the_deliveries_of_excluded_webhooks() {
        Delivery ofExcluded = aDelivery(webhook, packet).dueAt(T0).build();
        Delivery ofOther = aDelivery(otherWebhook, packet).dueAt(T0.plusSeconds(1)).build();
        deliveries.insert(List.of(ofExcluded, ofOther));

        assertThat(deliveries.leaseDue(T0.plusSeconds(10), T0.plusSeconds(70), 10, Set.of(webhook.id())))
                .extracting(Delivery::id).containsExactly(ofOther.id());
        assertThat(deliveries.find(ACME, ofExcluded.id()).orElseThrow().nextRetryAt()).isEqualTo(T0);
    }

    @Test
    void a_leased_outcome_is_stored_only_while_the_delivery_is_as_the_lease_left_it() {
        Delivery delivery = aDelivery(webhook, packet).dueAt(T0).build();
        deliveries.insert(List.of(delivery));
        Delivery leased = deliveries.leaseDue(T0, T0.plusSeconds(60), 10).get(0);
        Delivery delivered = aDelivery(webhook, packet).id(delivery.id()).delivered(T0.plusSeconds(1)).build();

        assertThat(deliveries.updateIfUnchanged(leased, delivered)).isTrue();
        assertSameDelivery(deliveries.find(ACME, delivery.id()).orElseThrow(), delivered);
        assertThat(deliveries.updateIfUnchanged(leased, delivered)).isFalse();
    }

    @Test
    void an_expired_lease_taken_by_another_caller_cannot_store_its_outcome() {
        Delivery delivery = aDelivery(webhook, packet).dueAt(T0).build();
        deliveries.insert(List.of(delivery));
        Delivery first = deliveries.leaseDue(T0, T0.plusSeconds(60), 10).get(0);
        Delivery second = deliveries.leaseDue(T0.plusSeconds(60), T0.plusSeconds(120), 10).get(0);
        Delivery failed = aDelivery(webhook, packet).id(delivery.id()).failed(1, T0.plusSeconds(65)).build();

        assertThat(deliveries.updateIfUnchanged(first, failed)).isFalse();
        assertThat(deliveries.find(ACME, delivery.id()).orElseThrow().nextRetryAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(deliveries.updateIfUnchanged(second, failed)).isTrue();
        assertSameDelivery(deliveries.find(ACME, delivery.id()).orElseThrow(), failed);
    }

    @Test
    void a_compare_and_set_on_another_tenant_stores_nothing() {
        Delivery delivery = aDelivery(webhook, packet).dueAt(T0).build();
        deliveries.insert(List.of(delivery));
        Delivery foreign = new Delivery(delivery.id(), delivery.webhookId(), GLOBEX, delivery.packetId(),
                delivery.eventType(), delivery.status(), delivery.attempts(), null, null, delivery.nextRetryAt(),
                null, delivery.createdAt(), delivery.updatedAt(), delivery.payload());

        assertThat(deliveries.updateIfUnchanged(foreign, foreign)).isFalse();
        assertSameDelivery(deliveries.find(ACME, delivery.id()).orElseThrow(), delivery);
    }

    @Test
    void an_update_stores_the_new_state() {
        Delivery delivery = aDelivery(webhook, packet).build();
        deliveries.insert(List.of(delivery));
        Delivery delivered = aDelivery(webhook, packet).id(delivery.id()).delivered(T0.plusSeconds(1)).build();

        deliveries.update(delivered);

        assertSameDelivery(deliveries.find(ACME, delivery.id()).orElseThrow(), delivered);
    }

    @Test
    void a_webhooks_deliveries_are_listed_newest_first_optionally_of_one_status() {
        Delivery oldest = aDelivery(webhook, packet).createdAt(T0).build();
        Delivery failed = aDelivery(webhook, packet).failed(2, T0.plusSeconds(30)).createdAt(T0.plusSeconds(1))
                .build();
        Delivery newest = aDelivery(webhook, packet).createdAt(T0.plusSeconds(2)).build();
        deliveries.insert(List.of(failed, newest, oldest));
        deliveries.insert(List.of(aDelivery(otherWebhook, packet).createdAt(T0.plusSeconds(3)).build()));

        assertThat(listed(null, 50, 0)).extracting(Delivery::id)
                .containsExactly(newest.id(), failed.id(), oldest.id());
        assertThat(listed(DeliveryStatus.PENDING, 50, 0)).extracting(Delivery::id)
                .containsExactly(newest.id(), oldest.id());
        assertThat(listed(DeliveryStatus.FAILED, 50, 0)).extracting(Delivery::id).containsExactly(failed.id());
        assertThat(listed(null, 1, 1)).extracting(Delivery::id).containsExactly(failed.id());
        assertThat(deliveries.listForWebhook(GLOBEX, webhook.id(), null, 50, 0)).isEmpty();
    }

    @Test
    void dead_letters_are_the_tenants_most_recently_updated_first() {
        Delivery older = aDelivery(webhook, packet).deadLetter(T0.plusSeconds(10)).createdAt(T0.plusSeconds(5))
                .build();
        Delivery newer = aDelivery(otherWebhook, packet).deadLetter(T0.plusSeconds(20)).createdAt(T0).build();
        deliveries.insert(List.of(older, newer, aDelivery(webhook, packet).failed(3, T0).build(),
                aDelivery(foreignWebhook, foreignPacket).deadLetter(T0).build()));

        assertThat(deliveries.deadLetters(ACME, 50, 0)).extracting(Delivery::id)
                .containsExactly(newer.id(), older.id());
        assertThat(deliveries.deadLetters(ACME, 1, 1)).extracting(Delivery::id).containsExactly(older.id());
    }

    @Test
    void failed_deliveries_are_the_tenants_oldest_due_first() {
        Delivery later = aDelivery(webhook, packet).failed(1, T0.plusSeconds(50)).build();
        Delivery sooner = aDelivery(otherWebhook, packet).failed(4, T0.plusSeconds(5)).build();
        Delivery soonest = aDelivery(webhook, packet).failed(2, T0).build();
        deliveries.insert(List.of(later, sooner, soonest, aDelivery(webhook, packet).build(),
                aDelivery(foreignWebhook, foreignPacket).failed(1, T0).build()));

        assertThat(deliveries.failed(ACME, 50)).extracting(Delivery::id)
                .containsExactly(soonest.id(), sooner.id(), later.id());
        assertThat(deliveries.failed(ACME, 2)).extracting(Delivery::id).containsExactly(soonest.id(), sooner.id());
    }

    @Test
    void cancelling_a_webhook_dead_letters_its_pending_and_failed_deliveries() {
        Delivery pending = aDelivery(webhook, packet).build();
        Delivery failed = aDelivery(webhook, packet).failed(2, T0.plusSeconds(30)).build();
        Delivery delivered = aDelivery(webhook, packet).delivered(T0).build();
        Delivery otherPending = aDelivery(otherWebhook, packet).build();
        deliveries.insert(List.of(pending, failed, delivered, otherPending));
        Instant now = T0.plusSeconds(99);

        assertThat(deliveries.cancelForWebhook(ACME, webhook.id(), "Webhook deactivated", now)).isEqualTo(2);

        for (Delivery cancelled : List.of(pending, failed)) {
            Delivery found = deliveries.find(ACME, cancelled.id()).orElseThrow();
            assertThat(found.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
            assertThat(found.lastError()).isEqualTo("Webhook deactivated");
            assertThat(found.nextRetryAt()).isNull();
            assertThat(found.updatedAt()).isEqualTo(now);
            assertThat(found.attempts()).isEqualTo(cancelled.attempts());
        }
        assertSameDelivery(deliveries.find(ACME, delivered.id()).orElseThrow(), delivered);
        assertSameDelivery(deliveries.find(ACME, otherPending.id()).orElseThrow(), otherPending);
        assertThat(deliveries.cancelForWebhook(GLOBEX, otherWebhook.id(), "nope", now)).isZero();
        assertThat(deliveries.cancelForWebhook(ACME, webhook.id(), "again", now)).isZero();
    }

    @Test
    void dead_letters_are_counted_per_tenant() {
        deliveries.insert(List.of(aDelivery(webhook, packet).deadLetter(T0).build(),
                aDelivery(otherWebhook, packet).deadLetter(T0).build(),
                aDelivery(webhook, packet).failed(1, T0).build(),
                aDelivery(foreignWebhook, foreignPacket).deadLetter(T0).build()));

        assertThat(deliveries.deadLetterCounts()).isEqualTo(Map.of(ACME, 2L, GLOBEX, 1L));
    }

    @Test
    void without_dead_letters_no_tenant_is_counted() {
        deliveries.insert(List.of(aDelivery(webhook, packet).build()));

        assertThat(deliveries.deadLetterCounts()).isEmpty();
    }

    @Test
    void recent_activity_counts_attempted_deliveries_updated_since_and_how_many_of_them_failed() {
        Instant since = T0.plusSeconds(3600);
        deliveries.insert(List.of(aDelivery(webhook, packet).failed(1, since.plusSeconds(60)).updatedAt(since).build(),
                aDelivery(foreignWebhook, foreignPacket).deadLetter(since.plusSeconds(60)).build(),
                aDelivery(otherWebhook, packet).delivered(since.plusSeconds(5)).build(),
                aDelivery(webhook, packet).delivered(since.minusNanos(1000)).build(),
                aDelivery(webhook, packet).failed(2, since).updatedAt(since.minusSeconds(1)).build(),
                aDelivery(webhook, packet).updatedAt(since.plusSeconds(10)).build()));

        assertThat(deliveries.activitySince(since)).isEqualTo(new DeliveryActivity(3, 2));
    }

    @Test
    void without_attempts_there_is_no_recent_activity() {
        deliveries.insert(List.of(aDelivery(webhook, packet).updatedAt(T0.plusSeconds(10)).build()));

        assertThat(deliveries.activitySince(T0)).isEqualTo(new DeliveryActivity(0, 0));
    }

    private List<Delivery> listed(DeliveryStatus status, int limit, int offset) {
        return deliveries.listForWebhook(ACME, webhook.id(), status, limit, offset);
    }

    private static Set<DeliveryId> ids(List<Delivery> list) {
        Set<DeliveryId> ids = new HashSet<>();
        list.forEach(d -> ids.add(d.id()));
        return ids;
    }

    private static void assertSameDelivery(Delivery actual, Delivery expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(new String(actual.payload(), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected.payload(), StandardCharsets.UTF_8));
    }
}
