package dev.handoffrail.core;

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
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.port.out.WebhookTransport;
import java.lang.reflect.Proxy;
import java.time.Clock;

/**
 * Test-only: a {@link HandoffRail} whose use cases are given by the test (any left out fail when called), over the
 * given rate limiter, idempotency store, event bus and clock (every other port fails when called). Lets the HTTP
 * pipeline be tested without the services.
 */
public final class TestRails {
    private AuthenticateUseCase authenticate = unsupported(AuthenticateUseCase.class);
    private CreatePacketUseCase createPacket = unsupported(CreatePacketUseCase.class);
    private QueryPacketsUseCase queryPackets = unsupported(QueryPacketsUseCase.class);
    private BatchPacketsUseCase batchPackets = unsupported(BatchPacketsUseCase.class);
    private UpdatePacketUseCase updatePacket = unsupported(UpdatePacketUseCase.class);
    private ClaimPacketUseCase claimPacket = unsupported(ClaimPacketUseCase.class);
    private RespondToCheckpointUseCase respond = unsupported(RespondToCheckpointUseCase.class);
    private RateLimiter rateLimiter;
    private IdempotencyStore idempotency;
    private EventBus eventBus;
    private Clock clock;
    private RailSettings settings = RailSettings.defaults();

    public static TestRails builder(RateLimiter rateLimiter, IdempotencyStore idempotency, EventBus eventBus,
                                    Clock clock) {
        TestRails rails = new TestRails();
        rails.rateLimiter = rateLimiter;
        rails.idempotency = idempotency;
        rails.eventBus = eventBus;
        rails.clock = clock;
        return rails;
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

    public TestRails settings(RailSettings railSettings) {
        this.settings = railSettings;
        return this;
    }

    public HandoffRail build() {
        RailPorts ports = new RailPorts(unsupported(Transactor.class), unsupported(PacketStore.class),
                unsupported(AuditLog.class), unsupported(TenantStore.class), unsupported(ApiKeyStore.class),
                unsupported(WebhookStore.class), unsupported(DeliveryStore.class), unsupported(SchemaStore.class),
                unsupported(DailyHandoffCounter.class), idempotency, rateLimiter,
                unsupported(ConnectionCounter.class), eventBus, unsupported(WebhookTransport.class),
                unsupported(HostResolver.class), null, clock);
        HandoffRail.UseCases useCases = new HandoffRail.UseCases(createPacket, batchPackets, queryPackets,
                updatePacket, claimPacket, respond, authenticate, unsupported(ManageKeysUseCase.class),
                unsupported(ManageTenantsUseCase.class), unsupported(ManageWebhooksUseCase.class),
                unsupported(ManageSchemasUseCase.class), unsupported(QueryAuditUseCase.class),
                unsupported(StatsUseCase.class));
        return new HandoffRail(ports, settings, useCases);
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
