package dev.handoffrail.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.contract.ConnectionCounterContract;
import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection counter contract on a real Redis, plus what only a shared counter does: share the limit and
 * forget connections of a crashed instance. The expiry tests let real time pass, since Redis keeps the time.
 */
class RedisConnectionCounterTest extends ConnectionCounterContract {
    private RedisConnection redis;

    @Override
    protected ConnectionCounter newConnectionCounter() {
        RedisConnectionTest.requireLocalRedis();
        redis = RedisConnection.open("redis://127.0.0.1:6379/0");
        return new RedisConnectionCounter(redis);
    }

    @AfterEach
    void closeRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void two_instances_share_one_limit() {
        TenantId tenant = freshTenant();
        try (RedisConnection other = RedisConnection.open("redis://127.0.0.1:6379/0")) {
            ConnectionCounter first = new RedisConnectionCounter(redis);
            ConnectionCounter second = new RedisConnectionCounter(other);

            assertThat(first.tryOpen(tenant, "a", 2)).isTrue();
            assertThat(second.tryOpen(tenant, "b", 2)).isTrue();
            assertThat(first.tryOpen(tenant, "c", 2)).isFalse();
            assertThat(second.open(tenant)).isEqualTo(2);
        }
    }

    @Test
    void a_connection_neither_refreshed_nor_closed_frees_its_place_after_the_ttl() throws InterruptedException {
        TenantId tenant = freshTenant();
        ConnectionCounter counter = new RedisConnectionCounter(redis, Duration.ofSeconds(1));
        assertThat(counter.tryOpen(tenant, "crashed", 1)).isTrue();
        assertThat(counter.tryOpen(tenant, "next", 1)).isFalse();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (counter.open(tenant) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(counter.open(tenant)).isZero();
        assertThat(counter.tryOpen(tenant, "next", 1)).isTrue();
    }

    @Test
    void a_refreshed_connection_stays_counted_past_its_first_ttl() throws InterruptedException {
        TenantId tenant = freshTenant();
        ConnectionCounter counter = new RedisConnectionCounter(redis, Duration.ofSeconds(2));
        counter.tryOpen(tenant, "alive", 1);

        for (int i = 0; i < 6; i++) {
            Thread.sleep(500);
            counter.refresh(tenant, "alive");
        }

        assertThat(counter.open(tenant)).isEqualTo(1);
        assertThat(counter.tryOpen(tenant, "other", 1)).isFalse();
    }

    @Test
    void refreshing_a_connection_that_is_not_counted_does_not_count_it() {
        TenantId tenant = freshTenant();
        ConnectionCounter counter = new RedisConnectionCounter(redis);

        counter.refresh(tenant, "never-opened");

        assertThat(counter.open(tenant)).isZero();
    }

    private static TenantId freshTenant() {
        return new TenantId("r-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
