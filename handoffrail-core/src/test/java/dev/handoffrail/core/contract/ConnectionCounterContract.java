package dev.handoffrail.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.testing.Race;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ConnectionCounter} contract. Each test uses fresh tenant ids, so a shared backend (Redis) needs no
 * cleaning.
 */
public abstract class ConnectionCounterContract {
    private ConnectionCounter counter;
    private TenantId tenant;
    private TenantId otherTenant;

    /** A connection counter of the adapter under test. */
    protected abstract ConnectionCounter newConnectionCounter();

    @BeforeEach
    final void openCounter() {
        counter = newConnectionCounter();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tenant = new TenantId("t-" + suffix);
        otherTenant = new TenantId("u-" + suffix);
    }

    @Test
    void connections_open_up_to_the_limit() {
        assertThat(counter.tryOpen(tenant, "c1", 2)).isTrue();
        assertThat(counter.tryOpen(tenant, "c2", 2)).isTrue();
        assertThat(counter.tryOpen(tenant, "c3", 2)).isFalse();

        assertThat(counter.open(tenant)).isEqualTo(2);
    }

    @Test
    void closing_a_connection_frees_its_place() {
        counter.tryOpen(tenant, "c1", 2);
        counter.tryOpen(tenant, "c2", 2);

        counter.close(tenant, "c1");

        assertThat(counter.open(tenant)).isEqualTo(1);
        assertThat(counter.tryOpen(tenant, "c3", 2)).isTrue();
        assertThat(counter.open(tenant)).isEqualTo(2);
    }

    @Test
    void closing_an_unknown_connection_changes_nothing() {
        counter.tryOpen(tenant, "c1", 2);

        counter.close(tenant, "unknown");
        counter.close(otherTenant, "c1");

        assertThat(counter.open(tenant)).isEqualTo(1);
        assertThat(counter.open(otherTenant)).isZero();
    }

    @Test
    void opening_the_same_connection_twice_counts_it_once() {
        assertThat(counter.tryOpen(tenant, "c1", 1)).isTrue();
        assertThat(counter.tryOpen(tenant, "c1", 1)).isTrue();

        assertThat(counter.open(tenant)).isEqualTo(1);
    }

    @Test
    void tenants_are_counted_separately() {
        counter.tryOpen(tenant, "c1", 1);

        assertThat(counter.tryOpen(otherTenant, "c1", 1)).isTrue();
        assertThat(counter.open(tenant)).isEqualTo(1);
        assertThat(counter.open(otherTenant)).isEqualTo(1);
    }

    @Test
    void sixteen_concurrent_openings_with_a_limit_of_five_open_exactly_five() throws Exception {
        AtomicInteger next = new AtomicInteger();

        List<Boolean> opened = Race.run(16, () -> counter.tryOpen(tenant, "c" + next.incrementAndGet(), 5));

        assertThat(opened).filteredOn(Boolean::booleanValue).hasSize(5);
        assertThat(counter.open(tenant)).isEqualTo(5);
    }
}
