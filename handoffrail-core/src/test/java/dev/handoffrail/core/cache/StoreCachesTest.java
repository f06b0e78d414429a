package dev.handoffrail.core.cache;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.memory.InMemoryStores;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.EventBus.TenantDataChanged;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.SchemaFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import dev.handoffrail.core.webhook.Webhook;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caches over the in-memory stores: writing to the raw stores plays another instance, whose changes show
 * within the TTL; writes through the cached stores show at once and are announced on the bus.
 */
class StoreCachesTest {
    private static final Duration TTL = Duration.ofSeconds(5);

    private final MutableClock clock = MutableClock.atT0();
    private final InMemoryStores raw = InMemoryStores.create();
    private final List<EventBus.Message> published = new CopyOnWriteArrayList<>();
    private final StoreCaches caches = new StoreCaches(new CacheSettings(TTL, 100), clock, raw.eventBus(),
            raw.transactor());
    private final Transactor transactor = caches.transactor();
    private final TenantStore tenants = caches.tenants(raw.tenants());
    private final WebhookStore webhooks = caches.webhooks(raw.webhooks());
    private final SchemaStore schemas = caches.schemas(raw.schemas());

    StoreCachesTest() {
        raw.eventBus().subscribe(published::add);
    }

    @AfterEach
    void close() throws Exception {
        caches.close();
    }

    @Test
    void another_instances_tenant_change_shows_once_the_ttl_has_passed() {
        raw.tenants().insert(TenantFixtures.aTenant().id(ACME).tier(Tier.FREE).build());
        assertThat(tenants.find(ACME).orElseThrow().tier()).isEqualTo(Tier.FREE);

        raw.tenants().update(TenantFixtures.aTenant().id(ACME).tier(Tier.PRO).build());

        clock.advance(TTL.minusMillis(1));
        assertThat(tenants.find(ACME).orElseThrow().tier()).isEqualTo(Tier.FREE);
        clock.advance(Duration.ofMillis(1));
        assertThat(tenants.find(ACME).orElseThrow().tier()).isEqualTo(Tier.PRO);
    }

    @Test
    void a_tenant_change_through_this_instance_shows_at_once_and_is_announced_after_its_transaction() {
        tenants.insert(TenantFixtures.aTenant().id(ACME).tier(Tier.FREE).build());
        tenants.find(ACME);
        published.clear();

        transactor.run(() -> {
            tenants.update(TenantFixtures.aTenant().id(ACME).tier(Tier.PRO).handoffsPerDay(9).build());
            assertThat(published).isEmpty();
        });

        assertThat(published).containsExactly(new TenantDataChanged(ACME, TenantDataChanged.Scope.TENANT));
        Tenant read = tenants.find(ACME).orElseThrow();
        assertThat(read.tier()).isEqualTo(Tier.PRO);
        assertThat(read.handoffsPerDayOverride()).isEqualTo(9);
    }

    @Test
    void inside_a_transaction_a_tenant_is_read_from_the_store() {
        raw.tenants().insert(TenantFixtures.aTenant().id(ACME).tier(Tier.FREE).build());
        tenants.find(ACME);
        raw.tenants().update(TenantFixtures.aTenant().id(ACME).tier(Tier.PRO).build());

        Tier inTransaction = transactor.inTransaction(() -> tenants.find(ACME).orElseThrow().tier());

        assertThat(inTransaction).isEqualTo(Tier.PRO);
        assertThat(tenants.find(ACME).orElseThrow().tier()).isEqualTo(Tier.FREE);
    }

    @Test
    void an_absent_tenant_is_not_cached() {
        assertThat(tenants.find(ACME)).isEmpty();

        raw.tenants().insert(TenantFixtures.aTenant().id(ACME).build());

        assertThat(tenants.find(ACME)).isPresent();
    }

    @Test
    void a_change_announced_by_another_instance_empties_the_cache_at_once() {
        raw.tenants().insert(TenantFixtures.aTenant().id(ACME).tier(Tier.FREE).build());
        tenants.find(ACME);
        raw.tenants().update(TenantFixtures.aTenant().id(ACME).tier(Tier.PRO).build());

        raw.eventBus().publish(new TenantDataChanged(ACME, TenantDataChanged.Scope.TENANT));

        assertThat(tenants.find(ACME).orElseThrow().tier()).isEqualTo(Tier.PRO);
    }

    @Test
    void a_deleted_tenant_drops_its_tenant_and_webhook_entries() {
        raw.tenants().insert(TenantFixtures.aTenant().id(ACME).build());
        tenants.find(ACME);
        webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED);
        raw.tenants().update(TenantFixtures.aTenant().id(ACME).build().withDeletedAt(clock.instant()));
        Webhook added = WebhookFixtures.aWebhook().tenant(ACME).events(EventType.PACKET_CREATED).build();
        raw.webhooks().insert(added);

        raw.eventBus().publish(new EventBus.TenantDeleted(ACME));

        assertThat(tenants.find(ACME).orElseThrow().deleted()).isTrue();
        assertThat(webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED)).containsExactly(added);
    }

    @Test
    void no_subscribers_is_cached_too_until_a_webhook_is_registered_here_or_the_ttl_passes() {
        assertThat(webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED)).isEmpty();
        Webhook elsewhere = WebhookFixtures.aWebhook().tenant(ACME).events(EventType.PACKET_CREATED).build();
        raw.webhooks().insert(elsewhere);
        assertThat(webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED)).isEmpty();

        Webhook here = WebhookFixtures.aWebhook().tenant(ACME).events(EventType.PACKET_CREATED)
                .url("https://hooks.example.com/two").build();
        webhooks.insert(here);

        assertThat(webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED))
                .containsExactlyInAnyOrder(elsewhere, here);
        assertThat(published).contains(new TenantDataChanged(ACME, TenantDataChanged.Scope.WEBHOOKS));
    }

    @Test
    void a_deactivated_webhook_stops_being_a_subscriber_at_once_and_other_tenants_keep_their_entries() {
        Webhook webhook = WebhookFixtures.aWebhook().tenant(ACME).events(EventType.PACKET_CREATED).build();
        raw.webhooks().insert(webhook);
        Webhook other = WebhookFixtures.aWebhook().tenant(GLOBEX).events(EventType.PACKET_CREATED).build();
        raw.webhooks().insert(other);
        webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED);
        webhooks.activeSubscribers(GLOBEX, EventType.PACKET_CREATED);
        raw.webhooks().deactivate(GLOBEX, other.id());

        assertThat(webhooks.deactivate(ACME, webhook.id())).isTrue();

        assertThat(webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED)).isEmpty();
        assertThat(webhooks.activeSubscribers(GLOBEX, EventType.PACKET_CREATED)).containsExactly(other);
    }

    @Test
    void a_schema_found_is_cached_and_an_absent_one_is_not() {
        SchemaDefinition schema = SchemaFixtures.aSchema().tenant(ACME).build();
        assertThat(schemas.find(ACME, schema.id())).isEmpty();
        raw.schemas().insert(schema);

        assertThat(schemas.find(ACME, schema.id())).contains(schema);
        assertThat(schemas.find(GLOBEX, schema.id())).isEmpty();
    }

    @Test
    void the_ttl_is_at_most_five_seconds_and_zero_turns_the_caches_off() {
        assertThatThrownBy(() -> new CacheSettings(Duration.ofSeconds(6), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CacheSettings.off().enabled()).isFalse();
        assertThatThrownBy(() -> new StoreCaches(CacheSettings.off(), clock, raw.eventBus(), raw.transactor()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
