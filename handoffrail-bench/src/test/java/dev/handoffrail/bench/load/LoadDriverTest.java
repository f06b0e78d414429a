package dev.handoffrail.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LoadDriverTest {
    // the operations under test never touch the network, so the port is never connected
    private final LoadDriver driver = new LoadDriver(1);

    @Test
    void closedLoopRunsEverySequenceNumberExactlyOnceAndCountsFailures() {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        LoadResult result = driver.closedLoop(8, 1_000, Duration.ofMinutes(1), (connection, n) -> {
            seen.add(n);
            if (n % 10 == 3) {
                throw new IOException("simulated connection failure");
            }
            return n % 10 != 7;
        });

        assertThat(result.operations()).isEqualTo(1_000);
        assertThat(result.errors()).isEqualTo(200);
        assertThat(seen).hasSize(1_000).allMatch(n -> n >= 0 && n < 1_000);
        assertThat(result.latency().getTotalCount()).isEqualTo(1_000);
    }

    @Test
    void constantRateCountsQueueingBehindASlowServerFromTheIntendedStart() {
        // 100 operations due over 1 s, but one connection needs 20 ms each: the last is due at 990 ms and can only
        // start at about 1,980 ms, so its latency is about 1 s although the operation itself takes 20 ms
        LoadResult result = driver.constantRate(1, 100, Duration.ofSeconds(1), (connection, n) -> {
            sleep(20);
            return true;
        });

        assertThat(result.operations()).isEqualTo(100);
        assertThat(result.errors()).isZero();
        assertThat(result.maxMillis()).isGreaterThan(900);
        assertThat(result.millisAt(50)).isGreaterThan(400);
    }

    @Test
    void constantRateOnAFastServerMeasuresOnlyTheOperation() {
        LoadResult result = driver.constantRate(4, 200, Duration.ofMillis(500), (connection, n) -> true);

        // bounds generous enough for a loaded CI machine, far below the 400 ms of the queueing case above
        assertThat(result.operations()).isEqualTo(100);
        assertThat(result.millisAt(50)).isLessThan(100);
        assertThat(result.seconds()).isBetween(0.45, 3.0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
