package dev.handoffrail.core.contract;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every store contract: a fresh {@link StoreFixture} per test, plus helpers that store the rows a test
 * needs (tenants before their packets, packets before their history and deliveries), so that adapters with
 * foreign keys pass the same suites.
 */
public abstract class StoreContract {
    /** The stores under test; fresh and empty at the start of each test. */
    protected StoreFixture stores;

    /** A fresh, empty set of stores of the adapter under test. */
    protected abstract StoreFixture newFixture();

    @BeforeEach
    final void openStores() {
        stores = newFixture();
    }

    @AfterEach
    final void closeStores() {
        stores.close();
    }

    /** Stores tenants {@link Fixtures#ACME} and {@link Fixtures#GLOBEX}. */
    protected final void givenTwoTenants() {
        givenTenant(Fixtures.ACME);
        givenTenant(Fixtures.GLOBEX);
    }

    protected final void givenTenant(TenantId id) {
        stores.tenants().insert(TenantFixtures.aTenant().id(id).build());
    }

    /** Stores the packet built by {@code packet} and returns it. */
    protected final Packet stored(PacketFixtures.Builder packet) {
        Packet built = packet.build();
        stores.packets().insert(built);
        return built;
    }
}
