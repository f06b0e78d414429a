package dev.handoffrail.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.Channel;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.memory.InMemoryConnectionCounter;
import dev.handoffrail.core.memory.InMemoryEventBus;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.RealtimeUseCase;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RealtimeServiceTest {
    private final InMemoryConnectionCounter counter = new InMemoryConnectionCounter();
    private final InMemoryEventBus bus = new InMemoryEventBus();
    private final RealtimeService service = new RealtimeService(counter, bus, RailSettings.defaults());

    @Test
    void a_connection_without_channels_receives_every_event_of_its_tenant_and_no_other() {
        Recorder recorder = new Recorder();
        service.open(caller(Fixtures.ACME, Tier.PRO, Role.READER), recorder);

        DomainEvent ours = event(Fixtures.ACME, "created", "billing-01");
        bus.publish(new EventBus.PacketEventMessage(event(Fixtures.GLOBEX, "created", "billing-01")));
        bus.publish(new EventBus.PacketEventMessage(ours));

        assertThat(recorder.events).containsExactly(ours);
    }

    @Test
    void channels_filter_and_an_event_matching_several_is_delivered_once() {
        Recorder recorder = new Recorder();
        RealtimeUseCase.Connection connection = service.open(caller(Fixtures.ACME, Tier.PRO, Role.READER), recorder);
        connection.subscribe(Channel.parse("status:created").orElseThrow());
        connection.subscribe(Channel.parse("agent:billing-01").orElseThrow());

        DomainEvent both = event(Fixtures.ACME, "created", "billing-01");
        DomainEvent agentOnly = event(Fixtures.ACME, "claimed", "billing-01");
        bus.publish(new EventBus.PacketEventMessage(both));
        bus.publish(new EventBus.PacketEventMessage(event(Fixtures.ACME, "claimed", "support-01")));
        bus.publish(new EventBus.PacketEventMessage(agentOnly));
        connection.unsubscribe(Channel.parse("agent:billing-01").orElseThrow());
        bus.publish(new EventBus.PacketEventMessage(event(Fixtures.ACME, "claimed", "billing-01")));

        assertThat(recorder.events).containsExactly(both, agentOnly);
        assertThat(connection.channels()).containsExactly(Channel.parse("status:created").orElseThrow());
    }

    @Test
    void a_connection_holds_at_most_one_hundred_channels() {
        RealtimeUseCase.Connection connection = service.open(caller(Fixtures.ACME, Tier.PRO, Role.READER),
                new Recorder());
        for (int i = 0; i < 100; i++) {
            assertThat(connection.subscribe(new Channel(Channel.Kind.AGENT, "a" + i))).isTrue();
        }

        assertThat(connection.subscribe(new Channel(Channel.Kind.AGENT, "a100"))).isFalse();
        assertThat(connection.subscribe(new Channel(Channel.Kind.AGENT, "a7"))).isTrue();
        assertThat(connection.channels()).hasSize(100);
    }

    @Test
    void the_tier_limit_refuses_one_connection_more_and_closing_frees_the_place() {
        Authenticated free = caller(Fixtures.ACME, Tier.FREE, Role.READER);
        RealtimeUseCase.Connection first = service.open(free, new Recorder());

        assertThatThrownBy(() -> service.open(free, new Recorder())).isInstanceOfSatisfying(
                HandoffRailException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.detail()).isEqualTo("Real-time connection limit reached (1 for free tier)");
                    assertThat(e.extras()).containsEntry("window", "connections").containsEntry("retry_after", 30L);
                });
        first.close();
        first.close();

        assertThat(counter.open(Fixtures.ACME)).isZero();
        assertThat(service.open(free, new Recorder()).id()).isNotEqualTo(first.id());
    }

    @Test
    void opening_needs_the_subscribe_permission_which_every_role_has() {
        for (Role role : Role.values()) {
            assertThat(service.open(caller(new TenantId("t-" + role.wireName()), Tier.PRO, role), new Recorder()))
                    .isNotNull();
        }
    }

    @Test
    void a_revoked_key_ends_its_own_connections_only_and_stops_their_events() {
        Authenticated doomed = caller(Fixtures.ACME, Tier.PRO, Role.READER);
        Recorder revoked = new Recorder();
        Recorder other = new Recorder();
        service.open(doomed, revoked);
        service.open(caller(Fixtures.ACME, Tier.PRO, Role.READER), other);

        bus.publish(new EventBus.KeyRevoked(Fixtures.ACME, doomed.key().id(), "hash"));
        bus.publish(new EventBus.PacketEventMessage(event(Fixtures.ACME, "created", "billing-01")));

        assertThat(revoked.closures).containsExactly(RealtimeUseCase.Closure.KEY_REVOKED);
        assertThat(revoked.events).isEmpty();
        assertThat(other.closures).isEmpty();
        assertThat(other.events).hasSize(1);
        assertThat(counter.open(Fixtures.ACME)).isEqualTo(1);
    }

    @Test
    void a_deleted_tenant_and_the_shutdown_end_connections_once_and_refuse_new_ones_after_shutdown() {
        Recorder acme = new Recorder();
        Recorder globex = new Recorder();
        service.open(caller(Fixtures.ACME, Tier.PRO, Role.READER), acme);
        service.open(caller(Fixtures.GLOBEX, Tier.PRO, Role.READER), globex);

        bus.publish(new EventBus.TenantDeleted(Fixtures.ACME));
        service.close();
        service.close();

        assertThat(acme.closures).containsExactly(RealtimeUseCase.Closure.TENANT_DELETED);
        assertThat(globex.closures).containsExactly(RealtimeUseCase.Closure.SHUTDOWN);
        assertThat(service.openHere()).isZero();
        assertThatThrownBy(() -> service.open(caller(Fixtures.ACME, Tier.PRO, Role.READER), new Recorder()))
                .isInstanceOfSatisfying(HandoffRailException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    private static Authenticated caller(TenantId tenantId, Tier tier, Role role) {
        Tenant tenant = TenantFixtures.aTenant().id(tenantId).tier(tier).build();
        ApiKey key = new ApiKey(ApiKeyId.random(), tenantId, "test", "hr_abcde", "hash", role, false, Fixtures.T0,
                null, null);
        return new Authenticated(key, tenant);
    }

    private static DomainEvent event(TenantId tenant, String status, String targetAgent) {
        Map<String, Object> metadata = Map.of("source_agent", Map.of("id", "router"), "target_agent",
                Map.of("id", targetAgent));
        return new DomainEvent(EventType.PACKET_CREATED, tenant, PacketId.random(),
                Map.of("status", status, "metadata", metadata), Fixtures.T0, null);
    }

    /** Records what the service tells one connection. */
    private static final class Recorder implements RealtimeUseCase.Listener {
        final List<DomainEvent> events = new CopyOnWriteArrayList<>();
        final List<RealtimeUseCase.Closure> closures = new CopyOnWriteArrayList<>();

        @Override
        public void event(DomainEvent event) {
            events.add(event);
        }

        @Override
        public void closed(RealtimeUseCase.Closure closure) {
            closures.add(closure);
        }
    }
}
