package dev.handoffrail.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
    private final MutableClock clock = MutableClock.atT0();
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(clock, Duration.ofSeconds(5), 3);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        return key + loads.incrementAndGet();
    }

    @Test
    void a_value_is_loaded_once_and_served_until_its_ttl_has_passed() {
        assertThat(cache.get("a", this::load)).isEqualTo("a1");
        clock.advance(Duration.ofMillis(4_999));
        assertThat(cache.get("a", this::load)).isEqualTo("a1");
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("a", this::load)).isEqualTo("a2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void a_clock_going_back_reloads_instead_of_keeping_an_entry_longer() {
        cache.get("a", this::load);
        clock.advance(Duration.ofSeconds(-1));

        assertThat(cache.get("a", this::load)).isEqualTo("a2");
    }

    @Test
    void null_is_returned_but_never_cached() {
        assertThat(cache.get("a", key -> null)).isNull();
        assertThat(cache.get("a", this::load)).isEqualTo("a1");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void an_invalidated_key_is_loaded_again_and_the_others_are_kept() {
        cache.get("a", this::load);
        cache.get("b", this::load);

        cache.invalidate("a");

        assertThat(cache.get("a", this::load)).isEqualTo("a3");
        assertThat(cache.get("b", this::load)).isEqualTo("b2");
    }

    @Test
    void invalidate_if_drops_the_matching_keys() {
        cache.get("a1", this::load);
        cache.get("b1", this::load);

        cache.invalidateIf(key -> key.startsWith("a"));

        assertThat(cache.get("a1", this::load)).isEqualTo("a13");
        assertThat(cache.get("b1", this::load)).isEqualTo("b12");
    }

    @Test
    void a_value_loaded_while_an_invalidation_happens_is_returned_but_not_kept() {
        String loaded = cache.get("a", key -> {
            cache.invalidate(key);
            return "stale";
        });

        assertThat(loaded).isEqualTo("stale");
        assertThat(cache.get("a", this::load)).isEqualTo("a1");
    }

    @Test
    void the_size_stays_within_the_bound_dropping_expired_entries_first() {
        cache.get("old", this::load);
        clock.advance(Duration.ofSeconds(4));
        cache.get("b", this::load);
        cache.get("c", this::load);
        clock.advance(Duration.ofSeconds(1));

        cache.get("d", this::load);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("b", this::load)).isEqualTo("b2");
        assertThat(cache.get("c", this::load)).isEqualTo("c3");
        for (int i = 0; i < 10; i++) {
            cache.get("k" + i, this::load);
        }
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void a_cache_needs_a_positive_ttl_and_size() {
        assertThatThrownBy(() -> new ExpiringCache<String, String>(clock, Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpiringCache<String, String>(clock, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
