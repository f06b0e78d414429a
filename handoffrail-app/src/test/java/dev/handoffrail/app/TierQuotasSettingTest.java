package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotaTable;
import dev.handoffrail.core.tenant.TierQuotas;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TierQuotasSettingTest {
    private static final TierQuotaTable BASE = TierQuotaTable.defaults();

    @Test
    void the_example_of_the_configuration_reference_overrides_only_the_free_tier() {
        TierQuotaTable table = JsonSettings.tierQuotas(BASE, "{\"free\": {\"handoffs_per_day\": 10, "
                + "\"max_agents\": 3, \"max_api_keys\": 2, \"max_packet_size\": 65536, "
                + "\"unlimited_handoffs\": false}}");

        assertThat(table.quotasFor(Tier.FREE))
                .isEqualTo(new TierQuotas(10, false, 3, 2, 65_536, 100, 60, 0, 1, 7, false));
        assertThat(table.quotasFor(Tier.PRO)).isEqualTo(BASE.quotasFor(Tier.PRO));
        assertThat(table.quotasFor(Tier.BUSINESS)).isEqualTo(BASE.quotasFor(Tier.BUSINESS));
    }

    @Test
    void the_example_of_the_deployment_guide_overrides_free_and_pro() {
        String guide = "{\n"
                + "\"free\": {\"handoffs_per_day\": 10, \"max_agents\": 3, \"max_api_keys\": 2, "
                + "\"max_packet_size\": 65536, \"unlimited_handoffs\": false},\n"
                + "\"pro\": {\"handoffs_per_day\": 0, \"max_agents\": 20, \"max_api_keys\": 10, "
                + "\"max_packet_size\": 524288, \"unlimited_handoffs\": true}\n"
                + "}";

        TierQuotaTable table = JsonSettings.tierQuotas(BASE, guide);

        assertThat(table.quotasFor(Tier.FREE))
                .isEqualTo(new TierQuotas(10, false, 3, 2, 65_536, 100, 60, 0, 1, 7, false));
        assertThat(table.quotasFor(Tier.PRO))
                .isEqualTo(new TierQuotas(0, true, 20, 10, 524_288, 1_000, 60, 5, 5, 30, false));
        assertThat(table.quotasFor(Tier.PRO).handoffsUnlimited()).isTrue();
        assertThat(table.quotasFor(Tier.BUSINESS)).isEqualTo(BASE.quotasFor(Tier.BUSINESS));
    }

    @Test
    void setting_a_daily_allowance_alone_makes_an_unlimited_tier_limited() {
        TierQuotaTable table = JsonSettings.tierQuotas(BASE, "{\"pro\": {\"handoffs_per_day\": 100}}");

        assertThat(table.quotasFor(Tier.PRO).handoffsPerDay()).isEqualTo(100);
        assertThat(table.quotasFor(Tier.PRO).unlimitedHandoffs()).isFalse();
        assertThat(table.quotasFor(Tier.PRO).handoffsUnlimited()).isFalse();
    }

    @Test
    void every_key_can_be_overridden() {
        TierQuotaTable table = JsonSettings.tierQuotas(BASE, "{\"business\": {\"handoffs_per_day\": 1000, "
                + "\"unlimited_handoffs\": false, \"max_agents\": -1, \"max_api_keys\": 100, "
                + "\"max_packet_size\": -1, \"requests_per_hour\": 50000, \"requests_per_minute\": 600, "
                + "\"max_webhooks\": 40, \"max_realtime_connections\": 0, \"retention_days\": 730, "
                + "\"audit_export\": false}}");

        assertThat(table.quotasFor(Tier.BUSINESS))
                .isEqualTo(new TierQuotas(1000, false, -1, 100, -1, 50_000, 600, 40, 0, 730, false));
    }

    @Test
    void overrides_merge_over_the_given_base_not_the_defaults() {
        TierQuotaTable base = BASE.with(Tier.FREE, new TierQuotas(1, false, 1, 1, 10, 1, 1, 1, 1, 1, true));

        TierQuotaTable table = JsonSettings.tierQuotas(base, "{\"free\": {\"max_agents\": 9}}");

        assertThat(table.quotasFor(Tier.FREE)).isEqualTo(new TierQuotas(1, false, 9, 1, 10, 1, 1, 1, 1, 1, true));
    }

    @Test
    void an_empty_object_and_an_empty_tier_change_nothing() {
        assertThat(JsonSettings.tierQuotas(BASE, "{}").quotasFor(Tier.FREE)).isEqualTo(BASE.quotasFor(Tier.FREE));
        assertThat(JsonSettings.tierQuotas(BASE, " {\"pro\": {}} ").quotasFor(Tier.PRO))
                .isEqualTo(BASE.quotasFor(Tier.PRO));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void an_unset_or_blank_value_returns_the_base(String value) {
        assertThat(JsonSettings.tierQuotas(BASE, value)).isSameAs(BASE);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{\"free\": {\"max_agent\": 3}}",
                        "HR_TIER_QUOTAS: unknown key 'max_agent' for tier 'free'"),
                Arguments.of("{\"gold\": {\"max_agents\": 3}}",
                        "HR_TIER_QUOTAS: unknown tier 'gold' (expected free, pro or business)"),
                Arguments.of("{\"Free\": {}}",
                        "HR_TIER_QUOTAS: unknown tier 'Free' (expected free, pro or business)"),
                Arguments.of("{\"free\": 3}",
                        "HR_TIER_QUOTAS: tier 'free' must be an object of quota keys"),
                Arguments.of("{\"free\": null}",
                        "HR_TIER_QUOTAS: tier 'free' must be an object of quota keys"),
                Arguments.of("[{\"free\": {}}]",
                        "HR_TIER_QUOTAS: expected a JSON object mapping tiers to quota objects"),
                Arguments.of("\"free\"",
                        "HR_TIER_QUOTAS: expected a JSON object mapping tiers to quota objects"),
                Arguments.of("{\"free\": {\"max_agents\": \"3\"}}",
                        "HR_TIER_QUOTAS: 'max_agents' for tier 'free' must be an integer >= -1 (-1 = unlimited),"
                                + " got \"3\""),
                Arguments.of("{\"free\": {\"max_agents\": 3.5}}",
                        "HR_TIER_QUOTAS: 'max_agents' for tier 'free' must be an integer >= -1 (-1 = unlimited),"
                                + " got 3.5"),
                Arguments.of("{\"pro\": {\"retention_days\": -2}}",
                        "HR_TIER_QUOTAS: 'retention_days' for tier 'pro' must be an integer >= -1"
                                + " (-1 = unlimited), got -2"),
                Arguments.of("{\"pro\": {\"handoffs_per_day\": true}}",
                        "HR_TIER_QUOTAS: 'handoffs_per_day' for tier 'pro' must be an integer >= -1"
                                + " (-1 = unlimited), got true"),
                Arguments.of("{\"pro\": {\"requests_per_hour\": 99999999999999999999}}",
                        "HR_TIER_QUOTAS: 'requests_per_hour' for tier 'pro' must be an integer >= -1"
                                + " (-1 = unlimited), got 99999999999999999999"),
                Arguments.of("{\"free\": {\"max_packet_size\": 0}}",
                        "HR_TIER_QUOTAS: 'max_packet_size' for tier 'free' must be an integer >= 1,"
                                + " or -1 for unlimited, got 0"),
                Arguments.of("{\"free\": {\"unlimited_handoffs\": 1}}",
                        "HR_TIER_QUOTAS: 'unlimited_handoffs' for tier 'free' must be true or false"),
                Arguments.of("{\"business\": {\"audit_export\": \"yes\"}}",
                        "HR_TIER_QUOTAS: 'audit_export' for tier 'business' must be true or false"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid_overrides_are_refused_with_a_message_naming_the_problem(String json, String message) {
        assertThatThrownBy(() -> JsonSettings.tierQuotas(BASE, json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "free: 3", "{\"free\": {\"max_agents\": 3,}}", "{} {}"})
    void text_that_is_not_json_is_refused(String json) {
        assertThatThrownBy(() -> JsonSettings.tierQuotas(BASE, json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("HR_TIER_QUOTAS: not valid JSON (");
    }
}
