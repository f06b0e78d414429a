package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.NotFoundException;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ApiKey;
import dev.handoffrail.client.model.AuditEntry;
import dev.handoffrail.client.model.AuditQuery;
import dev.handoffrail.client.model.BatchClaimResult;
import dev.handoffrail.client.model.BatchCompleteResult;
import dev.handoffrail.client.model.BatchCreateResult;
import dev.handoffrail.client.model.ClaimNextOptions;
import dev.handoffrail.client.model.Decision;
import dev.handoffrail.client.model.HistoryEvent;
import dev.handoffrail.client.model.HitlCheckpoint;
import dev.handoffrail.client.model.NewApiKey;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.NewTenant;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketActions;
import dev.handoffrail.client.model.PacketPage;
import dev.handoffrail.client.model.PacketQuery;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.PacketUpdate;
import dev.handoffrail.client.model.PendingAction;
import dev.handoffrail.client.model.Priority;
import dev.handoffrail.client.model.Role;
import dev.handoffrail.client.model.Schema;
import dev.handoffrail.client.model.Stats;
import dev.handoffrail.client.model.Tenant;
import dev.handoffrail.client.model.TenantUpdate;
import dev.handoffrail.client.model.Tier;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every method of {@code HandoffRailClient} against the real application (SQLite), each test in its own tenant. */
class HandoffRailClientEndToEndTest {
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot").withFramework("langchain4j");

    @TempDir
    static Path dir;
    private static ClientTestServer server;

    @BeforeAll
    static void startServer() {
        server = ClientTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static NewPacket packet(String summary) {
        return NewPacket.builder().from("sales-01", "SalesBot").to("billing-01", "BillingBot").summary(summary)
                .tags("upgrade").build();
    }

    @Test
    void a_packet_is_created_read_claimed_worked_and_completed_with_its_history() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        NewPacket input = NewPacket.builder().from("sales-01", "SalesBot").to("billing-01", "BillingBot")
                .priority(Priority.HIGH).tags("upgrade", "business-tier").summary("Customer wants Business")
                .message("user", "I want to upgrade").artifact("profile", Map.of("id", "cust-789"), "application/json")
                .custom("session_id", "sess-123").decision(Decision.of("d1", "Proceed", "eligible"))
                .build();

        Packet created = rail.packets().create(input);

        assertThat(created.status()).isEqualTo(PacketStatus.CREATED);
        assertThat(created.metadata().priority()).isEqualTo(Priority.HIGH);
        assertThat(created.metadata().tags()).containsExactly("upgrade", "business-tier");
        assertThat(created.context().conversationState()).hasSize(1);
        assertThat(created.context().artifacts().get(0).value()).isEqualTo(Map.of("id", "cust-789"));
        assertThat(created.context().custom()).containsEntry("session_id", "sess-123");
        assertThat(created.decisions()).containsExactly(new Decision("d1", "Proceed", "eligible", List.of(), null,
                null));
        assertThat(created.links().self()).isEqualTo("/api/v1/packets/" + created.id());
        assertThat(rail.packets().get(created.id())).isEqualTo(created);

        Packet claimed = rail.packets().claim(created.id(), BILLING);
        assertThat(claimed.status()).isEqualTo(PacketStatus.CLAIMED);
        assertThat(claimed.metadata().targetAgent().framework()).isEqualTo("langchain4j");
        assertThat(claimed.metadata().claimedAt()).isNotNull();

        Packet working = rail.packets().update(created.id(), PacketUpdate.status(PacketStatus.IN_PROGRESS)
                .withActions(new PacketActions(List.of(new PendingAction("a1", "Process upgrade", "billing-01",
                        Priority.HIGH, List.of(), null)), null, null)));
        assertThat(working.status()).isEqualTo(PacketStatus.IN_PROGRESS);
        assertThat(working.actions().pending()).extracting(PendingAction::id).containsExactly("a1");

        Packet completed = rail.packets().complete(created.id());
        assertThat(completed.status()).isEqualTo(PacketStatus.COMPLETED);
        assertThat(completed.metadata().completedAt()).isNotNull();

        assertThat(rail.packets().history(created.id()).events()).extracting(HistoryEvent::eventType)
                .containsExactly("created", "claimed", "in_progress", "completed");
    }

    @Test
    void a_creation_repeated_with_its_idempotency_key_returns_the_first_packet() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();

        Packet first = rail.packets().create(packet("once"), "order-42");
        Packet again = rail.packets().create(packet("once"), "order-42");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(rail.packets().list(PacketQuery.all()).total()).isEqualTo(1);
    }

    @Test
    void batches_create_claim_and_complete_item_by_item() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        NewPacket invalid = NewPacket.builder().from("", "nobody").to("billing-01", "B").summary("bad").build();

        BatchCreateResult batch = rail.packets().createBatch(List.of(packet("one"), invalid, packet("two")));

        assertThat(batch.created()).extracting(Packet::summary).containsExactly("one", "two");
        assertThat(batch.errors()).hasSize(1);
        assertThat(batch.errors().get(0).index()).isEqualTo(1);
        assertThat(batch.errors().get(0).code()).isEqualTo("VALIDATION_ERROR");
        List<String> ids = batch.created().stream().map(Packet::id).toList();

        BatchClaimResult claimed = rail.packets().claimBatch(List.of(ids.get(0), ids.get(0)), BILLING);
        assertThat(claimed.claimed()).extracting(Packet::id).containsExactly(ids.get(0));
        assertThat(claimed.errors()).extracting(e -> e.packetId() + " " + e.code())
                .containsExactly(ids.get(0) + " DUPLICATE");

        BatchCompleteResult completed = rail.packets().completeBatch(ids);
        assertThat(completed.completed()).extracting(Packet::id).containsExactly(ids.get(0));
        assertThat(completed.errors()).extracting(e -> e.packetId() + " " + e.code())
                .containsExactly(ids.get(1) + " INVALID_TRANSITION");
    }

    @Test
    void a_chained_packet_inherits_the_conversation_of_its_parent() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet parent = rail.packets().create(NewPacket.builder().from("sales-01", "S").to("billing-01", "B")
                .summary("parent").message("user", "hello").build());

        Packet child = rail.packets().chain(parent.id(), NewPacket.builder().from("billing-01", "B")
                .to("support-01", "S").summary("child").message("agent", "over to support").build());

        assertThat(child.parentPacketId()).isEqualTo(parent.id());
        assertThat(child.context().conversationState()).extracting(e -> e.content())
                .containsExactly("hello", "over to support");
        assertThat(rail.packets().history(parent.id()).events()).extracting(HistoryEvent::eventType)
                .containsExactly("created", "chained");
    }

    @Test
    void the_cursor_iterator_walks_250_packets_newest_first_without_gaps_or_repeats() {
        HandoffRailClient rail = server.newTenant(Tier.PRO).client();
        List<String> createdIds = new ArrayList<>();
        for (int batch = 0; batch < 5; batch++) {
            int first = batch * 50;
            List<NewPacket> items = IntStream.range(first, first + 50).mapToObj(i -> packet("packet " + i)).toList();
            rail.packets().createBatch(items).created().forEach(p -> createdIds.add(p.id()));
        }
        assertThat(createdIds).hasSize(250);

        List<Packet> iterated = new ArrayList<>();
        rail.packets().iterate(PacketQuery.all().withLimit(40)).forEach(iterated::add);

        assertThat(iterated).hasSize(250);
        assertThat(iterated.stream().map(Packet::id).collect(Collectors.toSet()))
                .isEqualTo(new HashSet<>(createdIds));
        for (int i = 1; i < iterated.size(); i++) {
            Packet newer = iterated.get(i - 1);
            Packet older = iterated.get(i);
            assertThat(newer.createdAt().compareTo(older.createdAt()) > 0
                    || newer.createdAt().equals(older.createdAt()) && newer.id().compareTo(older.id()) > 0)
                    .as("%s before %s", newer.id(), older.id()).isTrue();
        }
        try (Stream<Packet> stream = rail.packets().stream(PacketQuery.all().withLimit(200)
                .withStatus(PacketStatus.CREATED))) {
            assertThat(stream.count()).isEqualTo(250);
        }
        assertThat(rail.packets().stream(PacketQuery.all().withLimit(7)).limit(10).count()).isEqualTo(10);
    }

    @Test
    void list_filters_pages_and_the_next_cursor_follow_the_contract() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet low = rail.packets().create(NewPacket.builder().from("sales-01", "S").to("billing-01", "B")
                .priority(Priority.LOW).tags("a").summary("low").build());
        Packet high = rail.packets().create(NewPacket.builder().from("sales-02", "S").to("billing-01", "B")
                .priority(Priority.HIGH).tags("a", "b").summary("high").build());
        rail.packets().claim(low.id(), BILLING);

        PacketPage first = rail.packets().list(PacketQuery.all().withLimit(1));
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.packets()).extracting(Packet::id).containsExactly(high.id());
        assertThat(first.nextCursor()).isNotNull();
        PacketPage second = rail.packets().list(PacketQuery.all().withLimit(1), first.nextCursor());
        assertThat(second.packets()).extracting(Packet::id).containsExactly(low.id());
        assertThat(second.nextCursor()).isNull();

        assertThat(ids(rail.packets().list(PacketQuery.all().withStatus(PacketStatus.CLAIMED))))
                .containsExactly(low.id());
        assertThat(ids(rail.packets().list(PacketQuery.all().withPriority(Priority.HIGH)))).containsExactly(high.id());
        assertThat(ids(rail.packets().list(PacketQuery.all().withTags("a", "b")))).containsExactly(high.id());
        assertThat(ids(rail.packets().list(PacketQuery.all().withSourceAgent("sales-01")))).containsExactly(low.id());
        assertThat(ids(rail.packets().list(PacketQuery.all().withTargetAgent("billing-01")))).hasSize(2);
        assertThat(ids(rail.packets().list(PacketQuery.all().withHitlRequired(true)))).isEmpty();
        assertThat(ids(rail.packets().list(PacketQuery.all()
                .withCreatedBetween(high.createdAt(), high.createdAt())))).containsExactly(high.id());
    }

    @Test
    void search_finds_by_words_and_respects_status_filters() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet refund = rail.packets().create(packet("Customer requests a refund for the annual plan"));
        rail.packets().create(packet("Upgrade to the business plan"));

        PacketPage found = rail.packets().search("refunds", 10, 0);

        assertThat(found.total()).isEqualTo(1);
        assertThat(ids(found)).containsExactly(refund.id());
        assertThat(rail.packets().search("plan", 10, 0).total()).isEqualTo(2);
        assertThat(rail.packets().search("plan", List.of(PacketStatus.COMPLETED), null, 10, 0).total()).isZero();
        assertThat(rail.packets().search("plan", List.of(), Priority.NORMAL, 1, 1).packets()).hasSize(1);
    }

    @Test
    void a_human_answers_the_checkpoint_of_a_packet_in_the_awaiting_queue() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet waiting = rail.packets().create(NewPacket.builder().from("sales-01", "S").to("billing-01", "B")
                .summary("Refund of 500 USD").hitl(HitlCheckpoint.required("Refund exceeds policy",
                        "Approve the refund?", List.of("Approve", "Deny")).withTimeoutSeconds(3600)).build());
        assertThat(waiting.status()).isEqualTo(PacketStatus.AWAITING_HUMAN);

        PacketPage queue = rail.packets().awaiting(10, 0);
        assertThat(ids(queue)).containsExactly(waiting.id());

        Packet answered = rail.packets().respond(waiting.id(), "Approve", "manager@example.com", "VIP");

        assertThat(answered.status()).isEqualTo(PacketStatus.CLAIMED);
        assertThat(answered.hitl().response()).isEqualTo("Approve");
        assertThat(answered.hitl().respondedBy()).isEqualTo("manager@example.com");
        assertThat(answered.hitl().notes()).isEqualTo("VIP");
        assertThat(answered.hitl().respondedAt()).isNotNull();
        assertThat(rail.packets().awaiting(10, 0).total()).isZero();
    }

    @Test
    void failing_and_deleting_move_packets_to_their_final_statuses() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet failing = rail.packets().create(packet("will fail"));
        Packet deleted = rail.packets().create(packet("will be deleted"));

        assertThat(rail.packets().fail(failing.id()).status()).isEqualTo(PacketStatus.FAILED);
        rail.packets().delete(deleted.id());

        assertThat(rail.packets().get(deleted.id()).status()).isEqualTo(PacketStatus.EXPIRED);
        assertThat(rail.packets().history(deleted.id()).events()).extracting(HistoryEvent::actor)
                .containsExactly("agent:sales-01", "system:soft_delete");
    }

    @Test
    void claim_next_takes_the_most_urgent_packet_and_answers_empty_when_none_is_left() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        rail.packets().create(packet("normal"));
        Packet urgent = rail.packets().create(NewPacket.builder().from("sales-01", "S").to("billing-01", "B")
                .priority(Priority.CRITICAL).summary("urgent").build());

        Optional<Packet> first = rail.packets().claimNext(BILLING, ClaimNextOptions.defaults());
        assertThat(first.map(Packet::id)).contains(urgent.id());
        assertThat(rail.packets().claimNext(BILLING, ClaimNextOptions.defaults().withTags("upgrade"))
                .map(Packet::summary)).contains("normal");
        assertThat(rail.packets().claimNext(BILLING, ClaimNextOptions.defaults())).isEmpty();
        assertThat(rail.packets().claimNext(AgentInfo.of("other", "O"), ClaimNextOptions.defaults()
                .withTargetAgent("*"))).isEmpty();
    }

    @Test
    void claim_next_with_a_wait_returns_a_packet_created_while_it_waits() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();

        CompletableFuture<Optional<Packet>> waiting = CompletableFuture.supplyAsync(() ->
                rail.packets().claimNext(BILLING, ClaimNextOptions.defaults().withWaitSeconds(20)));
        Packet created = rail.packets().create(packet("arrives later"));

        Optional<Packet> claimed = waiting.get(25, TimeUnit.SECONDS);
        assertThat(claimed.map(Packet::id)).contains(created.id());
        assertThat(claimed.map(Packet::status)).contains(PacketStatus.CLAIMED);
    }

    @Test
    void schemas_are_registered_listed_and_bind_packets() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Map<String, Object> jsonSchema = Map.of("type", "object", "required", List.of("custom"));

        Schema v1 = rail.schemas().create("payment-context", null, jsonSchema);
        Schema v2 = rail.schemas().create("payment-context", 2, jsonSchema);

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.jsonSchema()).isEqualTo(jsonSchema);
        assertThat(rail.schemas().get(v2.id())).isEqualTo(v2);
        assertThat(rail.schemas().list("payment-context", 10, 0).schemas()).extracting(Schema::id)
                .containsExactly(v2.id(), v1.id());
        assertThat(rail.schemas().list(null, 1, 1).total()).isEqualTo(2);
        Packet bound = rail.packets().create(NewPacket.builder().from("a", "A").to("b", "B").summary("s")
                .schema(v1.id()).build());
        assertThat(bound.schemaId()).isEqualTo(v1.id());
    }

    @Test
    void keys_are_created_listed_rotated_and_revoked() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.BUSINESS);
        HandoffRailClient admin = tenant.client();

        ApiKey agent = admin.keys().create(NewApiKey.of("billing-agent", Role.AGENT));
        assertThat(agent.key()).startsWith("hr_").hasSize(46);
        assertThat(agent.keyPrefix()).isEqualTo(agent.key().substring(0, 8));
        assertThat(agent.role()).isEqualTo(Role.AGENT);
        assertThat(agent.tier()).isEqualTo(Tier.BUSINESS);
        assertThat(agent.toString()).doesNotContain(agent.key());
        assertThat(server.client(agent.key()).packets().list(PacketQuery.all()).total()).isZero();

        ApiKey rotated = admin.keys().rotate(agent.id());
        assertThat(rotated.name()).isEqualTo("billing-agent (rotated)");
        assertThat(admin.keys().list()).extracting(ApiKey::id, ApiKey::revoked).contains(
                org.assertj.core.groups.Tuple.tuple(agent.id(), true),
                org.assertj.core.groups.Tuple.tuple(rotated.id(), false));

        admin.keys().revoke(rotated.id());
        assertThat(admin.keys().list()).filteredOn(ApiKey::revoked).hasSize(2);
        assertThat(admin.keys().list()).allSatisfy(key -> assertThat(key.key()).isNull());
    }

    @Test
    void tenants_are_created_updated_listed_and_deleted_by_a_platform_admin() {
        HandoffRailClient admin = server.admin();

        Tenant acme = admin.tenants().create(NewTenant.of("Acme Tenants Test").withId("acme-tenants")
                .withTier(Tier.PRO).withHandoffsPerDay(100).withMaxApiKeys(2));
        assertThat(acme.tier()).isEqualTo(Tier.PRO);
        assertThat(acme.handoffsPerDay()).isEqualTo(100);
        assertThat(admin.tenants().get("acme-tenants")).isEqualTo(acme);
        assertThat(admin.tenants().list()).extracting(Tenant::id).contains("acme-tenants", "default");

        Tenant updated = admin.tenants().update("acme-tenants", TenantUpdate.empty().name("Acme Renamed")
                .tier(Tier.BUSINESS).handoffsPerDay(null).maxApiKeys(null));
        assertThat(updated.name()).isEqualTo("Acme Renamed");
        assertThat(updated.handoffsPerDay()).isZero();
        assertThat(updated.maxApiKeys()).isEqualTo(25);

        admin.keys().create(NewApiKey.of("acme-reader", Role.READER).inTenant("acme-tenants"));
        assertThat(admin.tenants().keys("acme-tenants")).extracting(ApiKey::name).containsExactly("acme-reader");

        admin.tenants().delete("acme-tenants");
        assertThatThrownBy(() -> admin.tenants().get("acme-tenants")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void audit_lists_streams_and_exports_the_tenants_trail() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet packet = rail.packets().create(packet("audited"));
        rail.packets().claim(packet.id(), BILLING);
        rail.keys().create(NewApiKey.of("audited-key", Role.READER));

        assertThat(rail.audit().list(AuditQuery.packets(), 50, 0).entries()).extracting(AuditEntry::action)
                .containsExactly("claimed", "created");
        // the tenant's own admin key, created for this test, and the reader key
        assertThat(rail.audit().list(AuditQuery.resource("api_key"), 50, 0).entries())
                .extracting(AuditEntry::action, AuditEntry::packetId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api_key.created", ""),
                        org.assertj.core.groups.Tuple.tuple("api_key.created", ""));
        assertThat(rail.audit().list(AuditQuery.packets().withAction("claimed").withPacketId(packet.id()), 50, 0)
                .total()).isEqualTo(1);
        try (Stream<AuditEntry> all = rail.audit().stream(AuditQuery.resource("all"))) {
            assertThat(all.count()).isEqualTo(4);
        }

        try (Stream<AuditEntry> exported = rail.audit().exportEntries(AuditQuery.packets())) {
            assertThat(exported.map(AuditEntry::action)).containsExactly("created", "claimed");
        }
        try (InputStream csv = rail.audit().export(AuditQuery.packets(), "csv")) {
            assertThat(new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst())
                    .contains("id,timestamp,resource,resource_id,packet_id,action,actor,api_key_id,details");
        }
    }

    @Test
    void stats_and_health_report_the_numbers() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet packet = rail.packets().create(packet("counted"));
        rail.packets().create(packet("counted too"));
        rail.packets().claim(packet.id(), BILLING);

        Stats stats = rail.stats();

        assertThat(stats.totalPackets()).isEqualTo(2);
        assertThat(stats.packetsByStatus()).isEqualTo(Map.of("created", 1L, "claimed", 1L));
        assertThat(stats.packetsLast24h()).isEqualTo(2);
        assertThat(stats.avgClaimTimeSeconds()).isNotNull();
        assertThat(rail.health().get("status").asText()).isEqualTo("ok");
        JsonNode health = server.admin().systemHealth();
        assertThat(health.get("database_backend").asText()).isEqualTo("sqlite");
    }

    private static List<String> ids(PacketPage page) {
        return page.packets().stream().map(Packet::id).toList();
    }
}
