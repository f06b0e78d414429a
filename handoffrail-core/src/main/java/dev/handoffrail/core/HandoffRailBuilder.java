package dev.handoffrail.core;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.cache.CacheSettings;
import dev.handoffrail.core.cache.StoreCaches;
import dev.handoffrail.core.memory.InMemoryConnectionCounter;
import dev.handoffrail.core.memory.InMemoryEventBus;
import dev.handoffrail.core.memory.InMemoryRateLimiter;
import dev.handoffrail.core.memory.InMemoryStores;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.core.service.AuditService;
import dev.handoffrail.core.service.AuthenticationService;
import dev.handoffrail.core.service.ExpirySweeper;
import dev.handoffrail.core.service.IdempotencyService;
import dev.handoffrail.core.service.JournalPorts;
import dev.handoffrail.core.service.KeyService;
import dev.handoffrail.core.service.MonitoringService;
import dev.handoffrail.core.service.PacketService;
import dev.handoffrail.core.service.RateLimitService;
import dev.handoffrail.core.service.RealtimeService;
import dev.handoffrail.core.service.RetentionPurger;
import dev.handoffrail.core.service.RevocationFeed;
import dev.handoffrail.core.service.SchemaService;
import dev.handoffrail.core.service.StatsService;
import dev.handoffrail.core.service.TenantService;
import dev.handoffrail.core.service.WebhookDispatcher;
import dev.handoffrail.core.service.WebhookService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Assembles a {@link HandoffRail}. The transactional stores (packets, packet statistics, audit, tenants, keys,
 * webhooks, deliveries, schemas, daily handoffs, idempotency) and the transactor are set all together, so that
 * they share transactions, or not at all, which gives the in-memory set. Every other port has its own default:
 * in-memory rate limiter, connection counter and event bus, the system host resolver, no JSON Schema validator,
 * {@link Clock#systemUTC()}, {@link RailSettings#defaults()}, {@link RailObserver#NONE} and
 * {@link CacheSettings#defaults()}. The core ships no webhook transport: a rail that delivers webhooks needs
 * {@link #webhookTransport(WebhookTransport)}; without one it gets {@link WebhookTransport#NONE}, so registering
 * a webhook is refused and every attempt fails with {@code No webhook transport configured}, while everything
 * else works. Not thread-safe; build once.
 */
public final class HandoffRailBuilder {
    private Transactor transactor;
    private PacketStore packetStore;
    private PacketStatistics packetStatistics;
    private AuditLog auditLog;
    private TenantStore tenantStore;
    private ApiKeyStore apiKeyStore;
    private WebhookStore webhookStore;
    private DeliveryStore deliveryStore;
    private SchemaStore schemaStore;
    private DailyHandoffCounter dailyHandoffCounter;
    private IdempotencyStore idempotencyStore;
    private RateLimiter rateLimiter;
    private ConnectionCounter connectionCounter;
    private EventBus eventBus;
    private WebhookTransport webhookTransport;
    private HostResolver hostResolver;
    private ContextSchemaValidator schemaValidator;
    private Clock clock;
    private RailSettings settings = RailSettings.defaults();
    private RailObserver observer = RailObserver.NONE;
    private CacheSettings caches = CacheSettings.defaults();

    HandoffRailBuilder() {
    }

    public HandoffRailBuilder transactor(Transactor value) {
        transactor = requireNonNull(value, "transactor");
        return this;
    }

    public HandoffRailBuilder packetStore(PacketStore value) {
        packetStore = requireNonNull(value, "packetStore");
        return this;
    }

    public HandoffRailBuilder packetStatistics(PacketStatistics value) {
        packetStatistics = requireNonNull(value, "packetStatistics");
        return this;
    }

    public HandoffRailBuilder auditLog(AuditLog value) {
        auditLog = requireNonNull(value, "auditLog");
        return this;
    }

    public HandoffRailBuilder tenantStore(TenantStore value) {
        tenantStore = requireNonNull(value, "tenantStore");
        return this;
    }

    public HandoffRailBuilder apiKeyStore(ApiKeyStore value) {
        apiKeyStore = requireNonNull(value, "apiKeyStore");
        return this;
    }

    public HandoffRailBuilder webhookStore(WebhookStore value) {
        webhookStore = requireNonNull(value, "webhookStore");
        return this;
    }

    public HandoffRailBuilder deliveryStore(DeliveryStore value) {
        deliveryStore = requireNonNull(value, "deliveryStore");
        return this;
    }

    public HandoffRailBuilder schemaStore(SchemaStore value) {
        schemaStore = requireNonNull(value, "schemaStore");
        return this;
    }

    public HandoffRailBuilder dailyHandoffCounter(DailyHandoffCounter value) {
        dailyHandoffCounter = requireNonNull(value, "dailyHandoffCounter");
        return this;
    }

    public HandoffRailBuilder idempotencyStore(IdempotencyStore value) {
        idempotencyStore = requireNonNull(value, "idempotencyStore");
        return this;
    }

    public HandoffRailBuilder rateLimiter(RateLimiter value) {
        rateLimiter = requireNonNull(value, "rateLimiter");
        return this;
    }

    public HandoffRailBuilder connectionCounter(ConnectionCounter value) {
        connectionCounter = requireNonNull(value, "connectionCounter");
        return this;
    }

    public HandoffRailBuilder eventBus(EventBus value) {
        eventBus = requireNonNull(value, "eventBus");
        return this;
    }

    /**
     * How webhook requests are sent (for example {@code JettyWebhookTransport} of {@code handoffrail-adapters});
     * required to register and deliver webhooks. The rail does not close it.
     */
    public HandoffRailBuilder webhookTransport(WebhookTransport value) {
        webhookTransport = requireNonNull(value, "webhookTransport");
        return this;
    }

    public HandoffRailBuilder hostResolver(HostResolver value) {
        hostResolver = requireNonNull(value, "hostResolver");
        return this;
    }

    /** JSON Schema support for the schema registry; without one, registering a schema fails. */
    public HandoffRailBuilder schemaValidator(ContextSchemaValidator value) {
        schemaValidator = requireNonNull(value, "schemaValidator");
        return this;
    }

    public HandoffRailBuilder clock(Clock value) {
        clock = requireNonNull(value, "clock");
        return this;
    }

    public HandoffRailBuilder settings(RailSettings value) {
        settings = requireNonNull(value, "settings");
        return this;
    }

    public HandoffRailBuilder observer(RailObserver value) {
        observer = requireNonNull(value, "observer");
        return this;
    }

    /**
     * The per-instance caches of tenants, webhook subscribers and schemas around the stores
     * ({@link StoreCaches}); {@link CacheSettings#defaults()} unless set, {@link CacheSettings#off()} for none.
     */
    public HandoffRailBuilder caches(CacheSettings value) {
        caches = requireNonNull(value, "caches");
        return this;
    }

    /**
     * Wires every service over the ports. Throws {@link IllegalStateException} when only some of the
     * transactional stores and the transactor were set.
     */
    public HandoffRail build() {
        List<AutoCloseable> created = new ArrayList<>();
        RailPorts ports = cached(ports(created), created);
        PacketService packets = new PacketService(packetPorts(ports), settings, observer);
        WebhookDispatcher dispatcher = new WebhookDispatcher(new WebhookDispatcher.Ports(ports.transactor(),
                ports.webhooks(), ports.deliveries(), ports.tenants(), ports.audit(), ports.webhookTransport(),
                ports.hostResolver(), ports.clock()),
                settings, observer);
        RealtimeService realtime = new RealtimeService(ports.connections(), ports.eventBus(), settings);
        WiredRail.UseCases useCases = new WiredRail.UseCases(packets, packets, packets, packets, packets, packets,
                new AuthenticationService(ports.keys(), ports.tenants(), ports.clock()),
                new RateLimitService(ports.rateLimiter(), ports.clock(), settings),
                new IdempotencyService(ports.idempotency(), ports.clock()), new RevocationFeed(ports.eventBus()),
                realtime,
                new KeyService(new KeyService.Ports(ports.transactor(), ports.keys(), ports.tenants(), ports.audit(),
                        ports.eventBus(), ports.clock()), settings, observer),
                new TenantService(new TenantService.Ports(ports.transactor(), ports.tenants(), ports.audit(),
                        ports.eventBus(), ports.clock()), settings),
                new WebhookService(new WebhookService.Ports(ports.transactor(), ports.webhooks(), ports.deliveries(),
                        ports.tenants(), ports.audit(), ports.clock()), settings, dispatcher),
                new SchemaService(new SchemaService.Ports(ports.transactor(), ports.schemas(), ports.schemaValidator(),
                        ports.audit(), ports.clock())),
                new AuditService(ports.audit(), ports.tenants(), settings),
                new StatsService(ports.packetStatistics(), ports.clock()),
                new MonitoringService(ports.packets(), ports.packetStatistics(), ports.tenants(), ports.webhooks(),
                        ports.keys(), ports.deliveries(), ports.clock()));
        WiredRail.Workers workers = new WiredRail.Workers(
                new ExpirySweeper(new ExpirySweeper.Ports(ports.packets(), new JournalPorts(ports.transactor(),
                        ports.audit(), ports.webhooks(), ports.deliveries(), ports.eventBus(), ports.clock())),
                        settings, observer),
                new RetentionPurger(new RetentionPurger.Ports(ports.packets(), ports.tenants(), ports.audit(),
                        ports.clock()), settings),
                dispatcher);
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(packets::close);
        resources.add(realtime);
        resources.addAll(created);
        return new WiredRail(settings, ports.clock(), useCases, workers, resources);
    }

    private static PacketService.Ports packetPorts(RailPorts ports) {
        return new PacketService.Ports(ports.transactor(), ports.packets(), ports.audit(), ports.tenants(),
                ports.webhooks(), ports.deliveries(), ports.schemas(), ports.schemaValidator(), ports.dailyHandoffs(),
                ports.eventBus(), ports.clock());
    }

    private RailPorts ports(List<AutoCloseable> created) {
        List<Object> stores = Arrays.asList(transactor, packetStore, packetStatistics, auditLog, tenantStore,
                apiKeyStore, webhookStore, deliveryStore, schemaStore, dailyHandoffCounter, idempotencyStore);
        long set = stores.stream().filter(Objects::nonNull).count();
        if (set != 0 && set != stores.size()) {
            throw new IllegalStateException("set the transactor and every transactional store together (packet, "
                    + "packet statistics, audit, tenant, API key, webhook, delivery, schema, daily handoff, "
                    + "idempotency), or none");
        }
        InMemoryStores memory = set == 0 ? InMemoryStores.create() : null;
        EventBus bus = eventBus;
        if (bus == null) {
            bus = memory != null ? memory.eventBus() : new InMemoryEventBus();
            created.add(bus);
        }
        WebhookTransport transport = webhookTransport != null ? webhookTransport : WebhookTransport.NONE;
        if (memory != null) {
            return new RailPorts(memory.transactor(), memory.packets(), memory.packetStatistics(), memory.audit(),
                    memory.tenants(), memory.keys(), memory.webhooks(), memory.deliveries(), memory.schemas(),
                    memory.dailyHandoffs(), memory.idempotency(),
                    rateLimiter != null ? rateLimiter : memory.rateLimiter(),
                    connectionCounter != null ? connectionCounter : memory.connections(), bus, transport,
                    resolver(), schemaValidator, clock());
        }
        return new RailPorts(transactor, packetStore, packetStatistics, auditLog, tenantStore, apiKeyStore,
                webhookStore, deliveryStore, schemaStore, dailyHandoffCounter, idempotencyStore,
                rateLimiter != null ? rateLimiter : new InMemoryRateLimiter(),
                connectionCounter != null ? connectionCounter : new InMemoryConnectionCounter(), bus, transport,
                resolver(), schemaValidator, clock());
    }

    /** {@code ports} with the tenant, webhook and schema stores behind {@link StoreCaches}, unless caches are off. */
    private RailPorts cached(RailPorts p, List<AutoCloseable> created) {
        if (!caches.enabled()) {
            return p;
        }
        StoreCaches stores = new StoreCaches(caches, p.clock(), p.eventBus(), p.transactor());
        created.add(stores);
        return new RailPorts(stores.transactor(), p.packets(), p.packetStatistics(), p.audit(),
                stores.tenants(p.tenants()), p.keys(),
                stores.webhooks(p.webhooks()), p.deliveries(), stores.schemas(p.schemas()), p.dailyHandoffs(),
                p.idempotency(), p.rateLimiter(), p.connections(), p.eventBus(), p.webhookTransport(),
                p.hostResolver(), p.schemaValidator(), p.clock());
    }

    private HostResolver resolver() {
        return hostResolver != null ? hostResolver : HostResolver.system();
    }

    private Clock clock() {
        return clock != null ? clock : Clock.systemUTC();
    }
}
