package dev.handoffrail.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.memory.InMemoryStores;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.TenantFixtures;
import dev.handoffrail.core.webhook.WebhookId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * In-memory ports for service tests: a {@link MutableClock} at T0, a fake DNS the test edits (IP literals resolve
 * to themselves), and recordings of what was published on the event bus and reported to the observer.
 * Production-like settings ({@code prod} environment) with {@code 127.0.0.1} allow-listed for local receivers.
 */
final class TestRail {
    static final RailSettings SETTINGS = new RailSettings(RailSettings.defaults().tiers(), Tier.FREE,
            Duration.ofDays(1), false, RailSettings.defaults().webhookRetryDelays(), Duration.ofSeconds(2),
            Set.of("127.0.0.1"), 60, 30);

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+");
    private static final WebhookTransport NO_REQUESTS = (url, pinned, headers, body, timeout) -> {
        throw new AssertionError("no webhook request expected");
    };

    final MutableClock clock = MutableClock.atT0();
    final InMemoryStores stores = InMemoryStores.create();
    final Map<String, InetAddress> dns = new ConcurrentHashMap<>();
    final List<EventBus.Message> published = new CopyOnWriteArrayList<>();
    final List<String> observed = new CopyOnWriteArrayList<>();
    final RailObserver observer = new RailObserver() {
        @Override
        public void apiKeyOperation(String operation) {
            observed.add("api_key:" + operation);
        }

        @Override
        public void webhookAttempt(WebhookId webhook, EventType eventType, boolean success, Duration latency) {
            observed.add("webhook:" + eventType.wireName() + ":" + (success ? "success" : "failed"));
        }
    };

    TestRail() {
        stores.eventBus().subscribe(published::add);
    }

    /** The fake DNS: names the test registered, and IP literals resolving to themselves. */
    HostResolver resolver() {
        return host -> {
            InetAddress address = dns.get(host);
            if (address == null && !IP_LITERAL.matcher(host).matches()) {
                throw new UnknownHostException(host);
            }
            return List.of(address != null ? address : InetAddress.getByName(host));
        };
    }

    KeyService.Ports keyPorts() {
        return new KeyService.Ports(stores.transactor(), stores.keys(), stores.tenants(), stores.audit(),
                stores.eventBus(), clock);
    }

    TenantService.Ports tenantPorts() {
        return new TenantService.Ports(stores.transactor(), stores.tenants(), stores.audit(), stores.eventBus(),
                clock);
    }

    /** Schema registry ports; {@code validator} null means no JSON Schema support. */
    SchemaService.Ports schemaPorts(ContextSchemaValidator validator) {
        return new SchemaService.Ports(stores.transactor(), stores.schemas(), validator, stores.audit(), clock);
    }

    WebhookService.Ports webhookPorts() {
        return new WebhookService.Ports(stores.transactor(), stores.webhooks(), stores.deliveries(),
                stores.tenants(), stores.audit(), clock);
    }

    /** Delivery ports over {@code transport} (a transport that must never be used when null). */
    WebhookDispatcher.Ports dispatcherPorts(WebhookTransport transport) {
        return new WebhookDispatcher.Ports(stores.transactor(), stores.webhooks(), stores.deliveries(),
                stores.tenants(), stores.audit(), transport != null ? transport : NO_REQUESTS, resolver(), clock);
    }

    Tenant tenant(TenantId id, Tier tier) {
        Tenant tenant = TenantFixtures.aTenant().id(id).tier(tier).build();
        stores.tenants().insert(tenant);
        return tenant;
    }

    /** Every audit entry of the tenant, newest first. */
    List<AuditEntry> audit(TenantId tenant) {
        return stores.audit().query(tenant, new AuditQuery(null, null, null, null, null, null, 200, 0)).entries();
    }

    /** The tenant's only audit entry; fails unless there is exactly one. */
    AuditEntry onlyAuditEntry(TenantId tenant) {
        List<AuditEntry> entries = audit(tenant);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    static Caller caller(TenantId tenant, Role role) {
        return new Caller(tenant, ApiKeyId.random(), "hr_" + role.wireName().substring(0, 5), role, false);
    }

    static Caller platformAdmin(TenantId tenant) {
        return new Caller(tenant, ApiKeyId.random(), "hr_plat0", Role.ADMIN, true);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
