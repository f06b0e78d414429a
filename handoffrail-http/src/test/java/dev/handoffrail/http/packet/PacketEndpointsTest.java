package dev.handoffrail.http.packet;

import static dev.handoffrail.http.packet.PacketBodies.checkpointJson;
import static dev.handoffrail.http.packet.PacketBodies.claimant;
import static dev.handoffrail.http.packet.PacketBodies.packet;
import static dev.handoffrail.http.packet.PacketBodies.packetJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.ApiHarness;
import dev.handoffrail.http.TestResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every packet endpoint over the real packet service and in-memory stores: happy paths and documented errors. */
class PacketEndpointsTest {
    private static ApiHarness api;
    private String writer;
    private String agent;
    private String reader;
    private String stranger;

    @BeforeAll
    static void start() {
        api = ApiHarness.real();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void keys() {
        writer = api.key(Role.WRITER, Tier.BUSINESS);
        var tenant = api.authenticated(writer).tenant();
        agent = api.key(Role.AGENT, tenant);
        reader = api.key(Role.READER, tenant);
        stranger = api.key(Role.ADMIN, Tier.BUSINESS);
    }

    @Test
    void create_stores_the_packet_and_answers_201_with_location() {
        TestResponse created = send(writer, "POST", "/api/v1/packets",
                packetJson("sales-01", "billing-01", "Upgrade"));

        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.json().get("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/packets/" + id);
        assertThat(created.json()).containsEntry("status", "created").containsEntry("parent_packet_id", null)
                .containsEntry("hitl", null);
        assertThat(metadata(created.json())).containsEntry("created_at", created.json().get("created_at"))
                .containsEntry("claimed_at", null).containsEntry("priority", "normal");
        assertThat(read(id).body()).isEqualTo(created.body());
    }

    @Test
    void create_with_a_required_checkpoint_starts_awaiting_a_human() {
        TestResponse created = send(writer, "POST", "/api/v1/packets", checkpointJson("a", "b", List.of("Yes")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("status", "awaiting_human");
    }

    @Test
    void create_with_invalid_input_is_400_listing_each_problem_and_stores_nothing() {
        Map<String, Object> body = packet("a", "b", "x");
        body.put("metadata", Map.of("source_agent", Map.of("id", "a", "name", "A"), "priority", "urgent"));

        TestResponse response = send(writer, "POST", "/api/v1/packets", PacketBodies.with(body, "x", 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "VALIDATION_ERROR")
                .containsEntry("field", "metadata.target_agent");
        assertThat(response.json().get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(
                Map.of("field", "metadata.target_agent", "message", "field is required"),
                Map.of("field", "metadata.priority", "message", "must be one of: low, normal, high, critical"));
        assertThat(total(writer)).isZero();
    }

    @Test
    void create_with_an_unknown_parent_is_400_on_parent_packet_id() {
        String foreignParent = createdId(stranger, packetJson("a", "b", "theirs"));

        TestResponse response = send(writer, "POST", "/api/v1/packets",
                PacketBodies.with(packet("a", "b", "x"), "parent_packet_id", foreignParent));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "VALIDATION_ERROR")
                .containsEntry("field", "parent_packet_id");
    }

    @Test
    void create_with_an_unknown_schema_is_400_schema_not_found() {
        TestResponse response = send(writer, "POST", "/api/v1/packets",
                PacketBodies.with(packet("a", "b", "x"), "schema_id", PacketId.random().toString()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "SCHEMA_NOT_FOUND");
    }

    @Test
    void the_free_tier_agent_quota_is_403_quota_exceeded() {
        String free = api.key(Role.WRITER, Tier.FREE);
        createdId(free, packetJson("a", "b", "first"));

        TestResponse response = send(free, "POST", "/api/v1/packets", packetJson("c", "d", "second"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).containsEntry("code", "QUOTA_EXCEEDED").containsEntry("quota", "max_agents")
                .containsEntry("limit", 2L).containsEntry("tier", "free");
        assertThat(total(free)).isEqualTo(1);
    }

    @Test
    void the_free_tier_daily_allowance_is_429_with_retry_after() {
        String free = api.key(Role.WRITER, Tier.FREE);
        for (int i = 0; i < 5; i++) {
            createdId(free, packetJson("a", "b", "n" + i));
        }

        TestResponse response = send(free, "POST", "/api/v1/packets", packetJson("a", "b", "sixth"));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json()).containsEntry("code", "DAILY_QUOTA_EXCEEDED").containsEntry("limit", 5L)
                .containsKeys("reset_at", "retry_after");
        assertThat(response.header("Retry-After")).isEqualTo(response.json().get("retry_after").toString());
        assertThat(total(free)).isEqualTo(5);
    }

    @Test
    void a_free_tier_body_over_64_kib_is_413_and_stores_nothing() {
        String free = api.key(Role.WRITER, Tier.FREE);
        String big = packetJson("a", "b", "s".repeat(9_000)).replace("\"summary\"",
                "\"custom\":{\"pad\":\"" + "p".repeat(60_000) + "\"},\"summary\"");

        TestResponse response = send(free, "POST", "/api/v1/packets", big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json()).containsEntry("tier", "free").containsEntry("limit_bytes", 65_536L);
        assertThat(total(free)).isZero();
    }

    @Test
    void an_idempotent_create_is_stored_once() {
        String body = packetJson("a", "b", "once");
        TestResponse first = send(writer, "POST", "/api/v1/packets", body, "Idempotency-Key", "create-1");

        TestResponse replay = send(writer, "POST", "/api/v1/packets", body, "Idempotency-Key", "create-1");
        TestResponse reused = send(writer, "POST", "/api/v1/packets", packetJson("a", "b", "other"),
                "Idempotency-Key", "create-1");

        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json()).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
        assertThat(total(writer)).isEqualTo(1);
    }

    @Test
    void list_pages_newest_first_with_a_cursor_that_never_overlaps() {
        String first = createdId(writer, packetJson("a", "b", "one"));
        api.clock.advance(Duration.ofSeconds(1));
        String second = createdId(writer, packetJson("a", "b", "two"));
        api.clock.advance(Duration.ofSeconds(1));
        String third = createdId(writer, packetJson("a", "b", "three"));

        TestResponse page1 = send(reader, "GET", "/api/v1/packets?limit=2&offset=0", null);
        String cursor = (String) page1.json().get("next_cursor");
        TestResponse page2 = send(reader, "GET", "/api/v1/packets?limit=2&offset=0&cursor=" + cursor, null);

        assertThat(ids(page1)).containsExactly(third, second);
        assertThat(page1.json()).containsEntry("total", 3L);
        assertThat(cursor).isNotNull();
        assertThat(ids(page2)).containsExactly(first);
        assertThat(page2.json()).containsEntry("total", 3L).containsEntry("next_cursor", null)
                .containsEntry("offset", 0L);
    }

    @Test
    void list_filters_by_status_and_rejects_unknown_ones() {
        String claimed = createdId(writer, packetJson("a", "b", "claim me"));
        createdId(writer, packetJson("a", "b", "leave me"));
        send(agent, "POST", "/api/v1/packets/" + claimed + "/claim", claimant("b"));

        TestResponse filtered = send(reader, "GET", "/api/v1/packets?status=claimed", null);
        TestResponse unknown = send(reader, "GET", "/api/v1/packets?status=claimed,done", null);

        assertThat(ids(filtered)).containsExactly(claimed);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json()).containsEntry("code", "VALIDATION_ERROR").containsEntry("field", "status");
    }

    @Test
    void lists_never_show_another_tenants_packets() {
        createdId(stranger, packetJson("a", "b", "theirs"));

        assertThat(total(writer)).isZero();
    }

    @Test
    void awaiting_lists_only_checkpointed_packets_oldest_first() {
        String older = createdId(writer, checkpointJson("a", "b", List.of("Yes")));
        api.clock.advance(Duration.ofSeconds(1));
        String newer = createdId(writer, checkpointJson("a", "b", List.of("Yes")));
        createdId(writer, packetJson("a", "b", "plain"));

        TestResponse response = send(reader, "GET", "/api/v1/packets/awaiting", null);

        assertThat(ids(response)).containsExactly(older, newer);
        assertThat(response.json()).containsEntry("total", 2L).containsEntry("next_cursor", null);
    }

    @Test
    void search_finds_words_of_the_summary_and_validates_q() {
        String match = createdId(writer, packetJson("a", "b", "Customer wants to upgrade the plan"));
        createdId(writer, packetJson("a", "b", "Unrelated refund"));

        TestResponse found = send(reader, "GET", "/api/v1/packets/search?q=upgrade", null);
        TestResponse tooShort = send(reader, "GET", "/api/v1/packets/search?q=%20x%20", null);
        TestResponse operators = send(reader, "GET", "/api/v1/packets/search?q=%22AND%20*%3A-", null);

        assertThat(ids(found)).containsExactly(match);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json()).containsEntry("field", "q");
        assertThat(operators.status()).isEqualTo(200);
    }

    @Test
    void get_of_another_tenants_packet_is_404_like_an_unknown_one() {
        String theirs = createdId(stranger, packetJson("a", "b", "theirs"));

        TestResponse response = send(reader, "GET", "/api/v1/packets/" + theirs, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).containsEntry("code", "NOT_FOUND")
                .containsEntry("detail", "Packet " + theirs + " not found");
    }

    @Test
    void patch_updates_content_and_moves_status() {
        String id = claimedPacket();

        TestResponse progress = send(agent, "PATCH", "/api/v1/packets/" + id,
                "{\"status\":\"in_progress\","
                        + "\"decisions\":[{\"id\":\"d1\",\"decision\":\"Go\",\"rationale\":\"ok\"}]}");
        TestResponse done = send(agent, "PATCH", "/api/v1/packets/" + id, "{\"status\":\"completed\"}");

        assertThat(progress.status()).isEqualTo(200);
        assertThat(progress.json()).containsEntry("status", "in_progress");
        assertThat(progress.json().get("decisions")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        assertThat(done.json()).containsEntry("status", "completed");
        assertThat(metadata(done.json()).get("completed_at")).isNotNull();
    }

    @Test
    void patch_with_a_disallowed_transition_is_400_invalid_transition_and_changes_nothing() {
        String id = createdId(writer, packetJson("a", "b", "x"));
        String before = read(id).body();

        TestResponse response = send(agent, "PATCH", "/api/v1/packets/" + id,
                "{\"status\":\"completed\",\"context\":{\"summary\":\"changed\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "INVALID_TRANSITION")
                .containsEntry("current_status", "created").containsEntry("requested_status", "completed")
                .containsEntry("allowed_transitions", List.of("awaiting_human", "failed", "expired"));
        assertThat(read(id).body()).isEqualTo(before);
    }

    @Test
    void patch_into_awaiting_human_without_a_checkpoint_is_400() {
        String id = createdId(writer, packetJson("a", "b", "x"));

        TestResponse response = send(agent, "PATCH", "/api/v1/packets/" + id, "{\"status\":\"awaiting_human\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "NO_HITL_CHECKPOINT");
    }

    @Test
    void patch_of_content_on_a_terminal_packet_is_409_packet_terminal() {
        String id = claimedPacket();
        send(agent, "PATCH", "/api/v1/packets/" + id, "{\"status\":\"completed\"}");

        TestResponse response = send(agent, "PATCH", "/api/v1/packets/" + id, "{\"dependencies\":[]}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json()).containsEntry("code", "PACKET_TERMINAL");
    }

    @Test
    void an_empty_patch_changes_nothing() {
        String id = createdId(writer, packetJson("a", "b", "x"));
        String before = read(id).body();
        api.clock.advance(Duration.ofSeconds(5));

        TestResponse response = send(agent, "PATCH", "/api/v1/packets/" + id, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(before);
    }

    @Test
    void patch_of_another_tenants_packet_is_404() {
        String theirs = createdId(stranger, packetJson("a", "b", "theirs"));

        TestResponse response = send(agent, "PATCH", "/api/v1/packets/" + theirs, "{\"status\":\"failed\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(send(stranger, "GET", "/api/v1/packets/" + theirs, null).json()).containsEntry("status", "created");
    }

    @Test
    void delete_expires_the_packet_and_a_second_delete_is_409() {
        String id = createdId(writer, packetJson("a", "b", "x"));

        TestResponse first = send(writer, "DELETE", "/api/v1/packets/" + id, null);
        TestResponse second = send(writer, "DELETE", "/api/v1/packets/" + id, null);

        assertThat(first.status()).isEqualTo(204);
        assertThat(first.body()).isEmpty();
        assertThat(read(id).json()).containsEntry("status", "expired");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json()).containsEntry("code", "ALREADY_EXPIRED")
                .containsEntry("detail", "Packet " + id + " is already expired");
    }

    @Test
    void delete_of_another_tenants_packet_is_404_and_leaves_it() {
        String theirs = createdId(stranger, packetJson("a", "b", "theirs"));

        TestResponse response = send(writer, "DELETE", "/api/v1/packets/" + theirs, null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(send(stranger, "GET", "/api/v1/packets/" + theirs, null).json()).containsEntry("status", "created");
    }

    @Test
    void claim_makes_the_claimant_the_target_and_a_second_claim_is_409_naming_it() {
        String id = createdId(writer, packetJson("sales-01", "billing-01", "x"));

        TestResponse claimed = send(agent, "POST", "/api/v1/packets/" + id + "/claim", claimant("billing-02"));
        TestResponse again = send(agent, "POST", "/api/v1/packets/" + id + "/claim", claimant("billing-03"));

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json()).containsEntry("status", "claimed");
        assertThat(metadata(claimed.json())).containsEntry("target_agent",
                Map.of("id", "billing-02", "name", "billing-02-bot", "framework", "crewai"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("code", "ALREADY_CLAIMED")
                .containsEntry("claimed_by", Map.of("id", "billing-02", "name", "billing-02-bot",
                        "framework", "crewai"))
                .containsEntry("claimed_at", metadata(claimed.json()).get("claimed_at"));
    }

    @Test
    void claim_outcomes_follow_the_status() {
        String awaiting = createdId(writer, checkpointJson("a", "b", List.of("Yes")));
        String expired = createdId(writer, packetJson("a", "b", "x"));
        send(writer, "DELETE", "/api/v1/packets/" + expired, null);
        String inProgress = claimedPacket();
        send(agent, "PATCH", "/api/v1/packets/" + inProgress, "{\"status\":\"in_progress\"}");

        TestResponse pending = send(agent, "POST", "/api/v1/packets/" + awaiting + "/claim", claimant("b"));
        TestResponse gone = send(agent, "POST", "/api/v1/packets/" + expired + "/claim", claimant("b"));
        TestResponse invalid = send(agent, "POST", "/api/v1/packets/" + inProgress + "/claim", claimant("b"));
        TestResponse missing = send(agent, "POST", "/api/v1/packets/" + PacketId.random() + "/claim", claimant("b"));

        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.json()).containsEntry("code", "HITL_PENDING");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json()).containsEntry("code", "GONE").containsEntry("detail", "Packet " + expired
                + " has expired");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json()).containsEntry("code", "INVALID_TRANSITION");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void claim_beyond_the_free_agent_quota_is_403() {
        String free = api.key(Role.WRITER, Tier.FREE);
        String id = createdId(free, packetJson("a", "b", "x"));
        createdId(free, packetJson("b", "a", "keeps b active"));

        TestResponse response = send(free, "POST", "/api/v1/packets/" + id + "/claim", claimant("c"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).containsEntry("code", "QUOTA_EXCEEDED").containsEntry("quota", "max_agents");
        assertThat(send(free, "GET", "/api/v1/packets/" + id, null).json()).containsEntry("status", "created");
    }

    @Test
    void respond_records_the_answer_and_returns_the_packet_to_work() {
        String id = createdId(writer, checkpointJson("a", "b", List.of("Approve", "Deny")));

        TestResponse response = send(agent, "POST", "/api/v1/packets/" + id + "/respond",
                "{\"response\":\"Approve\",\"responded_by\":\"manager@company.com\",\"notes\":\"VIP\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("status", "claimed");
        @SuppressWarnings("unchecked")
        Map<String, Object> hitl = (Map<String, Object>) response.json().get("hitl");
        assertThat(hitl).containsEntry("response", "Approve").containsEntry("responded_by", "manager@company.com")
                .containsEntry("notes", "VIP");
    }

    @Test
    void respond_errors_follow_the_contract() {
        String awaiting = createdId(writer, checkpointJson("a", "b", List.of("Approve")));
        String plain = createdId(writer, packetJson("a", "b", "x"));
        String expired = createdId(writer, checkpointJson("a", "b", List.of("Approve")));
        send(writer, "DELETE", "/api/v1/packets/" + expired, null);
        String answer = "{\"response\":\"Approve\",\"responded_by\":\"m\"}";

        TestResponse wrongOption = send(agent, "POST", "/api/v1/packets/" + awaiting + "/respond",
                "{\"response\":\"Maybe\",\"responded_by\":\"m\"}");
        TestResponse notAwaiting = send(agent, "POST", "/api/v1/packets/" + plain + "/respond", answer);
        TestResponse gone = send(agent, "POST", "/api/v1/packets/" + expired + "/respond", answer);
        TestResponse missing = send(agent, "POST", "/api/v1/packets/" + PacketId.random() + "/respond", answer);

        assertThat(wrongOption.status()).isEqualTo(400);
        assertThat(wrongOption.json()).containsEntry("code", "INVALID_HITL_RESPONSE");
        assertThat(read(awaiting).json()).containsEntry("status", "awaiting_human");
        assertThat(notAwaiting.status()).isEqualTo(409);
        assertThat(notAwaiting.json()).containsEntry("code", "NOT_AWAITING_HUMAN").containsEntry("detail",
                "Packet is in 'created' status, not 'awaiting_human'. Cannot respond.");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void chain_creates_a_child_that_inherits_the_conversation() {
        String parent = createdId(writer, packetJson("a", "b", "parent talk"));

        TestResponse child = send(writer, "POST", "/api/v1/packets/" + parent + "/chain",
                packetJson("b", "c", "child talk"));

        assertThat(child.status()).isEqualTo(201);
        assertThat(child.header("Location")).isEqualTo("/api/v1/packets/" + child.json().get("id"));
        assertThat(child.json()).containsEntry("parent_packet_id", parent);
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) child.json().get("context");
        assertThat(context.get("conversation_state")).isEqualTo(List.of(userSaid("parent talk"),
                userSaid("child talk")));
    }

    @Test
    void chain_onto_an_unknown_or_foreign_parent_is_404() {
        String theirs = createdId(stranger, packetJson("a", "b", "theirs"));

        TestResponse foreign = send(writer, "POST", "/api/v1/packets/" + theirs + "/chain", packetJson("b", "c", "x"));
        TestResponse unknown = send(writer, "POST", "/api/v1/packets/" + PacketId.random() + "/chain",
                packetJson("b", "c", "x"));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(total(writer)).isZero();
    }

    @Test
    void history_lists_events_chronologically() {
        String id = createdId(writer, packetJson("sales-01", "billing-01", "x"));
        send(agent, "POST", "/api/v1/packets/" + id + "/claim", claimant("billing-01"));

        TestResponse response = send(reader, "GET", "/api/v1/packets/" + id + "/history", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("packet_id", id);
        List<Object> events = ((List<?>) response.json().get("events")).stream()
                .map(event -> ((Map<?, ?>) event).get("event_type") + " by " + ((Map<?, ?>) event).get("actor"))
                .map(Object.class::cast).toList();
        assertThat(events).containsExactly("created by agent:sales-01", "claimed by agent:billing-01");
        assertThat(send(stranger, "GET", "/api/v1/packets/" + id + "/history", null).status()).isEqualTo(404);
    }

    @Test
    void batch_create_reports_item_errors_and_creates_the_rest() {
        String body = "{\"packets\":[" + packetJson("a", "b", "ok") + ",{\"metadata\":{}}]}";

        TestResponse response = send(writer, "POST", "/api/v1/packets/batch", body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("created")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) ((List<?>) response.json().get("errors")).get(0);
        assertThat(error).containsEntry("index", 1L).containsEntry("code", "VALIDATION_ERROR");
        assertThat(total(writer)).isEqualTo(1);
    }

    @Test
    void batch_create_with_only_failures_is_200_and_batch_limits_are_enforced() {
        TestResponse failures = send(writer, "POST", "/api/v1/packets/batch", "{\"packets\":[{}]}");
        TestResponse empty = send(writer, "POST", "/api/v1/packets/batch", "{\"packets\":[]}");
        TestResponse tooMany = send(writer, "POST", "/api/v1/packets/batch",
                "{\"packets\":[" + String.join(",", Collections.nCopies(51, "{}")) + "]}");

        assertThat(failures.status()).isEqualTo(200);
        assertThat(failures.json()).containsEntry("created", List.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json()).containsEntry("code", "VALIDATION_ERROR").containsEntry("field", "packets");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json()).containsEntry("code", "BATCH_TOO_LARGE");
        assertThat(total(writer)).isZero();
    }

    @Test
    void batch_claim_claims_what_it_can_and_explains_the_rest() {
        String free = createdId(writer, packetJson("a", "b", "free"));
        String taken = claimedPacket();
        String unknown = PacketId.random().toString();

        TestResponse response = send(agent, "POST", "/api/v1/packets/batch/claim", "{\"packet_ids\":[\"" + free
                + "\",\"" + taken + "\",\"" + unknown + "\"],\"agent_id\":\"b\",\"agent_name\":\"B\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("claimed")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        assertThat(response.json().get("errors")).isEqualTo(List.of(
                Map.of("packet_id", taken, "code", "ALREADY_CLAIMED", "error", "Already claimed by b"),
                Map.of("packet_id", unknown, "code", "NOT_FOUND", "error", "Packet " + unknown + " not found")));
    }

    @Test
    void batch_complete_completes_claimed_packets_only() {
        String claimed = claimedPacket();
        String created = createdId(writer, packetJson("a", "b", "x"));

        TestResponse response = send(agent, "POST", "/api/v1/packets/batch/complete",
                "{\"packet_ids\":[\"" + claimed + "\",\"" + created + "\"]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("completed")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        assertThat(response.json().get("errors")).isEqualTo(List.of(Map.of("packet_id", created,
                "code", "INVALID_TRANSITION", "error", "Cannot complete from status 'created'")));
        assertThat(read(claimed).json()).containsEntry("status", "completed");
    }

    @Test
    void claim_next_takes_the_highest_priority_packet_for_the_agent_or_answers_204() {
        createdId(writer, packetJson("a", "worker", "normal"));
        Map<String, Object> urgent = packet("a", "worker", "urgent");
        urgent.put("metadata", Map.of("source_agent", Map.of("id", "a", "name", "A"),
                "target_agent", Map.of("id", "worker", "name", "W"), "priority", "critical"));
        String critical = createdId(writer, PacketBodies.with(urgent, "decisions", List.of()));

        TestResponse taken = send(agent, "POST", "/api/v1/packets/claim-next", claimant("worker"));
        TestResponse nothingForOthers = send(agent, "POST", "/api/v1/packets/claim-next", claimant("nobody"));

        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.json()).containsEntry("id", critical).containsEntry("status", "claimed");
        assertThat(nothingForOthers.status()).isEqualTo(204);
        assertThat(nothingForOthers.body()).isEmpty();
    }

    @Test
    void claim_and_respond_on_another_tenants_packet_are_404_and_leave_it() {
        String theirs = createdId(stranger, checkpointJson("a", "b", List.of("Yes")));
        String before = send(stranger, "GET", "/api/v1/packets/" + theirs, null).body();

        TestResponse claim = send(agent, "POST", "/api/v1/packets/" + theirs + "/claim", claimant("b"));
        TestResponse respond = send(agent, "POST", "/api/v1/packets/" + theirs + "/respond",
                "{\"response\":\"Yes\",\"responded_by\":\"m\"}");
        TestResponse chain = send(writer, "POST", "/api/v1/packets/" + theirs + "/chain", packetJson("b", "c", "x"));

        assertThat(claim.status()).isEqualTo(404);
        assertThat(respond.status()).isEqualTo(404);
        assertThat(chain.status()).isEqualTo(404);
        assertThat(send(stranger, "GET", "/api/v1/packets/" + theirs, null).body()).isEqualTo(before);
    }

    @Test
    void patch_binding_an_unknown_schema_is_400_schema_not_found() {
        String id = createdId(writer, packetJson("a", "b", "x"));

        TestResponse response = send(agent, "PATCH", "/api/v1/packets/" + id,
                "{\"schema_id\":\"" + PacketId.random() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "SCHEMA_NOT_FOUND");
        assertThat(read(id).json()).containsEntry("schema_id", null);
    }

    @Test
    void an_idempotent_chain_and_batch_are_each_created_once() {
        String parent = createdId(writer, packetJson("a", "b", "parent"));
        String chainBody = packetJson("b", "c", "child");
        String batchBody = "{\"packets\":[" + packetJson("a", "b", "one") + "]}";

        TestResponse chain = send(writer, "POST", "/api/v1/packets/" + parent + "/chain", chainBody,
                "Idempotency-Key", "chain-1");
        TestResponse chainAgain = send(writer, "POST", "/api/v1/packets/" + parent + "/chain", chainBody,
                "Idempotency-Key", "chain-1");
        TestResponse batch = send(writer, "POST", "/api/v1/packets/batch", batchBody, "Idempotency-Key", "batch-1");
        TestResponse batchAgain = send(writer, "POST", "/api/v1/packets/batch", batchBody,
                "Idempotency-Key", "batch-1");

        assertThat(chainAgain.body()).isEqualTo(chain.body());
        assertThat(chainAgain.header("Location")).isEqualTo(chain.header("Location"));
        assertThat(chainAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(batchAgain.status()).isEqualTo(201);
        assertThat(batchAgain.body()).isEqualTo(batch.body());
        assertThat(total(writer)).isEqualTo(3);
    }

    @Test
    void a_batch_with_no_daily_allowance_left_is_429_as_a_whole() {
        String free = api.key(Role.WRITER, Tier.FREE);
        for (int i = 0; i < 5; i++) {
            createdId(free, packetJson("a", "b", "n" + i));
        }

        TestResponse response = send(free, "POST", "/api/v1/packets/batch",
                "{\"packets\":[" + packetJson("a", "b", "more") + "]}");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json()).containsEntry("code", "DAILY_QUOTA_EXCEEDED");
        assertThat(total(free)).isEqualTo(5);
    }

    @Test
    void batch_claim_reports_a_repeated_id_as_duplicate() {
        String id = createdId(writer, packetJson("a", "b", "x"));

        TestResponse response = send(agent, "POST", "/api/v1/packets/batch/claim", "{\"packet_ids\":[\"" + id
                + "\",\"" + id + "\"],\"agent_id\":\"b\",\"agent_name\":\"B\"}");

        assertThat(response.json().get("claimed")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        assertThat(response.json().get("errors")).isEqualTo(List.of(Map.of("packet_id", id, "code", "DUPLICATE",
                "error", "Duplicate packet id in request")));
    }

    @Test
    void claim_next_beyond_the_free_agent_quota_is_403() {
        String free = api.key(Role.AGENT, Tier.FREE);
        String writerOfFree = api.key(Role.WRITER, api.authenticated(free).tenant());
        createdId(writerOfFree, packetJson("a", "b", "x"));
        createdId(writerOfFree, packetJson("b", "a", "keeps both active"));

        TestResponse response = send(free, "POST", "/api/v1/packets/claim-next",
                "{\"agent_id\":\"c\",\"agent_name\":\"C\",\"target_agent\":\"*\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).containsEntry("code", "QUOTA_EXCEEDED").containsEntry("quota", "max_agents");
    }

    private String claimedPacket() {
        String id = createdId(writer, packetJson("a", "b", "to claim"));
        assertThat(send(agent, "POST", "/api/v1/packets/" + id + "/claim", claimant("b")).status()).isEqualTo(200);
        return id;
    }

    private String createdId(String key, String body) {
        TestResponse response = send(key, "POST", "/api/v1/packets", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private TestResponse read(String id) {
        return send(reader, "GET", "/api/v1/packets/" + id, null);
    }

    private long total(String key) {
        return (Long) send(key, "GET", "/api/v1/packets", null).json().get("total");
    }

    private static TestResponse send(String key, String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-API-Key";
        all[1] = key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.client.send(method, path, body, all);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> packet) {
        return (Map<String, Object>) packet.get("metadata");
    }

    private static List<String> ids(TestResponse page) {
        return ((List<?>) page.json().get("packets")).stream()
                .map(packet -> (String) ((Map<?, ?>) packet).get("id")).toList();
    }

    /** A conversation entry as represented: role, content, and null timestamp and metadata. */
    private static Map<String, Object> userSaid(String content) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", "user");
        entry.put("content", content);
        entry.put("timestamp", null);
        entry.put("metadata", null);
        return entry;
    }
}
