package dev.handoffrail.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.ConversationRole;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchClaimResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchCreateResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.CreateItem;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.ItemError;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.port.in.RateLimitUseCase.RateWindow;
import dev.handoffrail.core.port.in.RateLimitUseCase.RequestAdmission;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.ScriptedTransport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every quota and limit of http-api.md §5 and the input rules of §7.1, enforced by the core on every path an
 * embedder can take (no HTTP adapter in front): create, batch, chain, PATCH, respond, claim, batch claim and
 * claim-next, keys, webhooks, audit export, the request windows and the failed-authentication throttle.
 */
class QuotasAndLimitsOnEveryPathTest {
    /** Free tier: 5 handoffs a day, 2 agents, 1 key, 0 webhooks, 64 KiB packets, 100 requests an hour. */
    private static final int FREE_PACKET_BYTES = 65_536;
    private static final String BIG = "x".repeat(70_000);
    private static final String HALF = "x".repeat(40_000);

    private final MutableClock clock = MutableClock.atT0();
    private final HandoffRail rail = HandoffRail.builder().clock(clock)
            .hostResolver(host -> List.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})))
            .webhookTransport(ScriptedTransport.answering(200, "ok"))
            .build();
    private final Caller platformAdmin = callerOf(rail.manageKeys().bootstrap(null));

    @AfterEach
    void close() {
        rail.close();
    }

    // §5.5 stored packet size

    @Test
    void create_refuses_a_packet_larger_than_the_tier_allows_and_stores_nothing() {
        Caller free = tenantAdmin(Tier.FREE);

        HandoffRailException e = refusal(() -> rail.createPacket().create(free, withCustom(draft("a", "b"), BIG)));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.extras()).containsEntry("tier", "free").containsEntry("limit_bytes", (long) FREE_PACKET_BYTES);
        assertThat(stored(free)).isZero();
    }

    @Test
    void a_batch_item_larger_than_the_tier_allows_fails_alone() {
        Caller free = tenantAdmin(Tier.FREE);

        BatchCreateResult result = rail.batchPackets().createBatch(free, List.of(item("a", "b", BIG),
                item("a", "b", "small")));

        assertThat(result.created()).hasSize(1);
        assertThat(result.errors()).extracting(ItemError::index, ItemError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void chain_refuses_a_child_whose_inherited_conversation_passes_the_limit() {
        Caller free = tenantAdmin(Tier.FREE);
        Packet parent = rail.createPacket().create(free, withConversation(draft("a", "b"), HALF));

        HandoffRailException e = refusal(() -> rail.createPacket().chain(free, parent.id(),
                withConversation(draft("b", "a"), HALF)));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(stored(free)).isEqualTo(1);
    }

    @Test
    void patch_refuses_a_merge_that_passes_the_limit_and_changes_nothing() {
        Caller free = tenantAdmin(Tier.FREE);
        Packet packet = rail.createPacket().create(free, draft("a", "b"));
        PacketPatch bigger = new PacketPatch(null, new PacketContext("s", List.of(), List.of(), Map.of("blob", BIG)),
                null, null, null, null, null, null, null);

        HandoffRailException e = refusal(() -> rail.updatePacket().update(free, packet.id(), bigger));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(rail.queryPackets().get(free, packet.id()).revision()).isEqualTo(1);
    }

    @Test
    void respond_refuses_an_answer_that_grows_the_packet_past_the_limit() {
        Caller free = tenantAdmin(Tier.FREE);
        PacketDraft waiting = withCustom(draft("a", "b"), "x".repeat(50_000))
                .withHitl(HitlCheckpoint.of(true, "Refund", null, null, null));
        Packet packet = rail.createPacket().create(free, waiting);
        String notes = "n".repeat(10_000);

        HandoffRailException e = refusal(() -> rail.respondToCheckpoint().respond(free, packet.id(),
                "r".repeat(10_000), "alice", notes));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(rail.queryPackets().get(free, packet.id()).status()).isEqualTo(PacketStatus.AWAITING_HUMAN);
    }

    // §5.3 daily handoffs

    @Test
    void create_beyond_the_daily_allowance_is_429_until_midnight_utc_and_a_failed_creation_is_free() {
        Caller free = tenantAdmin(Tier.FREE);
        assertThat(refusal(() -> rail.createPacket().create(free, withCustom(draft("a", "b"), BIG))).code())
                .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        for (int i = 0; i < 5; i++) {
            rail.createPacket().create(free, draft("a", "b"));
        }

        HandoffRailException e = refusal(() -> rail.createPacket().create(free, draft("a", "b")));

        assertThat(e.code()).isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);
        assertThat(e.extras()).containsEntry("limit", 5L).containsEntry("reset_at", "2026-05-31T00:00:00.000000Z");
        clock.set(Fixtures.T0.plus(Duration.ofDays(1)));
        assertThat(rail.createPacket().create(free, draft("a", "b")).status()).isEqualTo(PacketStatus.CREATED);
    }

    @Test
    void chain_counts_as_a_handoff() {
        Caller free = tenantAdmin(Tier.FREE);
        Packet parent = rail.createPacket().create(free, draft("a", "b"));
        for (int i = 0; i < 4; i++) {
            rail.createPacket().chain(free, parent.id(), draft("a", "b"));
        }

        assertThat(refusal(() -> rail.createPacket().chain(free, parent.id(), draft("a", "b"))).code())
                .isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);
    }

    @Test
    void batch_items_beyond_the_allowance_fail_alone_and_no_allowance_at_all_refuses_the_batch() {
        Caller free = tenantAdmin(Tier.FREE);
        for (int i = 0; i < 3; i++) {
            rail.createPacket().create(free, draft("a", "b"));
        }

        BatchCreateResult partly = rail.batchPackets().createBatch(free, List.of(item("a", "b", "1"),
                item("a", "b", "2"), item("a", "b", "3")));

        assertThat(partly.created()).hasSize(2);
        assertThat(partly.errors()).extracting(ItemError::code).containsExactly(ErrorCode.DAILY_QUOTA_EXCEEDED);
        assertThat(refusal(() -> rail.batchPackets().createBatch(free, List.of(item("a", "b", "4")))).code())
                .isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);
    }

    // §5.3 active agents

    @Test
    void create_chain_and_batch_naming_a_third_active_agent_are_403_max_agents() {
        Caller free = tenantAdmin(Tier.FREE);
        Packet first = rail.createPacket().create(free, draft("a", "b"));
        rail.createPacket().create(free, draft("b", "a"));

        assertMaxAgents(() -> rail.createPacket().create(free, draft("a", "c")));
        assertMaxAgents(() -> rail.createPacket().chain(free, first.id(), draft("c", "a")));
        BatchCreateResult batch = rail.batchPackets().createBatch(free, List.of(item("c", "a", "s"),
                item("a", "b", "s")));
        assertThat(batch.created()).hasSize(1);
        assertThat(batch.errors()).extracting(ItemError::code).containsExactly(ErrorCode.QUOTA_EXCEEDED);
    }

    @Test
    void claim_batch_claim_and_claim_next_by_a_third_active_agent_are_refused() {
        Caller free = tenantAdmin(Tier.FREE);
        Packet packet = rail.createPacket().create(free, draft("a", "b"));
        rail.createPacket().create(free, draft("b", "a"));
        Claimant third = new Claimant("c", "C", null);

        assertMaxAgents(() -> rail.claimPacket().claim(free, packet.id(), third));
        BatchClaimResult batch = rail.batchPackets().claimBatch(free, List.of(packet.id()), third);
        assertThat(batch.errors()).extracting(ItemError::code, ItemError::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.QUOTA_EXCEEDED,
                        "Agent quota exceeded"));
        assertMaxAgents(() -> rail.claimPacket().claimNext(free, new ClaimNextCommand(third, "*", Set.of(),
                Duration.ZERO)));
        assertThat(rail.queryPackets().get(free, packet.id()).status()).isEqualTo(PacketStatus.CREATED);
    }

    // §5.3 API keys and webhooks, §5.1 audit export

    @Test
    void a_key_beyond_max_api_keys_is_refused_but_rotation_is_exempt() {
        Tenant tenant = rail.manageTenants().create(platformAdmin, "Keys " + UUID.randomUUID(), Tier.FREE, null,
                null, null);
        IssuedApiKey only = rail.manageKeys().create(platformAdmin, "only", Role.ADMIN, tenant.id(), false);

        HandoffRailException e = refusal(() -> rail.manageKeys().create(platformAdmin, "second", Role.READER,
                tenant.id(), false));

        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.extras()).containsEntry("quota", "max_api_keys").containsEntry("limit", 1L);
        assertThat(rail.manageKeys().rotate(platformAdmin, only.key().id()).key().revoked()).isFalse();
    }

    @Test
    void registering_a_webhook_beyond_max_webhooks_is_refused() {
        Caller free = tenantAdmin(Tier.FREE);

        HandoffRailException e = refusal(() -> rail.manageWebhooks().register(free, "https://hooks.example.com/x",
                null, "s".repeat(32)));

        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.extras()).containsEntry("quota", "max_webhooks").containsEntry("limit", 0L);
    }

    @Test
    void audit_export_is_refused_on_a_tier_without_it() {
        Caller free = tenantAdmin(Tier.FREE);
        List<Object> exported = new ArrayList<>();

        HandoffRailException e = refusal(() -> rail.queryAudit().export(free,
                new AuditQuery(AuditResource.PACKET, null, null, null, null, null, 200, 0), exported::add));

        assertThat(e.code()).isEqualTo(ErrorCode.TIER_FEATURE_UNAVAILABLE);
        assertThat(exported).isEmpty();
    }

    // §5.2 request windows, §2.2 failed authentications

    @Test
    void the_sixty_first_request_of_a_key_within_a_minute_is_refused_by_the_minute_window() {
        Authenticated caller = authenticated(Tier.PRO);
        for (int i = 0; i < 60; i++) {
            assertThat(rail.rateLimits().chargeRequest(caller).admitted()).isTrue();
        }

        RequestAdmission refused = rail.rateLimits().chargeRequest(caller);

        assertThat(refused.refusedBy()).isEqualTo(new RateWindow("minute", 60, 0, 60));
        assertThat(refused.refusal().orElseThrow().extras()).containsEntry("window", "minute")
                .containsEntry("retry_after", 60L);
        clock.advance(Duration.ofSeconds(60));
        RequestAdmission later = rail.rateLimits().chargeRequest(caller);
        assertThat(later.admitted()).isTrue();
        assertThat(later.minute().remaining()).isEqualTo(59);
        assertThat(later.hour()).isEqualTo(new RateWindow("hour", 1_000, 1_000 - 61, 3_540));
    }

    @Test
    void the_tenants_keys_share_the_hourly_window() {
        Tenant tenant = rail.manageTenants().create(platformAdmin, "Hourly " + UUID.randomUUID(), Tier.FREE, null,
                null, 2);
        Authenticated first = authenticate(rail.manageKeys().create(platformAdmin, "1", Role.READER, tenant.id(),
                false));
        Authenticated second = authenticate(rail.manageKeys().create(platformAdmin, "2", Role.READER, tenant.id(),
                false));
        for (int i = 0; i < 50; i++) {
            rail.rateLimits().chargeRequest(first);
            rail.rateLimits().chargeRequest(second);
            clock.advance(Duration.ofSeconds(1));
        }

        RequestAdmission refused = rail.rateLimits().chargeRequest(first);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.refusedBy().name()).isEqualTo("hour");
        assertThat(refused.refusedBy().remaining()).isZero();
        clock.set(Fixtures.T0.plus(Duration.ofHours(1)));
        assertThat(rail.rateLimits().chargeRequest(second).admitted()).isTrue();
    }

    @Test
    void more_than_thirty_failed_authentications_from_a_client_within_a_minute_are_throttled() {
        HandoffRailException unknownKey = refusal(() -> rail.authenticate().authenticate("hr_nope"));
        for (int i = 0; i < 30; i++) {
            assertThat(rail.rateLimits().chargeFailedAuthentication("10.0.0.1", unknownKey)).isSameAs(unknownKey);
        }
        HandoffRailException forbidden = refusal(() -> rail.manageTenants().list(tenantAdmin(Tier.PRO)));

        HandoffRailException throttled = rail.rateLimits().chargeFailedAuthentication("10.0.0.1", unknownKey);

        assertThat(throttled.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(throttled.extras()).containsEntry("window", "auth_failures").containsEntry("retry_after", 60L);
        assertThat(rail.rateLimits().chargeFailedAuthentication("10.0.0.1", forbidden)).isSameAs(forbidden);
        assertThat(rail.rateLimits().chargeFailedAuthentication("10.0.0.2", unknownKey)).isSameAs(unknownKey);
    }

    // §7.1 input fields, §9.8 claimant, §9.9 respond, §9.15 claim-next

    @Test
    void create_chain_batch_and_patch_apply_the_input_field_limits() {
        Caller pro = tenantAdmin(Tier.PRO);
        PacketDraft tooManyTags = draft("a", "b").withTags(Collections.nCopies(33, "t"));
        Packet packet = rail.createPacket().create(pro, draft("a", "b"));
        PacketPatch longSummary = new PacketPatch(null, PacketContext.ofSummary("s".repeat(10_001)), null, null,
                null, null, null, null, null);

        assertInvalid(() -> rail.createPacket().create(pro, tooManyTags), "metadata.tags");
        assertInvalid(() -> rail.createPacket().chain(pro, packet.id(), tooManyTags), "metadata.tags");
        assertInvalid(() -> rail.updatePacket().update(pro, packet.id(), longSummary), "context.summary");
        CreateItem longAgentId = item("a".repeat(129), "b", "s");
        assertThat(rail.batchPackets().createBatch(pro, List.of(longAgentId)).errors())
                .extracting(ItemError::code).containsExactly(ErrorCode.VALIDATION_ERROR);
        assertThat(stored(pro)).isEqualTo(1);
    }

    @Test
    void claimants_claim_next_commands_and_responses_follow_their_rules() {
        Caller pro = tenantAdmin(Tier.PRO);
        Packet waiting = rail.createPacket().create(pro, draft("a", "b")
                .withHitl(HitlCheckpoint.of(true, "Refund", null, List.of("Approve", "Deny"), null)));
        Claimant claimant = new Claimant("b", "B", null);

        assertInvalid(() -> new Claimant("x".repeat(129), "B", null), "agent_id");
        assertInvalid(() -> new Claimant(null, "B", null), "agent_id");
        assertInvalid(() -> new ClaimNextCommand(claimant, null, Set.of(), Duration.ofSeconds(31)), "wait_seconds");
        assertInvalid(() -> new ClaimNextCommand(claimant, null, Set.of(), Duration.ofSeconds(-1)), "wait_seconds");
        assertInvalid(() -> ClaimNextCommand.of("b", "B", null, null, Collections.nCopies(33, "t"), Duration.ZERO),
                "tags");
        assertInvalid(() -> new ClaimNextCommand(claimant, "", Set.of(), Duration.ZERO), "target_agent");
        assertInvalid(() -> rail.respondToCheckpoint().respond(pro, waiting.id(), "", "alice", null), "response");
        assertThat(refusal(() -> rail.respondToCheckpoint().respond(pro, waiting.id(), "Maybe", "alice", null))
                .code()).isEqualTo(ErrorCode.INVALID_HITL_RESPONSE);
    }

    private Caller tenantAdmin(Tier tier) {
        return Caller.of(authenticated(tier).key());
    }

    private Authenticated authenticated(Tier tier) {
        Tenant tenant = rail.manageTenants().create(platformAdmin, "Tenant " + UUID.randomUUID(), tier, null, null,
                null);
        return authenticate(rail.manageKeys().create(platformAdmin, "admin", Role.ADMIN, tenant.id(), false));
    }

    private Authenticated authenticate(IssuedApiKey key) {
        return rail.authenticate().authenticate(key.secret());
    }

    private Caller callerOf(IssuedApiKey key) {
        return Caller.of(authenticate(key).key());
    }

    private long stored(Caller caller) {
        return rail.queryPackets().list(caller, new PacketQuery(Set.of(), null, null, Set.of(), null, null, null,
                null, 1, 0, null, false)).total();
    }

    private static PacketDraft draft(String source, String target) {
        return PacketDraft.of(AgentInfo.of(source, source), AgentInfo.of(target, target), "Handoff");
    }

    private static PacketDraft withCustom(PacketDraft draft, String blob) {
        return draft.withContext(new PacketContext("Handoff", List.of(), List.of(), Map.of("blob", blob)));
    }

    private static PacketDraft withConversation(PacketDraft draft, String content) {
        return draft.withContext(new PacketContext("Handoff",
                List.of(new ConversationEntry(ConversationRole.USER, content, null, null)), List.of(), Map.of()));
    }

    /** A batch item as an adapter hands it over: the draft, and the size of the JSON it was read from. */
    private static CreateItem item(String source, String target, String custom) {
        Map<String, Object> json = Map.of("metadata", Map.of("source_agent", Map.of("id", source, "name", source),
                        "target_agent", Map.of("id", target, "name", target)),
                "context", Map.of("summary", "Handoff", "custom", Map.of("blob", custom)));
        return CreateItem.of(withCustom(draft(source, target), custom), JsonWriter.utf8Length(json));
    }

    private static HandoffRailException refusal(Executable call) {
        try {
            call.execute();
        } catch (HandoffRailException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError("expected a HandoffRailException", e);
        }
        throw new AssertionError("expected a refusal");
    }

    private static void assertMaxAgents(Executable call) {
        HandoffRailException e = refusal(call);
        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.extras()).containsEntry("quota", "max_agents").containsEntry("limit", 2L);
    }

    private static void assertInvalid(Executable call, String field) {
        HandoffRailException e = refusal(call);
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.field()).isEqualTo(field);
    }
}
