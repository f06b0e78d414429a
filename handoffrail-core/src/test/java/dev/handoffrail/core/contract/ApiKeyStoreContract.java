package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.ApiKeyFixtures.aKey;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.testing.ApiKeyFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ApiKeyStore} contract. */
public abstract class ApiKeyStoreContract extends StoreContract {
    private ApiKeyStore keys;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        keys = stores.keys();
    }

    @Test
    void an_inserted_key_is_found_by_id_and_by_hash_with_every_field_intact() {
        ApiKeyFixtures.Builder builder = aKey().name("deploy bot").role(Role.AGENT)
                .createdAt(T0.plusNanos(42_000)).lastUsedAt(T0.plusSeconds(3));
        ApiKey key = builder.build();

        keys.insert(key);

        assertThat(keys.findById(key.id())).contains(key);
        assertThat(keys.findByHash(ApiKeyFixtures.sha256Hex(builder.secret()))).contains(key);
    }

    @Test
    void unknown_ids_and_hashes_are_absent() {
        keys.insert(aKey().build());

        assertThat(keys.findById(ApiKeyId.random())).isEmpty();
        assertThat(keys.findByHash(ApiKeyFixtures.sha256Hex("unknown"))).isEmpty();
    }

    @Test
    void a_revoked_key_is_still_found_by_hash() {
        ApiKey revoked = aKey().revokedAt(T0.plusSeconds(1)).build();
        keys.insert(revoked);

        assertThat(keys.findByHash(revoked.secretHash())).contains(revoked);
    }

    @Test
    void a_tenants_keys_are_listed_newest_first_revoked_ones_included() {
        ApiKey oldest = aKey().createdAt(T0).build();
        ApiKey revoked = aKey().createdAt(T0.plusSeconds(10)).revokedAt(T0.plusSeconds(20)).build();
        ApiKey newest = aKey().createdAt(T0.plusSeconds(30)).build();
        keys.insert(revoked);
        keys.insert(newest);
        keys.insert(oldest);
        keys.insert(aKey().tenant(GLOBEX).createdAt(T0.plusSeconds(40)).build());

        assertThat(keys.listByTenant(ACME)).containsExactly(newest, revoked, oldest);
    }

    @Test
    void a_key_is_revoked_only_once() {
        ApiKey key = aKey().build();
        keys.insert(key);

        assertThat(keys.revoke(key.id(), T0.plusSeconds(10))).isTrue();
        assertThat(keys.revoke(key.id(), T0.plusSeconds(20))).isFalse();

        assertThat(keys.findById(key.id())).contains(key.revokedAt(T0.plusSeconds(10)));
        assertThat(keys.revoke(ApiKeyId.random(), T0)).isFalse();
    }

    @Test
    void active_keys_are_counted_per_tenant_without_revoked_ones() {
        keys.insert(aKey().build());
        keys.insert(aKey().role(Role.READER).build());
        keys.insert(aKey().revokedAt(T0).build());
        keys.insert(aKey().tenant(GLOBEX).build());

        assertThat(keys.countActive(ACME)).isEqualTo(2);
        assertThat(keys.countActive(GLOBEX)).isEqualTo(1);
    }

    @Test
    void active_platform_admin_keys_are_counted_across_tenants() {
        keys.insert(aKey().platformAdmin().build());
        keys.insert(aKey().tenant(GLOBEX).platformAdmin().build());
        keys.insert(aKey().platformAdmin().revokedAt(T0).build());
        keys.insert(aKey().role(Role.ADMIN).build());

        assertThat(keys.countActivePlatformAdmins()).isEqualTo(2);
    }

    @Test
    void touching_a_key_records_its_last_use() {
        ApiKey key = aKey().build();
        keys.insert(key);

        keys.touchLastUsed(key.id(), T0.plusSeconds(61));

        assertThat(keys.findById(key.id())).contains(key.usedAt(T0.plusSeconds(61)));
    }
}
