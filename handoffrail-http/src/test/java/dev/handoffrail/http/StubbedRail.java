package dev.handoffrail.http;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.port.in.AuthenticateUseCase;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.port.in.ClaimPacketUseCase;
import dev.handoffrail.core.port.in.CreatePacketUseCase;
import dev.handoffrail.core.port.in.IdempotencyUseCase;
import dev.handoffrail.core.port.in.ManageKeysUseCase;
import dev.handoffrail.core.port.in.ManageSchemasUseCase;
import dev.handoffrail.core.port.in.ManageTenantsUseCase;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase;
import dev.handoffrail.core.port.in.MonitoringUseCase;
import dev.handoffrail.core.port.in.QueryAuditUseCase;
import dev.handoffrail.core.port.in.QueryPacketsUseCase;
import dev.handoffrail.core.port.in.RateLimitUseCase;
import dev.handoffrail.core.port.in.RealtimeUseCase;
import dev.handoffrail.core.port.in.RespondToCheckpointUseCase;
import dev.handoffrail.core.port.in.RevocationsUseCase;
import dev.handoffrail.core.port.in.StatsUseCase;
import dev.handoffrail.core.port.in.UpdatePacketUseCase;
import dev.handoffrail.core.service.ExpirySweeper;
import dev.handoffrail.core.service.RetentionPurger;
import dev.handoffrail.core.service.WebhookDispatcher;
import java.time.Clock;

/**
 * A {@link HandoffRail} built by the public builder in which a test may replace authentication or packet use
 * cases to observe exactly what the HTTP adapter hands over. Everything not replaced is the real rail's.
 */
public final class StubbedRail implements HandoffRail {
    private final HandoffRail real;
    private AuthenticateUseCase authenticate;
    private CreatePacketUseCase createPacket;
    private QueryPacketsUseCase queryPackets;
    private BatchPacketsUseCase batchPackets;
    private UpdatePacketUseCase updatePacket;
    private ClaimPacketUseCase claimPacket;
    private RespondToCheckpointUseCase respond;

    private StubbedRail(HandoffRail real) {
        this.real = real;
    }

    /** Stubs in front of {@code real}, which this rail closes. */
    public static StubbedRail over(HandoffRail real) {
        return new StubbedRail(real);
    }

    public StubbedRail authenticate(AuthenticateUseCase useCase) {
        this.authenticate = useCase;
        return this;
    }

    public StubbedRail createPacket(CreatePacketUseCase useCase) {
        this.createPacket = useCase;
        return this;
    }

    public StubbedRail queryPackets(QueryPacketsUseCase useCase) {
        this.queryPackets = useCase;
        return this;
    }

    public StubbedRail batchPackets(BatchPacketsUseCase useCase) {
        this.batchPackets = useCase;
        return this;
    }

    public StubbedRail updatePacket(UpdatePacketUseCase useCase) {
        this.updatePacket = useCase;
        return this;
    }

    public StubbedRail claimPacket(ClaimPacketUseCase useCase) {
        this.claimPacket = useCase;
        return this;
    }

    public StubbedRail respondToCheckpoint(RespondToCheckpointUseCase useCase) {
        this.respond = useCase;
        return this;
    }

    @Override
    public RailSettings settings() {
        return real.settings();
    }

    @Override
    public Clock clock() {
        return real.clock();
    }

    @Override
    public CreatePacketUseCase createPacket() {
        return orElse(createPacket, real.createPacket());
    }

    @Override
    public BatchPacketsUseCase batchPackets() {
        return orElse(batchPackets, real.batchPackets());
    }

    @Override
    public QueryPacketsUseCase queryPackets() {
        return orElse(queryPackets, real.queryPackets());
    }

    @Override
    public UpdatePacketUseCase updatePacket() {
        return orElse(updatePacket, real.updatePacket());
    }

    @Override
    public ClaimPacketUseCase claimPacket() {
        return orElse(claimPacket, real.claimPacket());
    }

    @Override
    public RespondToCheckpointUseCase respondToCheckpoint() {
        return orElse(respond, real.respondToCheckpoint());
    }

    @Override
    public AuthenticateUseCase authenticate() {
        return orElse(authenticate, real.authenticate());
    }

    @Override
    public RateLimitUseCase rateLimits() {
        return real.rateLimits();
    }

    @Override
    public IdempotencyUseCase idempotency() {
        return real.idempotency();
    }

    @Override
    public RevocationsUseCase revocations() {
        return real.revocations();
    }

    @Override
    public RealtimeUseCase realtime() {
        return real.realtime();
    }

    @Override
    public ManageKeysUseCase manageKeys() {
        return real.manageKeys();
    }

    @Override
    public ManageTenantsUseCase manageTenants() {
        return real.manageTenants();
    }

    @Override
    public ManageWebhooksUseCase manageWebhooks() {
        return real.manageWebhooks();
    }

    @Override
    public ManageSchemasUseCase manageSchemas() {
        return real.manageSchemas();
    }

    @Override
    public QueryAuditUseCase queryAudit() {
        return real.queryAudit();
    }

    @Override
    public StatsUseCase stats() {
        return real.stats();
    }

    @Override
    public MonitoringUseCase monitoring() {
        return real.monitoring();
    }

    @Override
    public ExpirySweeper expirySweeper() {
        return real.expirySweeper();
    }

    @Override
    public RetentionPurger retentionPurger() {
        return real.retentionPurger();
    }

    @Override
    public WebhookDispatcher webhookDispatcher() {
        return real.webhookDispatcher();
    }

    @Override
    public void close() {
        real.close();
    }

    private static <T> T orElse(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
