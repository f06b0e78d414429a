package dev.handoffrail.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServersTest {
    private static final String URL = "postgresql://postgres@127.0.0.1:5432/bench";

    @Test
    void productRunsWithItsDefaultPoolUnlessTheRunSetsOne() {
        var environment = Servers.productEnvironment(BenchSettings.quickMode(), URL, 18_080, "hr_key");

        assertThat(environment).doesNotContainKeys("HR_DB_POOL_SIZE", "HR_DB_MAX_OVERFLOW")
                .containsEntry("HR_DATABASE_URL", URL)
                .containsEntry("HR_PORT", "18080")
                .containsEntry("HR_BOOTSTRAP_ADMIN_KEY", "hr_key")
                .containsEntry("HR_TIER_QUOTAS", Servers.UNLIMITED_BUSINESS);
    }

    @Test
    void poolOptionFixesTheProductPoolWithoutOverflow() {
        var environment = Servers.productEnvironment(BenchSettings.quickMode().withPool(4), URL, 18_080, "hr_key");

        assertThat(environment).containsEntry("HR_DB_POOL_SIZE", "4").containsEntry("HR_DB_MAX_OVERFLOW", "0");
    }

    @Test
    void poolOptionRefusesNegativeAndHugeSizes() {
        assertThatThrownBy(() -> BenchSettings.quickMode().withPool(-1))
                .hasMessage("--pool must be 0 (the product's defaults) to 1000, got -1");
        assertThatThrownBy(() -> BenchSettings.quickMode().withPool(1_001))
                .hasMessage("--pool must be 0 (the product's defaults) to 1000, got 1001");
        assertThat(BenchSettings.quickMode().withPool(0).pool()).isZero();
    }
}
