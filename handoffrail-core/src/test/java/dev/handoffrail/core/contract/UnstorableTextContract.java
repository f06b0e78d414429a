package dev.handoffrail.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Artifact;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.ConversationRole;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.StorableText;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.TenantFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The {@link StorableText} rule through the use cases over an adapter's real stores: text a database cannot hold
 * (NUL, unpaired surrogates, in values and in keys of free-form JSON) is refused with {@code VALIDATION_ERROR}
 * naming the field and nothing is stored, while every other odd code point is stored and read back verbatim. The
 * same suite runs in memory, on SQLite and on PostgreSQL, so the three behave identically.
 */
public abstract class UnstorableTextContract extends StoreContract {
    private static final String NUL = "a\u0000b";
    private static final String LONE_HIGH = "a\uD800b";
    private static final String LONE_LOW = "\uDC00";
    private static final String ODD_BUT_STORABLE = "\uFFFF\uFFFE\uE000 \uD83D\uDE00 \u200B\u202E \u0001\u001F\u007F é 漢";

    private HandoffRail rail;
    private Caller caller;

    @BeforeEach
    final void buildRail() {
        stores.tenants().insert(TenantFixtures.aTenant().id(Fixtures.ACME).tier(Tier.PRO).build());
        rail = HandoffRail.builder().clock(MutableClock.atT0()).transactor(stores.transactor())
                .packetStore(stores.packets()).packetStatistics(stores.packetStatistics()).auditLog(stores.audit())
                .tenantStore(stores.tenants()).apiKeyStore(stores.keys()).webhookStore(stores.webhooks())
                .deliveryStore(stores.deliveries()).schemaStore(stores.schemas())
                .dailyHandoffCounter(stores.dailyHandoffs()).idempotencyStore(stores.idempotency()).build();
        caller = Caller.system(Fixtures.ACME);
    }

    @AfterEach
    final void closeRail() {
        rail.close();
    }

    @Test
    void a_nul_in_the_summary_is_refused_naming_the_field_and_nothing_is_stored() {
        assertRefused(() -> rail.createPacket().create(caller, draft(PacketContext.ofSummary(NUL))),
                new FieldError("context.summary", StorableText.MESSAGE));
        assertThat(storedPackets()).isZero();
    }

    @Test
    void unpaired_surrogates_in_agents_and_tags_are_refused_naming_each_field() {
        PacketDraft draft = new PacketDraft(null, null, new AgentInfo("sales", LONE_HIGH, null, null),
                new AgentInfo("billing" + LONE_LOW, "Billing", null, null), null, List.of("ok", NUL),
                PacketContext.ofSummary("s"), List.of(), null, List.of(), null);

        assertRefused(() -> rail.createPacket().create(caller, draft),
                new FieldError("metadata.source_agent.name", StorableText.MESSAGE),
                new FieldError("metadata.target_agent.id", StorableText.MESSAGE),
                new FieldError("metadata.tags[1]", StorableText.MESSAGE));
        assertThat(storedPackets()).isZero();
    }

    @Test
    void bad_text_deep_in_free_form_json_is_refused_by_its_path_and_a_bad_key_by_its_object() {
        ConversationEntry entry = new ConversationEntry(ConversationRole.USER, "hello", null,
                Map.of("k" + NUL, "v"));
        Artifact artifact = new Artifact("report", Map.of("rows", List.of("fine", Map.of("cell", LONE_HIGH))), null);
        PacketContext context = new PacketContext("s", List.of(entry), List.of(artifact), Map.of("note", LONE_LOW));

        assertRefused(() -> rail.createPacket().create(caller, draft(context)),
                new FieldError("context.conversation_state[0].metadata", StorableText.KEY_MESSAGE),
                new FieldError("context.artifacts[0].value.rows[1].cell", StorableText.MESSAGE),
                new FieldError("context.custom.note", StorableText.MESSAGE));
        assertThat(storedPackets()).isZero();
    }

    @Test
    void patch_claim_and_respond_refuse_bad_text_and_change_nothing() {
        Packet packet = rail.createPacket().create(caller, draft(PacketContext.ofSummary("s"))
                .withHitl(HitlCheckpoint.of(true, "check", "ok?", null, null)));
        PacketPatch patch = new PacketPatch(null, new PacketContext("s", List.of(), List.of(), Map.of("x", NUL)),
                null, null, null, null, null, null, null);

        assertRefused(() -> rail.updatePacket().update(caller, packet.id(), patch),
                new FieldError("context.custom.x", StorableText.MESSAGE));
        assertRefused(() -> rail.respondToCheckpoint().respond(caller, packet.id(), "yes", "alice", LONE_HIGH),
                new FieldError("notes", StorableText.MESSAGE));
        assertRefused(() -> new Claimant("billing", NUL, null), new FieldError("agent_name", StorableText.MESSAGE));
        assertThat(rail.queryPackets().get(caller, packet.id()).revision()).isEqualTo(packet.revision());
    }

    @Test
    void filters_and_commands_with_bad_text_are_refused_before_any_query() {
        assertRefused(() -> new PacketQuery(Set.of(), NUL, null, Set.of(), null, null, null, null, 50, 0, null,
                false), new FieldError("source_agent", StorableText.MESSAGE));
        assertRefused(() -> ClaimNextCommand.of("billing", "Billing", null, LONE_HIGH, List.of(), Duration.ZERO),
                new FieldError("target_agent", StorableText.MESSAGE));
        assertRefused(() -> rail.queryPackets().search(caller, "refund" + NUL, Set.of(), null, 50, 0),
                new FieldError("q", StorableText.MESSAGE));
        assertRefused(() -> rail.idempotency().begin(Fixtures.ACME, "key" + NUL, "hash"),
                new FieldError("Idempotency-Key", StorableText.MESSAGE));
    }

    @Test
    void every_other_odd_code_point_is_stored_and_read_back_verbatim() {
        ConversationEntry entry = new ConversationEntry(ConversationRole.USER, ODD_BUT_STORABLE, null,
                Map.of(ODD_BUT_STORABLE, ODD_BUT_STORABLE));
        PacketContext context = new PacketContext(ODD_BUT_STORABLE, List.of(entry), List.of(),
                Map.of("k", ODD_BUT_STORABLE));

        Packet created = rail.createPacket().create(caller, draft(context));
        Packet read = rail.queryPackets().get(caller, created.id());

        assertThat(read.context()).isEqualTo(context);
        assertThat(read.context().summary()).isEqualTo(ODD_BUT_STORABLE);
    }

    private static PacketDraft draft(PacketContext context) {
        return new PacketDraft(null, null, new AgentInfo("sales", "Sales", null, null),
                new AgentInfo("billing", "Billing", null, null), null, List.of(), context, List.of(), null, List.of(),
                null);
    }

    private long storedPackets() {
        return rail.queryPackets().list(caller, PacketQuery.all()).total();
    }

    private static void assertRefused(ThrowingSupplier<?> action, FieldError... expected) {
        HandoffRailException e = catchThrowableOfType(HandoffRailException.class, () -> action.get());
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.errors()).containsExactly(expected);
    }
}
