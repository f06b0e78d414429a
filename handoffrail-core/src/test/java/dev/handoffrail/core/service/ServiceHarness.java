package dev.handoffrail.core.service;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.memory.InMemoryStores;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.WebhookId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The packet services over fresh in-memory adapters, a {@link MutableClock} at {@link Fixtures#T0} and tenant
 * {@link Fixtures#ACME} of the given tier; records every event the observer and the event bus see.
 */
final class ServiceHarness implements AutoCloseable {
    static final TenantId TENANT = Fixtures.ACME;
    static final AgentInfo SALES = new AgentInfo("sales-01", "SalesBot", "langchain", "0.3");
    static final AgentInfo BILLING = new AgentInfo("billing-01", "BillingBot", "crewai", null);

    final MutableClock clock = MutableClock.atT0();
    final InMemoryStores stores = InMemoryStores.create();
    final List<DomainEvent> observed = new CopyOnWriteArrayList<>();
    final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    final RailSettings settings = RailSettings.defaults();
    final PacketService.Ports ports;
    final PacketService service;
    final Caller admin = caller(Role.ADMIN);
    final Caller writer = caller(Role.WRITER);
    final Caller agent = caller(Role.AGENT);
    final Caller reader = caller(Role.READER);

    private ServiceHarness(Tier tier, Integer handoffsPerDay, ContextSchemaValidator validator) {
        ports = new PacketService.Ports(stores.transactor(), stores.packets(), stores.audit(), stores.tenants(),
                stores.webhooks(), stores.deliveries(), stores.schemas(), validator, stores.dailyHandoffs(),
                stores.eventBus(), clock);
        stores.tenants().insert(TenantFixtures.aTenant().id(TENANT).tier(tier).handoffsPerDay(handoffsPerDay)
                .build());
        stores.eventBus().subscribe(message -> {
            if (message instanceof EventBus.PacketEventMessage packetEvent) {
                published.add(packetEvent.event());
            }
        });
        RailObserver observer = new RailObserver() {
            @Override
            public void packetEvent(DomainEvent event) {
                observed.add(event);
            }
        };
        service = new PacketService(ports, settings, observer);
    }

    /** A pro tenant: unlimited handoffs, 10 agents, 256 KiB packets. */
    static ServiceHarness create() {
        return new ServiceHarness(Tier.PRO, null, null);
    }

    static ServiceHarness withTier(Tier tier) {
        return new ServiceHarness(tier, null, null);
    }

    static ServiceHarness withDailyHandoffs(int handoffsPerDay) {
        return new ServiceHarness(Tier.PRO, handoffsPerDay, null);
    }

    /** A pro tenant whose schemas are checked by {@link RequiredCustomKeys}. */
    static ServiceHarness withSchemaValidator() {
        return new ServiceHarness(Tier.PRO, null, new RequiredCustomKeys());
    }

    static Caller caller(Role role) {
        return new Caller(TENANT, ApiKeyId.random(), "hr_" + role.wireName().substring(0, 5), role, false);
    }

    static PacketDraft draft() {
        return PacketDraft.of(SALES, BILLING, "Customer wants to upgrade");
    }

    static PacketDraft draft(String sourceId, String targetId) {
        return PacketDraft.of(AgentInfo.of(sourceId, sourceId), AgentInfo.of(targetId, targetId), "Handoff");
    }

    static PacketDraft hitlDraft(List<String> options, Integer timeoutSeconds) {
        return draft().withHitl(HitlCheckpoint.of(true, "Refund exceeds policy", "Approve the refund?", options,
                timeoutSeconds));
    }

    /** These ports with {@code webhooks} instead of the in-memory webhook store. */
    PacketService.Ports portsWith(WebhookStore webhooks) {
        PacketService.Ports p = ports;
        return new PacketService.Ports(p.transactor(), p.packets(), p.audit(), p.tenants(), webhooks, p.deliveries(),
                p.schemas(), p.schemaValidator(), p.dailyHandoffs(), p.eventBus(), p.clock());
    }

    /** These ports with {@code transactor} instead of the in-memory stores' own. */
    PacketService.Ports portsWith(Transactor transactor) {
        PacketService.Ports p = ports;
        return new PacketService.Ports(transactor, p.packets(), p.audit(), p.tenants(), p.webhooks(), p.deliveries(),
                p.schemas(), p.schemaValidator(), p.dailyHandoffs(), p.eventBus(), p.clock());
    }

    /** The retention purge's ports over the same stores. */
    RetentionPurger.Ports purgerPorts() {
        return new RetentionPurger.Ports(stores.packets(), stores.tenants(), stores.audit(), clock);
    }

    Packet newPacket() {
        return service.create(writer, draft());
    }

    Packet claimedPacket() {
        return service.claim(agent, newPacket().id(), Claimant.of(BILLING));
    }

    /** Stores a packet built directly, bypassing the services (no history, no events). */
    Packet insert(PacketFixtures.Builder packet) {
        Packet built = packet.build();
        stores.packets().insert(built);
        return built;
    }

    Packet stored(PacketId id) {
        return stores.packets().find(TENANT, id).orElseThrow();
    }

    List<AuditEntry> history(PacketId id) {
        return stores.audit().history(TENANT, id);
    }

    /** Event types the observer saw, in order. */
    List<EventType> observedTypes() {
        return observed.stream().map(DomainEvent::type).toList();
    }

    /** The outbox rows of one webhook, newest first. */
    List<Delivery> deliveries(WebhookId webhook) {
        return stores.deliveries().listForWebhook(TENANT, webhook, null, 100, 0);
    }

    /** Forgets the events recorded so far, to look only at what comes next. */
    void clearEvents() {
        observed.clear();
        published.clear();
    }

    @Override
    public void close() {
        service.close();
    }

    /**
     * A stand-in for a JSON Schema implementation: {@code {"required_custom": ["amount"]}} demands those keys in
     * {@code context.custom}, with the message a JSON Schema library gives.
     */
    static final class RequiredCustomKeys implements ContextSchemaValidator {
        @Override
        public String compileError(Map<String, Object> jsonSchema) {
            return null;
        }

        @Override
        public List<FieldError> validate(Map<String, Object> jsonSchema, Map<String, Object> contextJson) {
            Object required = jsonSchema.get("required_custom");
            Map<?, ?> custom = (Map<?, ?>) contextJson.get("custom");
            List<FieldError> errors = new ArrayList<>();
            if (required instanceof List<?> keys) {
                for (Object key : keys) {
                    if (!custom.containsKey(key)) {
                        errors.add(new FieldError("context.custom", "'" + key + "' is a required property"));
                    }
                }
            }
            return errors;
        }
    }
}
