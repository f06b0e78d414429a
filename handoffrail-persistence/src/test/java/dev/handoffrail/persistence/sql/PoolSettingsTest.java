package dev.handoffrail.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {
    @Test
    void defaults_keep_ten_connections_and_allow_ten_more() {
        PoolSettings pool = PoolSettings.fromEnv(Map.of());

        assertThat(pool.minimumIdle()).isEqualTo(10);
        assertThat(pool.maximumPoolSize()).isEqualTo(20);
    }

    @Test
    void the_maximum_is_the_size_plus_the_overflow() {
        PoolSettings pool = PoolSettings.fromEnv(Map.of("HR_DB_POOL_SIZE", " 4 ", "HR_DB_MAX_OVERFLOW", "0"));

        assertThat(pool.minimumIdle()).isEqualTo(4);
        assertThat(pool.maximumPoolSize()).isEqualTo(4);
    }

    @Test
    void a_bad_value_names_its_variable() {
        assertThatThrownBy(() -> PoolSettings.fromEnv(Map.of("HR_DB_POOL_SIZE", "ten")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HR_DB_POOL_SIZE must be an integer from 1 to 1000, got 'ten'");
        assertThatThrownBy(() -> PoolSettings.fromEnv(Map.of("HR_DB_POOL_SIZE", "0")))
                .hasMessage("HR_DB_POOL_SIZE must be an integer from 1 to 1000, got '0'");
        assertThatThrownBy(() -> PoolSettings.fromEnv(Map.of("HR_DB_MAX_OVERFLOW", "-1")))
                .hasMessage("HR_DB_MAX_OVERFLOW must be an integer from 0 to 1000, got '-1'");
    }
}
