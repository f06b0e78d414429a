package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.BILLING;
import static dev.handoffrail.core.service.ServiceHarness.SALES;
import static dev.handoffrail.core.service.ServiceHarness.TENANT;
import static dev.handoffrail.core.service.ServiceHarness.draft;
import static dev.handoffrail.core.service.ServiceHarness.hitlDraft;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.SchemaFixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketCreationTest {
    private static final LocalDate DAY0 = LocalDate.of(2026, 5, 30);

    @Test
    void creating_a_packet_stores_it_with_a_created_history_event_and_a_created_event() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.service.create(h.writer, draft());

            assertThat(packet.status()).isEqualTo(PacketStatus.CREATED);
            assertThat(packet.tenant()).isEqualTo(TENANT);
            assertThat(packet.sourceAgent()).isEqualTo(SALES);
            assertThat(packet.targetAgent()).isEqualTo(BILLING);
            assertThat(packet.createdAt()).isEqualTo(T0);
            assertThat(packet.updatedAt()).isEqualTo(T0);
            assertThat(packet.statusChangedAt()).isEqualTo(T0);
            assertThat(packet.claimedAt()).isNull();
            assertThat(packet.chainDepth()).isZero();
            assertThat(h.stored(packet.id())).isEqualTo(packet);
            assertThat(h.history(packet.id())).singleElement().satisfies(entry -> {
                assertThat(entry.resource()).isEqualTo(AuditResource.PACKET);
                assertThat(entry.action()).isEqualTo("created");
                assertThat(entry.actor()).isEqualTo("agent:sales-01");
                assertThat(entry.details()).isEmpty();
                assertThat(entry.timestamp()).isEqualTo(T0);
                assertThat(entry.apiKeyId()).isEqualTo(h.writer.keyId());
            });
            assertThat(h.observed).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.PACKET_CREATED);
                assertThat(event.tenant()).isEqualTo(TENANT);
                assertThat(event.packetId()).isEqualTo(packet.id());
                assertThat(event.timestamp()).isEqualTo(T0);
                assertThat(event.packet()).isEqualTo(packet);
                assertThat(event.data()).containsExactly(entry("status", "created"),
                        entry("metadata", PacketRepresentation.metadataJson(packet)));
            });
            assertThat(h.published).isEqualTo(h.observed);
        }
    }

    @Test
    void a_required_checkpoint_starts_awaiting_human_and_announces_it_with_no_previous_status() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.service.create(h.writer, hitlDraft(List.of("Approve", "Deny"), 3600));

            assertThat(packet.status()).isEqualTo(PacketStatus.AWAITING_HUMAN);
            assertThat(h.history(packet.id())).extracting(AuditEntry::action).containsExactly("created");
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_CREATED, EventType.PACKET_AWAITING_HUMAN);
            assertThat(h.observed.get(1).data()).containsExactly(entry("status", "awaiting_human"),
                    entry("previous_status", null), entry("metadata", PacketRepresentation.metadataJson(packet)));
        }
    }

    @Test
    void a_checkpoint_that_is_not_required_starts_created() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.service.create(h.writer, draft().withHitl(HitlCheckpoint.of(false, "", null, null,
                    null)));

            assertThat(packet.status()).isEqualTo(PacketStatus.CREATED);
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_CREATED);
        }
    }

    @Test
    void response_fields_sent_with_a_new_checkpoint_are_ignored() {
        try (ServiceHarness h = ServiceHarness.create()) {
            HitlCheckpoint forged = new HitlCheckpoint(true, "Refund", null, null, null, "Approve", T0,
                    "attacker", "forged");

            Packet packet = h.service.create(h.writer, draft().withHitl(forged));

            assertThat(packet.hitl()).isEqualTo(HitlCheckpoint.of(true, "Refund", null, null, null));
        }
    }

    @Test
    void an_agent_key_cannot_create_packets() {
        try (ServiceHarness h = ServiceHarness.create()) {
            assertThatThrownBy(() -> h.service.create(h.agent, draft()))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(e.detail()).isEqualTo(
                                "Insufficient permissions. Required role: writer, current role: agent");
                    });
            assertThat(h.stores.packets().list(TENANT, PacketQuery.all()).total())
                    .isZero();
        }
    }

    @Test
    void an_invalid_draft_is_refused_with_every_field_error_and_nothing_is_recorded() {
        try (ServiceHarness h = ServiceHarness.create()) {
            PacketDraft invalid = PacketDraft.of(AgentInfo.of("", "Sales"), AgentInfo.of("", "Billing"), "x");

            assertThatThrownBy(() -> h.service.create(h.writer, invalid))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.errors()).extracting(FieldError::field)
                                .containsExactly("metadata.source_agent.id", "metadata.target_agent.id");
                    });
            assertThat(h.observed).isEmpty();
        }
    }

    @Test
    void a_tenant_that_does_not_exist_is_not_found() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Caller stranger = new Caller(new TenantId("ghost"), null, null, Role.WRITER, false);

            assertThatThrownBy(() -> h.service.create(stranger, draft()))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.detail()).isEqualTo("Tenant ghost not found");
                    });
        }
    }

    @Test
    void a_parent_makes_the_packet_one_level_deeper_and_keeps_created_details_empty() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet parent = h.newPacket();

            Packet child = h.service.create(h.writer, draft().withParent(parent.id()));

            assertThat(child.parentId()).isEqualTo(parent.id());
            assertThat(child.chainDepth()).isEqualTo(1);
            assertThat(h.history(child.id())).singleElement().extracting(AuditEntry::details)
                    .isEqualTo(Map.of());
            assertThat(h.history(parent.id())).extracting(AuditEntry::action).containsExactly("created");
        }
    }

    @Test
    void a_parent_of_another_tenant_is_a_validation_error_on_parent_packet_id() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet foreign = PacketFixtures.aPacket().tenant(new TenantId("globex")).build();
            h.stores.packets().insert(foreign);

            assertThatThrownBy(() -> h.service.create(h.writer, draft().withParent(foreign.id())))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.field()).isEqualTo("parent_packet_id");
                    });
        }
    }

    @Test
    void an_unknown_schema_is_schema_not_found() {
        try (ServiceHarness h = ServiceHarness.withSchemaValidator()) {
            SchemaId unknown = SchemaId.random();

            assertThatThrownBy(() -> h.service.create(h.writer, draft().withSchema(unknown)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND);
                        assertThat(e.field()).isEqualTo("schema_id");
                    });
        }
    }

    @Test
    void a_context_failing_its_schema_is_refused_with_the_contract_detail() {
        try (ServiceHarness h = ServiceHarness.withSchemaValidator()) {
            SchemaId schema = registerSchema(h);

            assertThatThrownBy(() -> h.service.create(h.writer, draft().withSchema(schema)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VALIDATION_FAILED);
                        assertThat(e.detail())
                                .isEqualTo("Context validation failed: 'amount' is a required property (at 'custom')");
                        assertThat(e.field()).isEqualTo("context.custom");
                        assertThat(e.errors()).containsExactly(
                                new FieldError("context.custom", "'amount' is a required property"));
                    });
            assertThat(h.observed).isEmpty();
        }
    }

    @Test
    void a_context_satisfying_its_schema_binds_the_schema() {
        try (ServiceHarness h = ServiceHarness.withSchemaValidator()) {
            SchemaId schema = registerSchema(h);
            PacketContext context = new PacketContext("Refund", List.of(), List.of(), Map.of("amount", 500L));

            Packet packet = h.service.create(h.writer, draft().withSchema(schema).withContext(context));

            assertThat(packet.schemaId()).isEqualTo(schema);
        }
    }

    @Test
    void each_creation_uses_one_daily_handoff_until_the_allowance_is_used_up() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            for (int i = 0; i < 5; i++) {
                h.service.create(h.writer, draft());
            }

            assertThatThrownBy(() -> h.service.create(h.writer, draft()))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);
                        assertThat(e.extras()).containsExactly(entry("limit", 5L),
                                entry("reset_at", "2026-05-31T00:00:00.000000Z"), entry("retry_after", 50_400L));
                    });
            assertThat(h.stores.dailyHandoffs().used(TENANT, DAY0)).isEqualTo(5);
            assertThat(h.observed).hasSize(5);
        }
    }

    @Test
    void the_daily_allowance_resets_at_midnight_utc() {
        try (ServiceHarness h = ServiceHarness.withDailyHandoffs(1)) {
            h.service.create(h.writer, draft());
            assertThatThrownBy(() -> h.service.create(h.writer, draft()))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);

            h.clock.set(T0.plus(Duration.ofHours(14)));

            assertThat(h.service.create(h.writer, draft()).createdAt()).isEqualTo(T0.plus(Duration.ofHours(14)));
            assertThat(h.stores.dailyHandoffs().used(TENANT, DAY0.plusDays(1))).isEqualTo(1);
        }
    }

    @Test
    void a_failed_creation_is_not_charged_to_the_daily_quota() {
        try (ServiceHarness h = ServiceHarness.withDailyHandoffs(3)) {
            h.stores.webhooks().insert(WebhookFixtures.aWebhook().build());
            PacketService failing = new PacketService(h.portsWith(new UnavailableWebhooks(h.stores.webhooks())),
                    h.settings, RailObserver.NONE);

            assertThatThrownBy(() -> failing.create(h.writer, draft())).hasMessage("database unavailable");
            assertThatThrownBy(() -> h.service.create(h.writer, PacketDraft.of(SALES, AgentInfo.of("", ""), "x")))
                    .isInstanceOf(HandoffRailException.class);

            assertThat(h.stores.dailyHandoffs().used(TENANT, DAY0)).isZero();
            assertThat(h.stores.packets().list(TENANT, PacketQuery.all()).total())
                    .isZero();
            assertThat(h.published).isEmpty();
        }
    }

    @Test
    void a_third_agent_on_the_free_tier_is_refused_with_max_agents() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            h.service.create(h.writer, ServiceHarness.draft("a", "b"));

            assertThatThrownBy(() -> h.service.create(h.writer, ServiceHarness.draft("a", "c")))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                        assertThat(e.extras()).containsExactly(entry("quota", "max_agents"), entry("limit", 2L),
                                entry("tier", "free"));
                    });
            assertThat(h.stores.dailyHandoffs().used(TENANT, DAY0)).isEqualTo(1);
        }
    }

    @Test
    void agents_already_active_never_count_twice_and_finished_packets_free_their_agents() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            Packet first = h.service.create(h.writer, ServiceHarness.draft("a", "b"));
            Packet second = h.service.create(h.writer, ServiceHarness.draft("b", "a"));
            assertThatThrownBy(() -> h.service.create(h.writer, ServiceHarness.draft("c", "a")))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);

            h.service.delete(h.writer, first.id());
            h.service.delete(h.writer, second.id());

            assertThat(h.service.create(h.writer, ServiceHarness.draft("c", "d")).status())
                    .isEqualTo(PacketStatus.CREATED);
        }
    }

    private static SchemaId registerSchema(ServiceHarness h) {
        SchemaId id = SchemaId.random();
        h.stores.schemas().insert(SchemaFixtures.aSchema().id(id).tenant(TENANT)
                .jsonSchema(Map.of("type", "object", "required_custom", List.of("amount"))).build());
        return id;
    }
}
