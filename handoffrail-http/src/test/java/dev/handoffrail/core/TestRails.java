package dev.handoffrail.core;

import dev.handoffrail.core.memory.InMemoryStores;
import dev.handoffrail.core.port.in.AuthenticateUseCase;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.port.in.ClaimPacketUseCase;
import dev.handoffrail.core.port.in.CreatePacketUseCase;
import dev.handoffrail.core.port.in.ManageKeysUseCase;
import dev.handoffrail.core.port.in.ManageSchemasUseCase;
import dev.handoffrail.core.port.in.ManageTenantsUseCase;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase;
import dev.handoffrail.core.port.in.QueryAuditUseCase;
import dev.handoffrail.core.port.in.QueryPacketsUseCase;
import dev.handoffrail.core.port.in.RespondToCheckpointUseCase;
import dev.handoffrail.core.port.in.StatsUseCase;
import dev.handoffrail.core.port.in.UpdatePacketUseCase;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.core.service.ExpirySweeper;
import dev.handoffrail.core.service.PacketService;
import dev.handoffrail.core.service.RetentionPurger;
import dev.handoffrail.core.service.WebhookDispatcher;
import java.lang.reflect.Proxy;
import java.time.Clock;

/**
 * Test-only: a {@link HandoffRail} over fresh in-memory adapters whose packet use cases are the real
 * {@link PacketService} unless the test replaces them, and whose authentication is given by the test (the other
 * use cases, the webhook transport and the host resolver fail when called). Stands in for
 * {@code HandoffRail.inMemory()} until that exists.
 */
public final class TestRails {
    private final InMemoryStores stores;
    private final EventBus eventBus;
    private final Clock clock;
    private RailSettings settings = RailSettings.defaults();
    private AuthenticateUseCase authenticate = unsupported(AuthenticateUseCase.class);
    private CreatePacketUseCase createPacket;
    private QueryPacketsUseCase queryPackets;
    private BatchPacketsUseCase batchPackets;
    private UpdatePacketUseCase updatePacket;
    private ClaimPacketUseCase claimPacket;
    private RespondToCheckpointUseCase respond;

    private TestRails(InMemoryStores stores, EventBus eventBus, Clock clock) {
        this.stores = stores;
        this.eventBus = eventBus;
        this.clock = clock;
    }

    public static TestRails over(InMemoryStores stores, EventBus eventBus, Clock clock) {
        return new TestRails(stores, eventBus, clock);
    }

    public TestRails settings(RailSettings railSettings) {
        this.settings = railSettings;
        return this;
    }

    public TestRails authenticate(AuthenticateUseCase useCase) {
        this.authenticate = useCase;
        return this;
    }

    public TestRails createPacket(CreatePacketUseCase useCase) {
        this.createPacket = useCase;
        return this;
    }

    public TestRails queryPackets(QueryPacketsUseCase useCase) {
        this.queryPackets = useCase;
        return this;
    }

    public TestRails batchPackets(BatchPacketsUseCase useCase) {
        this.batchPackets = useCase;
        return this;
    }

    public TestRails updatePacket(UpdatePacketUseCase useCase) {
        this.updatePacket = useCase;
        return this;
    }

    public TestRails claimPacket(ClaimPacketUseCase useCase) {
        this.claimPacket = useCase;
        return this;
    }

    public TestRails respondToCheckpoint(RespondToCheckpointUseCase useCase) {
        this.respond = useCase;
        return this;
    }

    public HandoffRail build() {
        RailPorts ports = new RailPorts(stores.transactor(), stores.packets(), stores.audit(), stores.tenants(),
                stores.keys(), stores.webhooks(), stores.deliveries(), stores.schemas(), stores.dailyHandoffs(),
                stores.idempotency(), stores.rateLimiter(), stores.connections(), eventBus,
                unsupported(WebhookTransport.class), unsupported(HostResolver.class), null, clock);
        PacketService packets = new PacketService(ports, settings, RailObserver.NONE);
        HandoffRail.UseCases useCases = new HandoffRail.UseCases(orElse(createPacket, packets),
                orElse(batchPackets, packets), orElse(queryPackets, packets), orElse(updatePacket, packets),
                orElse(claimPacket, packets), orElse(respond, packets), authenticate,
                unsupported(ManageKeysUseCase.class), unsupported(ManageTenantsUseCase.class),
                unsupported(ManageWebhooksUseCase.class), unsupported(ManageSchemasUseCase.class),
                unsupported(QueryAuditUseCase.class), unsupported(StatsUseCase.class));
        HandoffRail.Workers workers = new HandoffRail.Workers(new ExpirySweeper(ports, settings, RailObserver.NONE),
                new RetentionPurger(ports, settings), new WebhookDispatcher(ports, settings, RailObserver.NONE));
        return new HandoffRail(ports, settings, useCases, workers, java.util.List.of(packets::close));
    }

    private static <T> T orElse(T given, T fallback) {
        return given != null ? given : fallback;
    }

    private static <T> T unsupported(Class<T> type) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getName().equals("toString")) {
                return "unsupported " + type.getSimpleName();
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
        });
        return type.cast(proxy);
    }
}
