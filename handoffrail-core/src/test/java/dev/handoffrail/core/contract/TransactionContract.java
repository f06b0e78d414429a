package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.IdempotencyStore.Begin;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.ApiKeyFixtures;
import dev.handoffrail.core.testing.AuditFixtures;
import dev.handoffrail.core.testing.DeliveryFixtures;
import dev.handoffrail.core.testing.SchemaFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Transactor} contract over every store: a unit of work commits entirely or, when it throws, leaves
 * nothing behind; nested units join the outer one.
 */
public abstract class TransactionContract extends StoreContract {
    private static final LocalDate DAY = LocalDate.of(2026, 5, 30);

    private Webhook webhook;

    @BeforeEach
    final void givenTenantAndWebhook() {
        givenTwoTenants();
        webhook = WebhookFixtures.aWebhook().build();
        stores.webhooks().insert(webhook);
    }

    @Test
    void a_unit_of_work_that_throws_leaves_no_packet_history_delivery_or_quota_charge() {
        Packet packet = aPacket().build();
        AuditEntry created = AuditFixtures.historyOf(packet.id()).build();
        Delivery delivery = DeliveryFixtures.aDelivery(webhook, packet).build();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> stores.transactor().run(() -> {
            assertThat(stores.dailyHandoffs().tryReserve(ACME, DAY, 5)).isTrue();
            stores.packets().insert(packet);
            stores.audit().append(List.of(created));
            stores.deliveries().insert(List.of(delivery));
            throw boom;
        })).isSameAs(boom);

        assertThat(stores.packets().find(ACME, packet.id())).isEmpty();
        assertThat(stores.audit().history(ACME, packet.id())).isEmpty();
        assertThat(stores.deliveries().find(ACME, delivery.id())).isEmpty();
        assertThat(stores.dailyHandoffs().used(ACME, DAY)).isZero();
    }

    @Test
    void a_unit_of_work_that_returns_commits_every_write_and_its_result() {
        Packet packet = aPacket().build();
        AuditEntry created = AuditFixtures.historyOf(packet.id()).build();
        Delivery delivery = DeliveryFixtures.aDelivery(webhook, packet).build();

        String result = stores.transactor().inTransaction(() -> {
            stores.dailyHandoffs().tryReserve(ACME, DAY, 5);
            stores.packets().insert(packet);
            stores.audit().append(List.of(created));
            stores.deliveries().insert(List.of(delivery));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(stores.packets().find(ACME, packet.id())).contains(packet);
        assertThat(stores.audit().history(ACME, packet.id())).containsExactly(created);
        assertThat(stores.deliveries().find(ACME, delivery.id())).isPresent();
        assertThat(stores.dailyHandoffs().used(ACME, DAY)).isEqualTo(1);
    }

    @Test
    void a_nested_unit_of_work_joins_the_outer_one_and_rolls_back_with_it() {
        Packet outer = aPacket().build();
        Packet inner = aPacket().build();

        assertThatThrownBy(() -> stores.transactor().run(() -> {
            stores.packets().insert(outer);
            Packet returned = stores.transactor().inTransaction(() -> {
                stores.packets().insert(inner);
                return inner;
            });
            assertThat(returned).isSameAs(inner);
            assertThat(stores.packets().find(ACME, inner.id())).contains(inner);
            throw new IllegalArgumentException("outer fails after the nested unit returned");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(stores.packets().find(ACME, outer.id())).isEmpty();
        assertThat(stores.packets().find(ACME, inner.id())).isEmpty();
    }

    @Test
    void a_rolled_back_conditional_update_restores_the_stored_packet() {
        Packet packet = stored(aPacket());
        Packet claimed = packet.claimedBy(AgentInfo.of("billing-01", "BillingBot"), T0.plusSeconds(1));

        assertThatThrownBy(() -> stores.transactor().run(() -> {
            assertThat(stores.packets().update(claimed, PacketStatus.CREATED)).isTrue();
            throw new IllegalStateException("abort");
        })).hasMessage("abort");

        assertThat(stores.packets().find(ACME, packet.id())).contains(packet);
        assertThat(stores.packets().update(claimed, PacketStatus.CREATED)).isTrue();
    }

    @Test
    void after_a_rollback_the_same_ids_can_be_stored() {
        Packet packet = aPacket().build();

        assertThatThrownBy(() -> stores.transactor().run(() -> {
            stores.packets().insert(packet);
            throw new IllegalStateException("abort");
        })).isInstanceOf(IllegalStateException.class);
        stores.packets().insert(packet);

        assertThat(stores.packets().find(ACME, packet.id())).contains(packet);
    }

    @Test
    void a_rollback_undoes_the_writes_of_every_store() {
        ApiKey key = ApiKeyFixtures.aKey().build();
        stores.keys().insert(key);
        Packet packet = stored(aPacket());
        Delivery delivery = DeliveryFixtures.aDelivery(webhook, packet).build();
        stores.deliveries().insert(List.of(delivery));
        Tenant acme = stores.tenants().find(ACME).orElseThrow();
        SchemaDefinition schema = SchemaFixtures.aSchema().build();
        Delivery delivered = DeliveryFixtures.aDelivery(webhook, packet).id(delivery.id())
                .delivered(T0.plusSeconds(2)).build();

        assertThatThrownBy(() -> stores.transactor().run(() -> {
            stores.keys().revoke(key.id(), T0.plusSeconds(1));
            stores.keys().touchLastUsed(key.id(), T0.plusSeconds(1));
            stores.keys().insert(ApiKeyFixtures.aKey().build());
            stores.webhooks().deactivate(ACME, webhook.id());
            stores.tenants().update(TenantFixtures.aTenant().id(ACME).tier(Tier.BUSINESS).build());
            stores.tenants().insert(TenantFixtures.aTenant().id("initech").build());
            stores.schemas().insert(schema);
            stores.idempotency().begin(ACME, "retry-1", "hash", T0, T0.plusSeconds(60));
            stores.deliveries().update(delivered);
            stores.deliveries().leaseDue(T0.plusSeconds(5), T0.plusSeconds(65), 10);
            stores.audit().append(List.of(AuditFixtures.anEntry().build()));
            throw new IllegalStateException("abort");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores.keys().findById(key.id())).contains(key);
        assertThat(stores.keys().countActive(ACME)).isEqualTo(1);
        assertThat(stores.webhooks().find(ACME, webhook.id())).contains(webhook);
        assertThat(stores.tenants().find(ACME)).contains(acme);
        assertThat(stores.tenants().listActive()).hasSize(2);
        assertThat(stores.schemas().find(ACME, schema.id())).isEmpty();
        assertThat(stores.idempotency().begin(ACME, "retry-1", "hash", T0, T0.plusSeconds(60)))
                .isInstanceOf(Begin.Started.class);
        Delivery stored = stores.deliveries().find(ACME, delivery.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(stored.nextRetryAt()).isEqualTo(delivery.nextRetryAt());
        assertThat(stores.audit().query(ACME, new AuditQuery(null, null, null, null, null, null, 50, 0)).total())
                .isZero();
    }

    @Test
    void a_unit_of_work_sees_its_own_writes_before_it_commits() {
        Packet packet = aPacket().build();
        Webhook second = WebhookFixtures.aWebhook().events(EventType.PACKET_CREATED).build();

        long subscribers = stores.transactor().inTransaction(() -> {
            stores.packets().insert(packet);
            stores.webhooks().insert(second);
            assertThat(stores.packets().find(ACME, packet.id())).contains(packet);
            return (long) stores.webhooks().activeSubscribers(ACME, EventType.PACKET_CREATED).size();
        });

        assertThat(subscribers).isEqualTo(2);
    }
}
