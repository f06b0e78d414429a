package dev.handoffrail.core;

import dev.handoffrail.core.port.in.AuthenticateUseCase;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.port.in.ClaimPacketUseCase;
import dev.handoffrail.core.port.in.CreatePacketUseCase;
import dev.handoffrail.core.port.in.QueryPacketsUseCase;
import dev.handoffrail.core.port.in.RespondToCheckpointUseCase;
import dev.handoffrail.core.port.in.UpdatePacketUseCase;
import dev.handoffrail.core.port.out.EventBus;
import java.time.Clock;
import java.util.List;

/**
 * Test-only: the in-memory {@link HandoffRail} of {@link HandoffRail#builder()} (given clock, event bus and
 * settings), in which a test may replace authentication or packet use cases to observe exactly what the HTTP
 * adapter hands over. Everything not replaced is the real service.
 */
public final class TestRails {
    private final EventBus eventBus;
    private final Clock clock;
    private RailSettings settings = RailSettings.defaults();
    private AuthenticateUseCase authenticate;
    private CreatePacketUseCase createPacket;
    private QueryPacketsUseCase queryPackets;
    private BatchPacketsUseCase batchPackets;
    private UpdatePacketUseCase updatePacket;
    private ClaimPacketUseCase claimPacket;
    private RespondToCheckpointUseCase respond;

    private TestRails(EventBus eventBus, Clock clock) {
        this.eventBus = eventBus;
        this.clock = clock;
    }

    public static TestRails over(EventBus eventBus, Clock clock) {
        return new TestRails(eventBus, clock);
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
        HandoffRail real = HandoffRail.builder().clock(clock).eventBus(eventBus).settings(settings).build();
        HandoffRail.UseCases useCases = new HandoffRail.UseCases(orElse(createPacket, real.createPacket()),
                orElse(batchPackets, real.batchPackets()), orElse(queryPackets, real.queryPackets()),
                orElse(updatePacket, real.updatePacket()), orElse(claimPacket, real.claimPacket()),
                orElse(respond, real.respondToCheckpoint()), orElse(authenticate, real.authenticate()),
                real.manageKeys(), real.manageTenants(), real.manageWebhooks(), real.manageSchemas(),
                real.queryAudit(), real.stats());
        HandoffRail.Workers workers = new HandoffRail.Workers(real.expirySweeper(), real.retentionPurger(),
                real.webhookDispatcher());
        return new HandoffRail(real.ports(), settings, useCases, workers, List.of(real::close));
    }

    private static <T> T orElse(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
