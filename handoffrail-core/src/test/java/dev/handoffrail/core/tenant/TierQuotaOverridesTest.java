package dev.handoffrail.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierQuotaOverridesTest {
    private static final TierQuotaTable BASE = TierQuotaTable.defaults();

    @Test
    void overrides_replace_only_the_keys_and_tiers_they_name() {
        Map<String, Object> free = new LinkedHashMap<>();
        free.put("handoffs_per_day", 10L);
        free.put("max_agents", 3L);
        free.put("audit_export", true);

        TierQuotaTable table = TierQuotaOverrides.apply(BASE, Map.of("free", free));

        assertThat(table.quotasFor(Tier.FREE))
                .isEqualTo(new TierQuotas(10, false, 3, 1, 65_536, 100, 60, 0, 1, 7, true));
        assertThat(table.quotasFor(Tier.PRO)).isEqualTo(BASE.quotasFor(Tier.PRO));
    }

    @Test
    void a_daily_allowance_alone_makes_an_unlimited_tier_limited() {
        TierQuotaTable table = TierQuotaOverrides.apply(BASE, Map.of("pro", Map.of("handoffs_per_day", 100L)));

        assertThat(table.quotasFor(Tier.PRO).handoffsPerDay()).isEqualTo(100);
        assertThat(table.quotasFor(Tier.PRO).handoffsUnlimited()).isFalse();
    }

    @Test
    void names_and_values_outside_the_configuration_reference_are_refused_with_the_variable_named() {
        assertThatThrownBy(() -> TierQuotaOverrides.apply(BASE, Map.of("gold", Map.of())))
                .hasMessage("HR_TIER_QUOTAS: unknown tier 'gold' (expected free, pro or business)");
        assertThatThrownBy(() -> TierQuotaOverrides.apply(BASE, Map.of("free", 3L)))
                .hasMessage("HR_TIER_QUOTAS: tier 'free' must be an object of quota keys");
        assertThatThrownBy(() -> TierQuotaOverrides.apply(BASE, Map.of("free", Map.of("max_agent", 3L))))
                .hasMessage("HR_TIER_QUOTAS: unknown key 'max_agent' for tier 'free'");
        assertThatThrownBy(() -> TierQuotaOverrides.apply(BASE,
                Map.of("pro", Map.of("requests_per_hour", new BigInteger("99999999999999999999")))))
                .hasMessage("HR_TIER_QUOTAS: 'requests_per_hour' for tier 'pro' must be an integer >= -1"
                        + " (-1 = unlimited), got 99999999999999999999");
        assertThatThrownBy(() -> TierQuotaOverrides.apply(BASE, Map.of("free", Map.of("max_agents", "3"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HR_TIER_QUOTAS: 'max_agents' for tier 'free' must be an integer >= -1 (-1 = unlimited),"
                        + " got \"3\"");
        assertThatThrownBy(() -> TierQuotaOverrides.apply(BASE, Map.of("free", Map.of("audit_export", 1L))))
                .hasMessage("HR_TIER_QUOTAS: 'audit_export' for tier 'free' must be true or false");
    }
}
