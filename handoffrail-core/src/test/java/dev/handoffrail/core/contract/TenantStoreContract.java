package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.TenantFixtures.aTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link TenantStore} contract. */
public abstract class TenantStoreContract extends StoreContract {
    private TenantStore tenants;

    @BeforeEach
    final void openTenants() {
        tenants = stores.tenants();
    }

    @Test
    void an_inserted_tenant_is_found_with_every_field_intact() {
        Tenant tenant = aTenant().name("Acme Corp").tier(Tier.PRO).handoffsPerDay(0).maxApiKeys(12)
                .createdAt(T0.plusNanos(5_000)).updatedAt(T0.plusSeconds(9)).build();

        tenants.insert(tenant);

        assertThat(tenants.find(ACME)).contains(tenant);
        assertThat(tenants.find(GLOBEX)).isEmpty();
    }

    @Test
    void a_deleted_tenant_is_still_found() {
        Tenant deleted = aTenant().deletedAt(T0.plusSeconds(60)).build();

        tenants.insert(deleted);

        assertThat(tenants.find(ACME)).contains(deleted);
    }

    @Test
    void inserting_a_used_id_fails_even_when_that_tenant_is_deleted() {
        Tenant deleted = aTenant().name("Old Acme").deletedAt(T0).build();
        tenants.insert(deleted);

        assertThatThrownBy(() -> tenants.insert(aTenant().name("New Acme").build()))
                .isInstanceOf(RuntimeException.class);

        assertThat(tenants.find(ACME)).contains(deleted);
    }

    @Test
    void active_tenants_are_listed_newest_first_without_deleted_ones() {
        Tenant oldest = aTenant().id("oldest").createdAt(T0).build();
        Tenant newest = aTenant().id("newest").createdAt(T0.plusSeconds(20)).build();
        Tenant middle = aTenant().id("middle").createdAt(T0.plusSeconds(10)).build();
        Tenant deleted = aTenant().id("deleted").createdAt(T0.plusSeconds(30)).deletedAt(T0.plusSeconds(40)).build();
        tenants.insert(oldest);
        tenants.insert(newest);
        tenants.insert(middle);
        tenants.insert(deleted);

        assertThat(tenants.listActive()).containsExactly(newest, middle, oldest);
    }

    @Test
    void an_update_replaces_the_stored_tenant() {
        tenants.insert(aTenant().build());
        Tenant changed = aTenant().name("Acme Holdings").tier(Tier.BUSINESS).handoffsPerDay(500)
                .updatedAt(T0.plusSeconds(30)).build();

        tenants.update(changed);

        assertThat(tenants.find(ACME)).contains(changed);
    }

    @Test
    void soft_deleting_through_an_update_removes_the_tenant_from_the_active_list() {
        Tenant tenant = aTenant().build();
        tenants.insert(tenant);

        tenants.update(tenant.withDeletedAt(T0.plusSeconds(5)));

        assertThat(tenants.listActive()).isEmpty();
        assertThat(tenants.find(ACME).orElseThrow().deletedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void an_active_name_is_taken_case_insensitively_by_another_tenant() {
        tenants.insert(aTenant().name("Acme Corp").build());

        assertThat(tenants.activeNameTaken("ACME CORP", GLOBEX)).isTrue();
        assertThat(tenants.activeNameTaken("acme corp", null)).isTrue();
        assertThat(tenants.activeNameTaken("Acme Corp", ACME)).isFalse();
        assertThat(tenants.activeNameTaken("Acme", GLOBEX)).isFalse();
    }

    @Test
    void a_deleted_tenants_name_can_be_reused() {
        tenants.insert(aTenant().name("Acme Corp").deletedAt(T0).build());

        assertThat(tenants.activeNameTaken("Acme Corp", new TenantId("acme2"))).isFalse();
    }
}
