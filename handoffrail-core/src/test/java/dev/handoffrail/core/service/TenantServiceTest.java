package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ErrorAssertions.assertError;
import static dev.handoffrail.core.service.ErrorAssertions.assertFieldError;
import static dev.handoffrail.core.service.TestRail.caller;
import static dev.handoffrail.core.service.TestRail.platformAdmin;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.port.in.ManageTenantsUseCase.EffectiveLimits;
import dev.handoffrail.core.port.in.ManageTenantsUseCase.TenantChanges;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantServiceTest {
    private final TestRail rail = new TestRail();
    private final TenantService service = new TenantService(rail.tenantPorts(), TestRail.SETTINGS);
    private final Caller operator = platformAdmin(TenantId.DEFAULT);

    @Test
    void a_created_tenant_gets_the_configured_default_tier_and_no_overrides() {
        RailSettings proByDefault = new RailSettings(TestRail.SETTINGS.tiers(), Tier.PRO, Duration.ofDays(1), false,
                List.of(), Duration.ofSeconds(1), Set.of(), 60, 30);
        TenantService proService = new TenantService(rail.tenantPorts(), proByDefault);

        Tenant tenant = proService.create(operator, "Acme Corp", null, ACME, null, null);

        assertThat(tenant).isEqualTo(new Tenant(ACME, "Acme Corp", Tier.PRO, null, null, T0, T0, null));
        assertThat(rail.stores.tenants().find(ACME)).contains(tenant);
    }

    @Test
    void a_tenant_without_an_id_gets_a_generated_uuid() {
        Tenant tenant = service.create(operator, "Acme Corp", Tier.BUSINESS, null, 0, 7);

        assertThat(tenant.id().value()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(tenant.tier()).isEqualTo(Tier.BUSINESS);
        assertThat(tenant.handoffsPerDayOverride()).isZero();
        assertThat(tenant.maxApiKeysOverride()).isEqualTo(7);
    }

    @Test
    void creating_a_tenant_is_audited_in_the_operators_tenant() {
        Tenant tenant = service.create(operator, "Acme Corp", Tier.PRO, ACME, null, null);

        AuditEntry entry = rail.onlyAuditEntry(TenantId.DEFAULT);
        assertThat(entry.resource()).isEqualTo(AuditResource.TENANT);
        assertThat(entry.resourceId()).isEqualTo("acme");
        assertThat(entry.action()).isEqualTo("tenant.created");
        assertThat(entry.actor()).isEqualTo("key:hr_plat0");
        assertThat(entry.details()).containsOnly(entry("name", "Acme Corp"), entry("tier", "pro"));
        assertThat(entry.timestamp()).isEqualTo(tenant.createdAt());
    }

    @Test
    void every_tenant_operation_needs_a_platform_admin() {
        Caller tenantAdmin = caller(TenantId.DEFAULT, Role.ADMIN);

        assertError(() -> service.create(tenantAdmin, "Acme", null, null, null, null), ErrorCode.FORBIDDEN,
                "Platform admin required");
        assertError(() -> service.list(tenantAdmin), ErrorCode.FORBIDDEN, "Platform admin required");
        assertError(() -> service.get(tenantAdmin, ACME), ErrorCode.FORBIDDEN, "Platform admin required");
        assertError(() -> service.delete(tenantAdmin, ACME), ErrorCode.FORBIDDEN, "Platform admin required");
    }

    @Test
    void names_and_overrides_are_validated_together() {
        assertFieldError(() -> service.create(operator, "", null, null, null, null), "name", "must not be empty");
        assertFieldError(() -> service.create(operator, "n".repeat(129), null, null, null, null), "name",
                "must be at most 128 characters");
        assertFieldError(() -> service.create(operator, "Acme", null, null, -1, null), "handoffs_per_day",
                "must be at least 0");
        assertFieldError(() -> service.create(operator, "Acme", null, null, null, 0), "max_api_keys",
                "must be at least 1");
        assertThat(rail.stores.tenants().listActive()).isEmpty();
    }

    @Test
    void names_are_unique_case_insensitively_among_live_tenants_only() {
        service.create(operator, "Acme Corp", null, ACME, null, null);

        assertError(() -> service.create(operator, "ACME corp", null, GLOBEX, null, null), ErrorCode.CONFLICT,
                "Tenant 'ACME corp' already exists");

        service.delete(operator, ACME);
        Tenant reused = service.create(operator, "ACME corp", null, GLOBEX, null, null);

        assertThat(reused.name()).isEqualTo("ACME corp");
    }

    @Test
    void an_id_is_never_reused_even_after_deletion() {
        service.create(operator, "Acme Corp", null, ACME, null, null);
        service.delete(operator, ACME);

        assertError(() -> service.create(operator, "Other", null, ACME, null, null), ErrorCode.CONFLICT,
                "Tenant id 'acme' is already in use");
    }

    @Test
    void listing_shows_live_tenants_newest_first() {
        service.create(operator, "Acme", null, ACME, null, null);
        rail.clock.advance(Duration.ofSeconds(1));
        service.create(operator, "Globex", null, GLOBEX, null, null);
        rail.clock.advance(Duration.ofSeconds(1));
        service.create(operator, "Gone", null, new TenantId("gone"), null, null);
        service.delete(operator, new TenantId("gone"));

        assertThat(service.list(operator)).extracting(Tenant::id).containsExactly(GLOBEX, ACME);
    }

    @Test
    void a_deleted_or_missing_tenant_is_not_found() {
        service.create(operator, "Acme", null, ACME, null, null);
        service.delete(operator, ACME);

        assertError(() -> service.get(operator, ACME), ErrorCode.NOT_FOUND, "Tenant acme not found");
        assertError(() -> service.get(operator, GLOBEX), ErrorCode.NOT_FOUND, "Tenant globex not found");
        assertError(() -> service.update(operator, ACME, changes("X", null, null, false, null, false)),
                ErrorCode.NOT_FOUND, "Tenant acme not found");
        assertError(() -> service.delete(operator, ACME), ErrorCode.NOT_FOUND, "Tenant acme not found");
    }

    @Test
    void a_patch_changes_only_what_it_names() {
        service.create(operator, "Acme", Tier.FREE, ACME, 10, 3);
        rail.clock.advance(Duration.ofMinutes(1));

        Tenant updated = service.update(operator, ACME, changes(null, Tier.PRO, null, false, null, false));

        assertThat(updated).isEqualTo(new Tenant(ACME, "Acme", Tier.PRO, 10, 3, T0, T0.plusSeconds(60), null));
        assertThat(rail.stores.tenants().find(ACME)).contains(updated);
        AuditEntry entry = rail.audit(TenantId.DEFAULT).get(0);
        assertThat(entry.action()).isEqualTo("tenant.updated");
        assertThat(entry.details()).containsOnly(entry("fields_changed", List.of("tier")));
    }

    @Test
    void explicit_resets_return_overrides_to_the_tier_defaults() {
        service.create(operator, "Acme", Tier.FREE, ACME, 10, 3);

        Tenant updated = service.update(operator, ACME, changes("Acme Two", null, null, true, 4, false));

        assertThat(updated.name()).isEqualTo("Acme Two");
        assertThat(updated.handoffsPerDayOverride()).isNull();
        assertThat(updated.maxApiKeysOverride()).isEqualTo(4);
        Tenant reset = service.update(operator, ACME, changes(null, null, null, false, null, true));
        assertThat(reset.maxApiKeysOverride()).isNull();
        assertThat(service.effectiveLimits(reset)).isEqualTo(new EffectiveLimits(5, 1));
    }

    @Test
    void a_patch_may_keep_its_own_name_but_not_take_another_live_tenants() {
        service.create(operator, "Acme", null, ACME, null, null);
        service.create(operator, "Globex", null, GLOBEX, null, null);

        assertThat(service.update(operator, ACME, changes("acme", null, null, false, null, false)).name())
                .isEqualTo("acme");
        assertError(() -> service.update(operator, ACME, changes("GLOBEX", null, null, false, null, false)),
                ErrorCode.CONFLICT, "Tenant 'GLOBEX' already exists");
        assertFieldError(() -> service.update(operator, ACME, changes("", null, null, false, null, false)), "name",
                "must not be empty");
        assertFieldError(() -> service.update(operator, ACME, changes(null, null, -5, false, null, false)),
                "handoffs_per_day", "must be at least 0");
    }

    @Test
    void deleting_soft_deletes_audits_and_announces_the_tenant() {
        service.create(operator, "Acme", null, ACME, null, null);
        rail.clock.advance(Duration.ofHours(1));

        service.delete(operator, ACME);

        Tenant deleted = rail.stores.tenants().find(ACME).orElseThrow();
        assertThat(deleted.deletedAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(rail.published).containsExactly(new EventBus.TenantDeleted(ACME));
        assertThat(rail.audit(TenantId.DEFAULT)).extracting(AuditEntry::action)
                .containsExactly("tenant.deleted", "tenant.created");
    }

    @Test
    void the_default_tenant_cannot_be_deleted() {
        rail.tenant(TenantId.DEFAULT, Tier.BUSINESS);

        assertError(() -> service.delete(operator, TenantId.DEFAULT), ErrorCode.CONFLICT,
                "Tenant default cannot be deleted");
        assertThat(rail.published).isEmpty();
    }

    @Test
    void effective_limits_show_overrides_or_tier_defaults_with_zero_as_unlimited() {
        Tenant free = service.create(operator, "Free", Tier.FREE, ACME, null, null);
        Tenant business = service.create(operator, "Biz", Tier.BUSINESS, GLOBEX, null, null);
        Tenant overridden = service.create(operator, "Custom", Tier.FREE, new TenantId("custom"), 0, 9);

        assertThat(service.effectiveLimits(free)).isEqualTo(new EffectiveLimits(5, 1));
        assertThat(service.effectiveLimits(business)).isEqualTo(new EffectiveLimits(0, 25));
        assertThat(service.effectiveLimits(overridden)).isEqualTo(new EffectiveLimits(0, 9));
    }

    private static TenantChanges changes(String name, Tier tier, Integer handoffs, boolean resetHandoffs,
                                         Integer keys, boolean resetKeys) {
        return new TenantChanges(name, tier, handoffs, resetHandoffs, keys, resetKeys);
    }
}
