package dev.handoffrail.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaRulesTest {
    private static final TierQuotaTable TABLE = TierQuotaTable.defaults();
    private static final TierQuotas FREE = TABLE.quotasFor(Tier.FREE);
    private static final TierQuotas PRO = TABLE.quotasFor(Tier.PRO);
    private static final TierQuotas BUSINESS = TABLE.quotasFor(Tier.BUSINESS);
    private static final Instant NOW = Instant.parse("2026-07-08T05:00:00Z");

    private static Tenant tenant(Tier tier, Integer handoffsPerDay, Integer maxApiKeys) {
        return new Tenant(new TenantId("acme"), "Acme Corp", tier, handoffsPerDay, maxApiKeys, NOW, NOW, null);
    }

    private static HandoffRailException rejection(QuotaDecision decision) {
        assertThat(decision.allowed()).isFalse();
        return decision.rejection().orElseThrow();
    }

    static Stream<Arguments> dailyLimits() {
        TierQuotas zeroButLimited = new TierQuotas(0, false, 2, 1, 65_536, 100, 60, 0, 1, 7, false);
        TierQuotas limitedButFlaggedUnlimited = new TierQuotas(10, true, 2, 1, 65_536, 100, 60, 0, 1, 7, false);
        return Stream.of(
                Arguments.of(tenant(Tier.FREE, null, null), FREE, OptionalLong.of(5), 5L),
                Arguments.of(tenant(Tier.PRO, null, null), PRO, OptionalLong.empty(), 0L),
                Arguments.of(tenant(Tier.BUSINESS, null, null), BUSINESS, OptionalLong.empty(), 0L),
                Arguments.of(tenant(Tier.FREE, 50, null), FREE, OptionalLong.of(50), 50L),
                Arguments.of(tenant(Tier.FREE, 0, null), FREE, OptionalLong.empty(), 0L),
                Arguments.of(tenant(Tier.PRO, 20, null), PRO, OptionalLong.of(20), 20L),
                Arguments.of(tenant(Tier.FREE, null, null), limitedButFlaggedUnlimited, OptionalLong.empty(), 0L),
                Arguments.of(tenant(Tier.FREE, null, null), zeroButLimited, OptionalLong.of(0), 0L));
    }

    @ParameterizedTest
    @MethodSource("dailyLimits")
    void the_daily_handoff_limit_prefers_the_tenant_override(Tenant tenant, TierQuotas quotas, OptionalLong limit,
                                                             long shown) {
        assertThat(QuotaRules.dailyHandoffLimit(tenant, quotas)).isEqualTo(limit);
        assertThat(QuotaRules.effectiveHandoffsPerDay(tenant, quotas)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "FREE, null, 1", "PRO, null, 5", "BUSINESS, null, 25", "FREE, 3, 3", "BUSINESS, 1, 1"})
    void the_api_key_limit_prefers_the_tenant_override(Tier tier, Integer override, long expected) {
        assertThat(QuotaRules.effectiveMaxApiKeys(tenant(tier, null, override), TABLE.quotasFor(tier)))
                .isEqualTo(expected);
    }

    static Stream<Arguments> agentCases() {
        return Stream.of(
                Arguments.of(Set.of(), List.of("a", "b"), true),
                Arguments.of(Set.of(), List.of("a", "b", "c"), false),
                Arguments.of(Set.of("a"), List.of("b"), true),
                Arguments.of(Set.of("a"), List.of("b", "c"), false),
                Arguments.of(Set.of("a", "b"), List.of("a", "b"), true),
                Arguments.of(Set.of("a", "b"), List.of("b"), true),
                Arguments.of(Set.of("a", "b"), List.of("c"), false),
                Arguments.of(Set.of("a"), List.of("b", "b"), true),
                Arguments.of(Set.of("a", "b", "c"), List.of("a"), true),
                Arguments.of(Set.of("a", "b", "c"), List.of("d"), false),
                Arguments.of(Set.of("a", "b"), List.of(), true));
    }

    @ParameterizedTest
    @MethodSource("agentCases")
    void agent_ids_already_active_never_count_twice(Set<String> active, List<String> ids, boolean allowed) {
        assertThat(QuotaRules.agents(activeAgents(active), ids, FREE, Tier.FREE).allowed()).isEqualTo(allowed);
    }

    @Test
    void exceeding_max_agents_is_a_quota_error_naming_the_quota_limit_and_tier() {
        HandoffRailException e = rejection(QuotaRules.agents(activeAgents(Set.of("a", "b")), List.of("c"), FREE,
                Tier.FREE));

        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.extras()).containsExactly(Map.entry("quota", "max_agents"), Map.entry("limit", 2L),
                Map.entry("tier", "free"));
    }

    @Test
    void a_packet_without_an_agent_id_adds_no_agent() {
        assertThat(QuotaRules.agents(activeAgents(Set.of("a", "b")), Arrays.asList("a", null), FREE, Tier.FREE)
                .allowed()).isTrue();
    }

    @Test
    void active_agents_not_asked_about_still_count_towards_max_agents() {
        ActiveAgents twoOthers = new ActiveAgents(2, Map.of());

        assertThat(QuotaRules.agents(twoOthers, List.of("c"), FREE, Tier.FREE).allowed()).isFalse();
        assertThat(QuotaRules.agents(new ActiveAgents(1, Map.of()), List.of("c"), FREE, Tier.FREE).allowed())
                .isTrue();
    }

    @Test
    void unlimited_agents_accept_any_number_of_new_ids() {
        TierQuotas unlimited = new TierQuotas(5, false, -1, 1, 65_536, 100, 60, 0, 1, 7, false);

        assertThat(QuotaRules.agents(activeAgents(Set.of("a", "b", "c")), List.of("d", "e"), unlimited, Tier.FREE)
                .allowed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0, 1, true", "1, 1, false", "4, 5, true", "5, 5, false", "9, 5, false", "1000, -1, true",
        "0, 0, false"})
    void a_key_is_allowed_only_below_the_limit(long active, long limit, boolean allowed) {
        assertThat(QuotaRules.apiKeys(active, limit, Tier.PRO).allowed()).isEqualTo(allowed);
    }

    @Test
    void exceeding_max_api_keys_names_the_quota() {
        HandoffRailException e = rejection(QuotaRules.apiKeys(1, 1, Tier.FREE));

        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.extras()).containsExactly(Map.entry("quota", "max_api_keys"), Map.entry("limit", 1L),
                Map.entry("tier", "free"));
    }

    @ParameterizedTest
    @CsvSource({"FREE, 0, false", "PRO, 4, true", "PRO, 5, false", "BUSINESS, 10000, true"})
    void webhooks_are_allowed_only_below_the_tier_limit(Tier tier, long active, boolean allowed) {
        assertThat(QuotaRules.webhooks(active, TABLE.quotasFor(tier), tier).allowed()).isEqualTo(allowed);
    }

    @Test
    void the_free_tier_may_not_register_any_webhook() {
        HandoffRailException e = rejection(QuotaRules.webhooks(0, FREE, Tier.FREE));

        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.detail()).isEqualTo("Quota exceeded: max_webhooks (limit 0 for free tier)");
        assertThat(e.extras()).containsExactly(Map.entry("quota", "max_webhooks"), Map.entry("limit", 0L),
                Map.entry("tier", "free"));
    }

    @ParameterizedTest
    @CsvSource({"FREE, 65536, true", "FREE, 65537, false", "PRO, 262144, true", "PRO, 262145, false",
        "BUSINESS, 1048576, true", "BUSINESS, 1048577, false"})
    void a_packet_must_fit_the_tier_size_limit(Tier tier, long bytes, boolean allowed) {
        assertThat(QuotaRules.packetSize(bytes, TABLE.quotasFor(tier), tier).allowed()).isEqualTo(allowed);
    }

    @Test
    void an_oversized_packet_is_payload_too_large_with_tier_and_limit() {
        HandoffRailException e = rejection(QuotaRules.packetSize(70_000, FREE, Tier.FREE));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.detail()).isEqualTo("Request body too large: 70000 bytes (max 65536 bytes for free tier)");
        assertThat(e.extras()).containsExactly(Map.entry("tier", "free"), Map.entry("limit_bytes", 65_536L));
    }

    @Test
    void an_unlimited_packet_size_accepts_any_size() {
        TierQuotas unlimited = new TierQuotas(5, false, 2, 1, -1, 100, 60, 0, 1, 7, false);

        assertThat(QuotaRules.packetSize(Long.MAX_VALUE, unlimited, Tier.FREE).allowed()).isTrue();
    }

    @Test
    void audit_export_is_a_business_feature_by_default() {
        assertThat(QuotaRules.auditExport(BUSINESS, Tier.BUSINESS).allowed()).isTrue();
        HandoffRailException e = rejection(QuotaRules.auditExport(PRO, Tier.PRO));

        assertThat(e.code()).isEqualTo(ErrorCode.TIER_FEATURE_UNAVAILABLE);
        assertThat(e.detail()).isEqualTo("Audit export is not available on the pro tier");
        assertThat(e.extras()).containsExactly(Map.entry("feature", "audit_export"), Map.entry("tier", "pro"));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-07-08T05:00:00Z, 2026-07-09T00:00:00.000000Z, 68400",
        "2026-07-08T23:59:59.200Z, 2026-07-09T00:00:00.000000Z, 1",
        "2026-07-08T23:59:59.999999999Z, 2026-07-09T00:00:00.000000Z, 1",
        "2026-07-08T23:59:58.500Z, 2026-07-09T00:00:00.000000Z, 2",
        "2026-07-09T00:00:00Z, 2026-07-10T00:00:00.000000Z, 86400",
        "2026-12-31T12:00:00Z, 2027-01-01T00:00:00.000000Z, 43200"})
    void the_daily_quota_error_says_when_the_allowance_resets(Instant now, String resetAt, long retryAfter) {
        HandoffRailException e = QuotaRules.dailyQuotaExceeded(5, now);

        assertThat(e.code()).isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);
        assertThat(e.detail()).isEqualTo("Daily handoff quota exceeded (limit 5 per day)");
        assertThat(e.extras()).containsExactly(Map.entry("limit", 5L), Map.entry("reset_at", resetAt),
                Map.entry("retry_after", retryAfter));
    }

    @Test
    void an_allowed_decision_does_not_throw_and_a_rejected_one_throws_its_error() {
        HandoffRailException error = rejection(QuotaRules.apiKeys(1, 1, Tier.FREE));

        assertThatCode(() -> QuotaDecision.allow().orThrow()).doesNotThrowAnyException();
        assertThat(QuotaDecision.allow().rejection()).isEmpty();
        assertThatThrownBy(() -> QuotaDecision.reject(error).orThrow()).isSameAs(error);
    }

    /** The active agents {@code ids}, each named by one active packet, and no other. */
    private static ActiveAgents activeAgents(Set<String> ids) {
        Map<String, Long> named = new HashMap<>();
        ids.forEach(id -> named.put(id, 1L));
        return new ActiveAgents(ids.size(), named);
    }
}
