package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ErrorAssertions.assertError;
import static dev.handoffrail.core.service.ErrorAssertions.assertFieldError;
import static dev.handoffrail.core.service.TestRail.caller;
import static dev.handoffrail.core.service.TestRail.platformAdmin;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.ApiKeyFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyServiceTest {
    private static final String BOOTSTRAP_KEY = "hr_bootstrap_0123456789abcdefghijklmnopqrstuv";

    private final TestRail rail = new TestRail();
    private final KeyService service = new KeyService(rail.keyPorts(), TestRail.SETTINGS, rail.observer);
    private final Caller admin = caller(ACME, Role.ADMIN);

    @Test
    void a_created_key_defaults_to_reader_in_the_callers_tenant_and_stores_only_the_hash() {
        rail.tenant(ACME, Tier.PRO);

        IssuedApiKey issued = service.create(admin, "billing-agent", null, null, false);

        ApiKey key = issued.key();
        assertThat(key.role()).isEqualTo(Role.READER);
        assertThat(key.tenant()).isEqualTo(ACME);
        assertThat(key.name()).isEqualTo("billing-agent");
        assertThat(key.platformAdmin()).isFalse();
        assertThat(key.createdAt()).isEqualTo(T0);
        assertThat(issued.secret()).matches("hr_[A-Za-z0-9_-]{43}");
        assertThat(key.prefix()).isEqualTo(issued.secret().substring(0, 8));
        assertThat(rail.stores.keys().findByHash(ApiKeySecrets.hash(issued.secret()))).contains(key);
        assertThat(rail.observed).containsExactly("api_key:created");
    }

    @Test
    void creating_a_key_is_audited_with_the_callers_prefix_as_actor() {
        rail.tenant(ACME, Tier.PRO);

        IssuedApiKey issued = service.create(admin, "billing-agent", Role.AGENT, null, false);

        AuditEntry entry = rail.onlyAuditEntry(ACME);
        assertThat(entry.resource()).isEqualTo(AuditResource.API_KEY);
        assertThat(entry.resourceId()).isEqualTo(issued.key().id().toString());
        assertThat(entry.action()).isEqualTo("api_key.created");
        assertThat(entry.actor()).isEqualTo("key:hr_admin");
        assertThat(entry.apiKeyId()).isEqualTo(admin.keyId());
        assertThat(entry.details()).containsOnly(entry("name", "billing-agent"), entry("role", "agent"),
                entry("platform_admin", false));
    }

    @Test
    void only_admins_create_keys() {
        rail.tenant(ACME, Tier.PRO);

        assertError(() -> service.create(caller(ACME, Role.WRITER), "k", null, null, false), ErrorCode.FORBIDDEN,
                "Insufficient permissions. Required role: admin, current role: writer");
    }

    @Test
    void a_key_name_must_have_one_to_128_characters() {
        rail.tenant(ACME, Tier.PRO);

        assertFieldError(() -> service.create(admin, null, null, null, false), "name", "field is required");
        assertFieldError(() -> service.create(admin, "", null, null, false), "name", "must not be empty");
        assertFieldError(() -> service.create(admin, "x".repeat(129), null, null, false), "name",
                "must be at most 128 characters");
        assertThat(service.create(admin, "x".repeat(128), null, null, false).key().name()).hasSize(128);
    }

    @Test
    void another_tenant_or_the_platform_admin_flag_needs_a_platform_admin() {
        rail.tenant(ACME, Tier.PRO);
        rail.tenant(GLOBEX, Tier.PRO);

        assertError(() -> service.create(admin, "k", null, GLOBEX, false), ErrorCode.FORBIDDEN,
                "Platform admin required");
        assertError(() -> service.create(admin, "k", Role.ADMIN, null, true), ErrorCode.FORBIDDEN,
                "Platform admin required");
    }

    @Test
    void a_platform_admin_key_must_have_role_admin() {
        rail.tenant(ACME, Tier.PRO);

        assertFieldError(() -> service.create(platformAdmin(ACME), "ops", Role.WRITER, null, true), "platform_admin",
                "requires role admin");
    }

    @Test
    void a_platform_admin_creates_keys_in_another_tenant_audited_there() {
        rail.tenant(ACME, Tier.PRO);
        rail.tenant(GLOBEX, Tier.PRO);

        IssuedApiKey issued = service.create(platformAdmin(ACME), "ops", Role.ADMIN, GLOBEX, true);

        assertThat(issued.key().tenant()).isEqualTo(GLOBEX);
        assertThat(issued.key().platformAdmin()).isTrue();
        assertThat(rail.onlyAuditEntry(GLOBEX).action()).isEqualTo("api_key.created");
        assertThat(rail.audit(ACME)).isEmpty();
    }

    @Test
    void the_target_tenant_must_exist_and_not_be_deleted() {
        rail.tenant(ACME, Tier.PRO);
        rail.stores.tenants().insert(TenantFixtures.aTenant().id(GLOBEX).deletedAt(T0).build());

        assertError(() -> service.create(platformAdmin(ACME), "k", null, GLOBEX, false), ErrorCode.NOT_FOUND,
                "Tenant globex not found");
        assertError(() -> service.create(platformAdmin(ACME), "k", null, new TenantId("nope"), false),
                ErrorCode.NOT_FOUND, "Tenant nope not found");
    }

    @Test
    void the_tier_limits_non_revoked_keys() {
        rail.tenant(ACME, Tier.FREE);
        rail.stores.keys().insert(ApiKeyFixtures.aKey().revokedAt(T0).build());
        service.create(admin, "first", null, null, false);

        assertThatThrownBy(() -> service.create(admin, "second", null, null, false))
                .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                    assertThat(e.detail()).isEqualTo("Quota exceeded: max_api_keys (limit 1 for free tier)");
                    assertThat(e.extras()).containsOnly(entry("quota", "max_api_keys"), entry("limit", 1L),
                            entry("tier", "free"));
                });
        assertThat(rail.stores.keys().countActive(ACME)).isEqualTo(1);
    }

    @Test
    void a_tenant_override_replaces_the_tier_key_limit() {
        rail.stores.tenants().insert(TenantFixtures.aTenant().tier(Tier.FREE).maxApiKeys(2).build());
        service.create(admin, "first", null, null, false);

        service.create(admin, "second", null, null, false);

        assertThat(rail.stores.keys().countActive(ACME)).isEqualTo(2);
    }

    @Test
    void listing_shows_the_callers_tenant_keys_newest_first_revoked_included() {
        rail.tenant(ACME, Tier.BUSINESS);
        ApiKey old = storedKey(ApiKeyFixtures.aKey().createdAt(T0.minusSeconds(60)).revokedAt(T0));
        ApiKey recent = storedKey(ApiKeyFixtures.aKey());
        storedKey(ApiKeyFixtures.aKey().tenant(GLOBEX));

        assertThat(service.list(admin)).extracting(ApiKey::id).containsExactly(recent.id(), old.id());
    }

    @Test
    void listing_another_tenants_keys_needs_a_platform_admin_and_a_live_tenant() {
        rail.tenant(ACME, Tier.BUSINESS);
        rail.stores.tenants().insert(TenantFixtures.aTenant().id(GLOBEX).deletedAt(T0).build());
        ApiKey key = storedKey(ApiKeyFixtures.aKey());

        assertThat(service.listForTenant(platformAdmin(GLOBEX), ACME)).extracting(ApiKey::id)
                .containsExactly(key.id());
        assertError(() -> service.listForTenant(admin, ACME), ErrorCode.FORBIDDEN, "Platform admin required");
        assertError(() -> service.listForTenant(platformAdmin(ACME), GLOBEX), ErrorCode.NOT_FOUND,
                "Tenant globex not found");
    }

    @Test
    void revoking_marks_the_key_audits_and_announces_it() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey key = storedKey(ApiKeyFixtures.aKey());
        rail.clock.advance(Duration.ofMinutes(5));

        service.revoke(admin, key.id());

        assertThat(rail.stores.keys().findById(key.id()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(rail.onlyAuditEntry(ACME).action()).isEqualTo("api_key.revoked");
        assertThat(rail.published).containsExactly(new EventBus.KeyRevoked(ACME, key.id(), key.secretHash()));
        assertThat(rail.observed).containsExactly("api_key:revoked");
    }

    @Test
    void another_tenants_key_does_not_exist_for_a_tenant_admin_but_does_for_a_platform_admin() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey foreign = storedKey(ApiKeyFixtures.aKey().tenant(GLOBEX));

        assertError(() -> service.revoke(admin, foreign.id()), ErrorCode.NOT_FOUND,
                "API key " + foreign.id() + " not found");
        assertError(() -> service.rotate(admin, foreign.id()), ErrorCode.NOT_FOUND,
                "API key " + foreign.id() + " not found");
        ApiKeyId unknown = ApiKeyId.random();
        assertError(() -> service.revoke(admin, unknown), ErrorCode.NOT_FOUND, "API key " + unknown + " not found");

        service.revoke(platformAdmin(ACME), foreign.id());

        assertThat(rail.stores.keys().findById(foreign.id()).orElseThrow().revoked()).isTrue();
    }

    @Test
    void revoking_a_revoked_key_is_a_conflict() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey key = storedKey(ApiKeyFixtures.aKey().revokedAt(T0));

        assertError(() -> service.revoke(admin, key.id()), ErrorCode.CONFLICT,
                "API key " + key.id() + " is already revoked");
        assertThat(rail.published).isEmpty();
    }

    @Test
    void the_last_active_platform_admin_key_cannot_be_revoked() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey only = storedKey(ApiKeyFixtures.aKey().platformAdmin());
        storedKey(ApiKeyFixtures.aKey().platformAdmin().revokedAt(T0));

        assertError(() -> service.revoke(platformAdmin(ACME), only.id()), ErrorCode.CONFLICT,
                "Cannot revoke the last active platform-admin key " + only.id());

        ApiKey second = storedKey(ApiKeyFixtures.aKey().platformAdmin());
        service.revoke(platformAdmin(ACME), only.id());

        assertThat(rail.stores.keys().countActivePlatformAdmins()).isEqualTo(1);
        assertThat(rail.stores.keys().findById(second.id()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void rotating_issues_a_twin_key_and_revokes_the_old_one() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey old = storedKey(ApiKeyFixtures.aKey().name("billing").role(Role.AGENT));

        IssuedApiKey rotated = service.rotate(admin, old.id());

        assertThat(rotated.key().name()).isEqualTo("billing (rotated)");
        assertThat(rotated.key().role()).isEqualTo(Role.AGENT);
        assertThat(rotated.key().tenant()).isEqualTo(ACME);
        assertThat(rotated.key().platformAdmin()).isFalse();
        assertThat(rotated.key().revoked()).isFalse();
        assertThat(rail.stores.keys().findById(old.id()).orElseThrow().revoked()).isTrue();
        assertThat(rail.published).containsExactly(new EventBus.KeyRevoked(ACME, old.id(), old.secretHash()));
        assertThat(rail.observed).containsExactly("api_key:rotated");
        AuditEntry entry = rail.onlyAuditEntry(ACME);
        assertThat(entry.action()).isEqualTo("api_key.rotated");
        assertThat(entry.resourceId()).isEqualTo(old.id().toString());
        assertThat(entry.details()).containsOnly(entry("new_key_id", rotated.key().id().toString()));
    }

    @Test
    void the_rotated_suffix_is_not_repeated() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey old = storedKey(ApiKeyFixtures.aKey().name("billing (rotated)"));

        assertThat(service.rotate(admin, old.id()).key().name()).isEqualTo("billing (rotated)");
    }

    @Test
    void a_rotated_name_is_shortened_to_stay_within_128_characters() {
        String longName = "n".repeat(128);

        String rotated = KeyService.rotatedName(longName);

        assertThat(rotated).hasSize(128).isEqualTo("n".repeat(118) + " (rotated)");
    }

    @Test
    void rotation_is_exempt_from_the_key_quota_and_keeps_the_platform_admin_flag() {
        rail.tenant(ACME, Tier.FREE);
        ApiKey only = storedKey(ApiKeyFixtures.aKey().platformAdmin());

        IssuedApiKey rotated = service.rotate(platformAdmin(ACME), only.id());

        assertThat(rotated.key().platformAdmin()).isTrue();
        assertThat(rail.stores.keys().countActive(ACME)).isEqualTo(1);
    }

    @Test
    void only_a_platform_admin_rotates_a_platform_admin_key() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey operatorKey = storedKey(ApiKeyFixtures.aKey().platformAdmin());

        assertError(() -> service.rotate(admin, operatorKey.id()), ErrorCode.FORBIDDEN, "Platform admin required");
        assertThat(rail.stores.keys().findById(operatorKey.id()).orElseThrow().revoked()).isFalse();
    }

    @Test
    void rotating_a_revoked_key_is_a_conflict() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey key = storedKey(ApiKeyFixtures.aKey().revokedAt(T0));

        assertError(() -> service.rotate(admin, key.id()), ErrorCode.CONFLICT,
                "API key " + key.id() + " is already revoked — cannot rotate");
        assertThat(rail.stores.keys().listByTenant(ACME)).hasSize(1);
    }

    @Test
    void bootstrap_without_a_configured_key_creates_the_default_tenant_and_one_platform_admin_key() {
        IssuedApiKey generated = service.bootstrap(null);

        Tenant tenant = rail.stores.tenants().find(TenantId.DEFAULT).orElseThrow();
        assertThat(tenant.name()).isEqualTo("Default Tenant");
        assertThat(tenant.tier()).isEqualTo(Tier.BUSINESS);
        assertThat(generated.key().tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(generated.key().name()).isEqualTo("bootstrap");
        assertThat(generated.key().role()).isEqualTo(Role.ADMIN);
        assertThat(generated.key().platformAdmin()).isTrue();
        assertThat(generated.secret()).matches("hr_[A-Za-z0-9_-]{43}");
        AuditEntry entry = rail.onlyAuditEntry(TenantId.DEFAULT);
        assertThat(entry.actor()).isEqualTo("system:bootstrap");
        assertThat(entry.apiKeyId()).isNull();

        assertThat(service.bootstrap(null)).isNull();
        assertThat(rail.stores.keys().listByTenant(TenantId.DEFAULT)).hasSize(1);
    }

    @Test
    void bootstrap_generates_again_once_every_platform_admin_key_is_revoked() {
        IssuedApiKey first = service.bootstrap(null);
        rail.stores.keys().revoke(first.key().id(), T0);

        IssuedApiKey second = service.bootstrap(null);

        assertThat(second.key().id()).isNotEqualTo(first.key().id());
        assertThat(rail.stores.tenants().listActive()).hasSize(1);
    }

    @Test
    void a_configured_bootstrap_key_is_stored_once_and_nothing_is_generated() {
        assertThat(service.bootstrap(BOOTSTRAP_KEY)).isNull();
        assertThat(service.bootstrap(BOOTSTRAP_KEY)).isNull();

        List<ApiKey> keys = rail.stores.keys().listByTenant(TenantId.DEFAULT);
        assertThat(keys).hasSize(1);
        ApiKey key = keys.get(0);
        assertThat(key.secretHash()).isEqualTo(ApiKeySecrets.hash(BOOTSTRAP_KEY));
        assertThat(key.prefix()).isEqualTo("hr_boots");
        assertThat(key.name()).isEqualTo("bootstrap");
        assertThat(key.role()).isEqualTo(Role.ADMIN);
        assertThat(key.platformAdmin()).isTrue();
    }

    @Test
    void a_configured_bootstrap_key_that_was_revoked_stays_revoked() {
        service.bootstrap(BOOTSTRAP_KEY);
        ApiKey key = rail.stores.keys().listByTenant(TenantId.DEFAULT).get(0);
        rail.stores.keys().revoke(key.id(), T0);

        assertThat(service.bootstrap(BOOTSTRAP_KEY)).isNull();

        assertThat(rail.stores.keys().listByTenant(TenantId.DEFAULT)).extracting(ApiKey::revoked)
                .containsExactly(true);
    }

    @Test
    void a_malformed_bootstrap_key_is_refused() {
        assertThatThrownBy(() -> service.bootstrap("hr_short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HR_BOOTSTRAP_ADMIN_KEY must match ^hr_[A-Za-z0-9_-]{32,}$ and have at most 256 "
                        + "characters");
        assertThat(rail.stores.tenants().find(TenantId.DEFAULT)).isEmpty();
    }

    private ApiKey storedKey(ApiKeyFixtures.Builder builder) {
        ApiKey key = builder.build();
        rail.stores.keys().insert(key);
        return key;
    }
}
