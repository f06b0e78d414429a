package dev.handoffrail.core.service;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.ApiKeyFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {
    private final TestRail rail = new TestRail();
    private final AuthenticationService service = new AuthenticationService(rail.stores.keys(),
            rail.stores.tenants(), rail.clock);
    private final String secret = ApiKeySecrets.generate(new SecureRandom());

    private ApiKey storeKey(ApiKeyFixtures.Builder key) {
        ApiKey stored = key.secret(secret).build();
        rail.stores.keys().insert(stored);
        return stored;
    }

    @Test
    void a_valid_key_yields_the_stored_key_and_its_tenant() {
        rail.tenant(ACME, Tier.PRO);
        ApiKey stored = storeKey(ApiKeyFixtures.aKey());

        Authenticated result = service.authenticate(secret);

        assertThat(result.key().id()).isEqualTo(stored.id());
        assertThat(result.tenant().id()).isEqualTo(ACME);
        assertThat(result.tenant().tier()).isEqualTo(Tier.PRO);
    }

    @Test
    void a_missing_key_is_unauthorized_with_the_exact_detail() {
        assertRejected(null, ErrorCode.UNAUTHORIZED, "Missing X-API-Key header");
        assertRejected("", ErrorCode.UNAUTHORIZED, "Missing X-API-Key header");
    }

    @Test
    void an_unknown_or_malformed_key_is_an_invalid_api_key() {
        rail.tenant(ACME, Tier.FREE);
        storeKey(ApiKeyFixtures.aKey());

        assertRejected(ApiKeySecrets.generate(new SecureRandom()), ErrorCode.UNAUTHORIZED, "Invalid API key");
        assertRejected("not-a-key", ErrorCode.UNAUTHORIZED, "Invalid API key");
        assertRejected(secret + "x", ErrorCode.UNAUTHORIZED, "Invalid API key");
    }

    @Test
    void a_revoked_key_is_reported_as_revoked() {
        rail.tenant(ACME, Tier.FREE);
        storeKey(ApiKeyFixtures.aKey().revokedAt(T0));

        assertRejected(secret, ErrorCode.KEY_REVOKED, "API key has been revoked");
    }

    @Test
    void a_key_of_a_deleted_tenant_is_reported_as_tenant_deleted() {
        rail.stores.tenants().insert(TenantFixtures.aTenant().deletedAt(T0).build());
        storeKey(ApiKeyFixtures.aKey());

        assertRejected(secret, ErrorCode.TENANT_DELETED, "Tenant has been deleted");
    }

    @Test
    void last_used_at_is_recorded_at_most_once_a_minute() {
        rail.tenant(ACME, Tier.FREE);
        ApiKey stored = storeKey(ApiKeyFixtures.aKey());

        service.authenticate(secret);
        rail.clock.advance(Duration.ofSeconds(59));
        Authenticated second = service.authenticate(secret);

        assertThat(lastUsed(stored)).isEqualTo(T0);
        assertThat(second.key().lastUsedAt()).isEqualTo(T0);

        rail.clock.advance(Duration.ofSeconds(1));
        Authenticated third = service.authenticate(secret);

        assertThat(lastUsed(stored)).isEqualTo(T0.plusSeconds(60));
        assertThat(third.key().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void a_use_recorded_by_another_instance_within_the_minute_is_not_recorded_again() {
        rail.tenant(ACME, Tier.FREE);
        ApiKey stored = storeKey(ApiKeyFixtures.aKey().lastUsedAt(T0.minusSeconds(30)));

        service.authenticate(secret);

        assertThat(lastUsed(stored)).isEqualTo(T0.minusSeconds(30));
    }

    private Instant lastUsed(ApiKey key) {
        return rail.stores.keys().findById(key.id()).orElseThrow().lastUsedAt();
    }

    private void assertRejected(String presented, ErrorCode code, String detail) {
        assertThatThrownBy(() -> service.authenticate(presented))
                .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.detail()).isEqualTo(detail);
                });
    }
}
