package dev.handoffrail.http.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.PacketCursor;
import dev.handoffrail.core.packet.PacketCursors;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.CreateItem;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.ApiHarness;
import dev.handoffrail.http.TestResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the packet routes map requests to use-case calls and results to responses (services stubbed). */
class PacketRoutesMappingTest {
    static final String VALID = "{\"metadata\":{\"source_agent\":{\"id\":\"sales-01\",\"name\":\"SalesBot\"},"
            + "\"target_agent\":{\"id\":\"billing-01\",\"name\":\"BillingBot\"}},"
            + "\"context\":{\"summary\":\"Customer wants to upgrade\"}}";
    private static final String KNOWN = StubPacketUseCases.KNOWN.toString();

    private StubPacketUseCases stub;
    private ApiHarness api;
    private String admin;

    @BeforeEach
    void start() {
        stub = new StubPacketUseCases();
        api = ApiHarness.start(stub);
        admin = api.key(Role.ADMIN, Tier.BUSINESS);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void create_answers_201_with_the_representation_and_its_location() {
        TestResponse response = send("POST", "/api/v1/packets", VALID);

        assertThat(response.status()).isEqualTo(201);
        String id = (String) response.json().get("id");
        assertThat(response.header("Location")).isEqualTo("/api/v1/packets/" + id);
        assertThat(response.json()).containsEntry("status", "created").containsEntry("version", "1.0.0")
                .containsEntry("_links", Map.of("self", "/api/v1/packets/" + id,
                        "claim", "/api/v1/packets/" + id + "/claim", "history", "/api/v1/packets/" + id + "/history"));
        assertThat(((PacketDraft) stub.calls.get(0)).context().summary()).isEqualTo("Customer wants to upgrade");
    }

    @Test
    void create_with_invalid_input_is_400_before_the_use_case() {
        TestResponse response = send("POST", "/api/v1/packets", "{\"metadata\":{},\"context\":{\"summary\":7}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "VALIDATION_ERROR")
                .containsEntry("field", "metadata.source_agent");
        assertThat(stub.calls).isEmpty();
    }

    @Test
    void list_maps_every_filter_and_echoes_limit_and_offset() {
        TestResponse response = api.client.get("/api/v1/packets?status=created,claimed&source_agent=sales-01"
                + "&target_agent=billing-01&tags=a,b&priority=high&hitl_required=false"
                + "&created_after=2026-05-01T00:00:00Z&created_before=2026-05-31T00:00:00%2B02:00&limit=10&offset=5",
                "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(200);
        PacketQuery query = stub.lastQuery;
        assertThat(query.statuses()).containsExactlyInAnyOrder(PacketStatus.CREATED, PacketStatus.CLAIMED);
        assertThat(query.sourceAgent()).isEqualTo("sales-01");
        assertThat(query.targetAgent()).isEqualTo("billing-01");
        assertThat(query.tags()).containsExactlyInAnyOrder("a", "b");
        assertThat(query.priority()).isEqualTo(Priority.HIGH);
        assertThat(query.hitlRequired()).isFalse();
        assertThat(query.createdAfter()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(query.createdBefore()).isEqualTo(Instant.parse("2026-05-30T22:00:00Z"));
        assertThat(query.limit()).isEqualTo(10);
        assertThat(query.offset()).isEqualTo(5);
        assertThat(query.cursor()).isNull();
        assertThat(query.oldestFirst()).isFalse();
        assertThat(response.json().keySet()).containsExactly("packets", "total", "limit", "offset", "next_cursor");
        assertThat(response.json()).containsEntry("total", 7L).containsEntry("limit", 10L)
                .containsEntry("offset", 5L).containsEntry("next_cursor",
                        PacketCursors.encode(new PacketCursor(StubPacketUseCases.CREATED, StubPacketUseCases.KNOWN)));
    }

    @Test
    void list_defaults_to_50_from_0() {
        TestResponse response = api.client.get("/api/v1/packets", "X-API-Key", admin);

        assertThat(stub.lastQuery).isEqualTo(PacketQuery.all());
        assertThat(response.json()).containsEntry("limit", 50L).containsEntry("offset", 0L);
    }

    @Test
    void a_cursor_is_decoded_and_offset_zero_beside_it_is_accepted() {
        PacketCursor cursor = new PacketCursor(StubPacketUseCases.CREATED, StubPacketUseCases.KNOWN);

        TestResponse response = api.client.get("/api/v1/packets?limit=2&offset=0&cursor="
                + PacketCursors.encode(cursor), "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(200);
        assertThat(stub.lastQuery.cursor()).isEqualTo(cursor);
    }

    @Test
    void list_rejects_bad_filters_with_400_naming_the_parameter() {
        assertRejected("/api/v1/packets?status=created,done", "VALIDATION_ERROR", "status");
        assertRejected("/api/v1/packets?priority=urgent", "VALIDATION_ERROR", "priority");
        assertRejected("/api/v1/packets?hitl_required=yes", "VALIDATION_ERROR", "hitl_required");
        assertRejected("/api/v1/packets?created_after=last-week", "VALIDATION_ERROR", "created_after");
        assertRejected("/api/v1/packets?limit=0", "VALIDATION_ERROR", "limit");
        assertRejected("/api/v1/packets?limit=201", "VALIDATION_ERROR", "limit");
        assertRejected("/api/v1/packets?offset=-1", "VALIDATION_ERROR", "offset");
        assertThat(stub.lastQuery).isNull();
    }

    @Test
    void an_undecodable_cursor_is_400_invalid_cursor() {
        TestResponse response = api.client.get("/api/v1/packets?cursor=not-a-cursor", "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "INVALID_CURSOR").containsEntry("detail", "Invalid cursor");
    }

    @Test
    void awaiting_passes_paging_and_never_has_a_cursor() {
        TestResponse response = api.client.get("/api/v1/packets/awaiting?limit=3&offset=1", "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(200);
        assertThat(stub.calls).containsExactly(List.of(3, 1));
        assertThat(response.json()).containsEntry("next_cursor", null).containsEntry("packets", List.of());
    }

    @Test
    void search_passes_the_query_text_and_filters() {
        TestResponse response = api.client.get("/api/v1/packets/search?q=upgrade%20plan&status=created"
                + "&priority=low&limit=5", "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(200);
        assertThat(stub.calls).containsExactly(List.of("upgrade plan", Set.of(PacketStatus.CREATED), "LOW", 5, 0));
        assertThat(response.json()).containsEntry("total", 1L).containsEntry("next_cursor", null);
    }

    @Test
    void search_without_q_is_400_on_q() {
        assertRejected("/api/v1/packets/search", "VALIDATION_ERROR", "q");
    }

    @Test
    void get_returns_the_packet() {
        TestResponse response = api.client.get("/api/v1/packets/" + KNOWN, "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("id", KNOWN);
    }

    @Test
    void a_malformed_path_id_is_404_without_reaching_the_use_case() {
        TestResponse response = api.client.get("/api/v1/packets/not-a-uuid", "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).containsEntry("code", "NOT_FOUND")
                .containsEntry("detail", "Packet not-a-uuid not found");
        assertThat(stub.calls).isEmpty();
        for (String path : List.of("/api/v1/packets/123/claim", "/api/v1/packets/x/history",
                "/api/v1/packets/x/respond", "/api/v1/packets/x/chain")) {
            String method = path.endsWith("history") ? "GET" : "POST";
            assertThat(send(method, path, VALID).status()).as(path).isEqualTo(404);
        }
        assertThat(send("PATCH", "/api/v1/packets/x", "{}").status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/packets/x", null).status()).isEqualTo(404);
    }

    @Test
    void an_upper_case_id_names_the_same_packet() {
        TestResponse response = api.client.get("/api/v1/packets/" + KNOWN.toUpperCase(), "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void patch_with_no_body_is_an_empty_patch() {
        TestResponse response = send("PATCH", "/api/v1/packets/" + KNOWN, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(stub.calls).containsExactly(PacketPatch.EMPTY);
    }

    @Test
    void patch_parses_the_requested_status() {
        send("PATCH", "/api/v1/packets/" + KNOWN, "{\"status\":\"completed\",\"context\":null}");

        assertThat(stub.calls).containsExactly(PacketPatch.status(PacketStatus.COMPLETED));
    }

    @Test
    void patch_with_an_unknown_status_is_400() {
        TestResponse response = send("PATCH", "/api/v1/packets/" + KNOWN, "{\"status\":\"done\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("field", "status");
        assertThat(stub.calls).isEmpty();
    }

    @Test
    void delete_is_204_with_an_empty_body() {
        TestResponse response = send("DELETE", "/api/v1/packets/" + KNOWN, null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(stub.calls).containsExactly(StubPacketUseCases.KNOWN);
    }

    @Test
    void claim_passes_the_claimant() {
        TestResponse response = send("POST", "/api/v1/packets/" + KNOWN + "/claim",
                "{\"agent_id\":\"billing-01\",\"agent_name\":\"BillingBot\",\"framework\":\"crewai\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(stub.calls).containsExactly(new AgentInfo("billing-01", "BillingBot", "crewai", null));
    }

    @Test
    void claim_with_missing_or_wrong_typed_fields_is_400() {
        TestResponse missing = send("POST", "/api/v1/packets/" + KNOWN + "/claim", "{\"agent_name\":\"B\"}");
        TestResponse wrongType = send("POST", "/api/v1/packets/" + KNOWN + "/claim",
                "{\"agent_id\":7,\"agent_name\":\"B\"}");
        TestResponse tooLong = send("POST", "/api/v1/packets/" + KNOWN + "/claim",
                "{\"agent_id\":\"" + "a".repeat(129) + "\",\"agent_name\":\"B\"}");

        assertThat(missing.json()).containsEntry("code", "VALIDATION_ERROR").containsEntry("field", "agent_id");
        assertThat(wrongType.json()).containsEntry("detail", "agent_id: must be a string");
        assertThat(wrongType.json().get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
        assertThat(tooLong.json()).containsEntry("field", "agent_id");
        assertThat(stub.calls).isEmpty();
    }

    @Test
    void respond_passes_response_responder_and_notes() {
        TestResponse response = send("POST", "/api/v1/packets/" + KNOWN + "/respond",
                "{\"response\":\"Approve\",\"responded_by\":\"manager@company.com\",\"notes\":null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(stub.calls).containsExactly(List.of("Approve", "manager@company.com", "null"));
    }

    @Test
    void respond_without_a_response_is_400() {
        TestResponse response = send("POST", "/api/v1/packets/" + KNOWN + "/respond", "{\"responded_by\":\"m\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("field", "response");
    }

    @Test
    void chain_takes_the_parent_from_the_path_and_ignores_one_in_the_body() {
        String body = VALID.replace("{\"metadata\"", "{\"parent_packet_id\":\"garbage\",\"metadata\"");

        TestResponse response = send("POST", "/api/v1/packets/" + KNOWN + "/chain", body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).containsEntry("parent_packet_id", KNOWN);
        assertThat(response.header("Location")).isEqualTo("/api/v1/packets/" + response.json().get("id"));
        assertThat(stub.calls.get(0)).isEqualTo(StubPacketUseCases.KNOWN);
    }

    @Test
    void history_lists_events_in_the_contract_shape() {
        TestResponse response = api.client.get("/api/v1/packets/" + KNOWN + "/history", "X-API-Key", admin);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("packet_id", KNOWN);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) ((List<?>) response.json().get("events")).get(0);
        assertThat(event.keySet()).containsExactly("id", "packet_id", "event_type", "actor", "details", "timestamp",
                "api_key_id");
        assertThat(event).containsEntry("packet_id", KNOWN).containsEntry("event_type", "created")
                .containsEntry("actor", "agent:sales-01").containsEntry("details", Map.of())
                .containsEntry("timestamp", "2026-05-30T19:35:00.123456Z")
                .containsEntry("api_key_id", "5e7a9a0c-0000-4000-8000-000000000001");
    }

    @Test
    void batch_create_is_201_when_something_was_created_with_item_errors_by_index() {
        TestResponse response = send("POST", "/api/v1/packets/batch", "{\"packets\":[{},{}]}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().keySet()).containsExactly("created", "errors");
        assertThat(response.json().get("errors")).isEqualTo(List.of(Map.of("index", 0L, "code", "VALIDATION_ERROR",
                "error", "context: field is required")));
    }

    @Test
    void batch_items_are_read_here_and_charged_by_their_compact_json_size() {
        String valid = "{\"metadata\": {\"source_agent\": {\"id\": \"s\", \"name\": \"S\"},"
                + " \"target_agent\": {\"id\": \"t\", \"name\": \"T\"}}, \"context\": {\"summary\": \"é\"}}";

        send("POST", "/api/v1/packets/batch", "{\"packets\":[" + valid + ", {\"context\": 5}]}");

        @SuppressWarnings("unchecked")
        List<CreateItem> items = (List<CreateItem>) stub.calls.get(0);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).draft().context().summary()).isEqualTo("é");
        String compact = "{\"metadata\":{\"source_agent\":{\"id\":\"s\",\"name\":\"S\"},"
                + "\"target_agent\":{\"id\":\"t\",\"name\":\"T\"}},\"context\":{\"summary\":\"é\"}}";
        assertThat(items.get(0).sizeBytes()).isEqualTo(compact.getBytes(StandardCharsets.UTF_8).length);
        assertThat(items.get(1).draft()).isNull();
        assertThat(items.get(1).sizeBytes()).isEqualTo("{\"context\":5}".length());
        assertThat(items.get(1).unreadable().errors()).containsExactly(
                new FieldError("metadata", "field is required"), new FieldError("context", "must be an object"));
    }

    @Test
    void batch_create_is_200_when_nothing_was_created() {
        TestResponse response = send("POST", "/api/v1/packets/batch", "{\"packets\":[{}]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("created", List.of());
    }

    @Test
    void batch_create_rejects_bad_shapes_as_a_whole() {
        assertBodyRejected("/api/v1/packets/batch", "{}", "VALIDATION_ERROR", "packets");
        assertBodyRejected("/api/v1/packets/batch", "{\"packets\":{}}", "VALIDATION_ERROR", "packets");
        assertBodyRejected("/api/v1/packets/batch", "{\"packets\":[{},7]}", "VALIDATION_ERROR", "packets[1]");
        assertThat(stub.calls).isEmpty();
    }

    @Test
    void batch_claim_passes_ids_and_claimant_and_reports_item_errors_by_packet_id() {
        TestResponse response = send("POST", "/api/v1/packets/batch/claim", "{\"packet_ids\":[\"" + KNOWN + "\"],"
                + "\"agent_id\":\"billing-01\",\"agent_name\":\"BillingBot\",\"framework\":null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(stub.calls).containsExactly(List.of(StubPacketUseCases.KNOWN),
                new AgentInfo("billing-01", "BillingBot", null, null));
        assertThat(response.json().keySet()).containsExactly("claimed", "errors");
        assertThat(response.json().get("errors")).isEqualTo(List.of(Map.of("packet_id", KNOWN,
                "code", "ALREADY_CLAIMED", "error", "Already claimed by billing-02")));
    }

    @Test
    void batch_claim_with_a_malformed_id_is_400_as_a_whole() {
        assertBodyRejected("/api/v1/packets/batch/claim", "{\"packet_ids\":[\"" + KNOWN + "\",\"nope\"],"
                + "\"agent_id\":\"a\",\"agent_name\":\"A\"}", "VALIDATION_ERROR", "packet_ids[1]");
        assertBodyRejected("/api/v1/packets/batch/claim", "{\"packet_ids\":[\"" + KNOWN + "\"]}",
                "VALIDATION_ERROR", "agent_id");
        assertThat(stub.calls).isEmpty();
    }

    @Test
    void batch_complete_passes_the_ids() {
        TestResponse response = send("POST", "/api/v1/packets/batch/complete", "{\"packet_ids\":[\"" + KNOWN
                + "\"]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Map.of("completed", List.of(), "errors", List.of()));
        assertThat(stub.calls).containsExactly(List.of(StubPacketUseCases.KNOWN));
        assertBodyRejected("/api/v1/packets/batch/complete", "{\"packet_ids\":\"x\"}", "VALIDATION_ERROR",
                "packet_ids");
    }

    @Test
    void claim_next_defaults_to_packets_for_the_claiming_agent_without_waiting() {
        TestResponse response = send("POST", "/api/v1/packets/claim-next",
                "{\"agent_id\":\"billing-01\",\"agent_name\":\"BillingBot\"}");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(stub.calls).containsExactly(new ClaimNextCommand(
                Claimant.of(AgentInfo.of("billing-01", "BillingBot")), "billing-01", Set.of(), Duration.ZERO));
    }

    @Test
    void claim_next_with_a_wildcard_target_tags_and_wait_returns_the_claimed_packet() {
        stub.next = Optional.of(StubPacketUseCases.known());

        TestResponse response = send("POST", "/api/v1/packets/claim-next", "{\"agent_id\":\"w1\","
                + "\"agent_name\":\"Worker\",\"target_agent\":\"*\",\"tags\":[\"upgrade\"],\"wait_seconds\":30}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("id", KNOWN);
        assertThat(stub.calls).containsExactly(new ClaimNextCommand(Claimant.of(AgentInfo.of("w1", "Worker")),
                null, Set.of("upgrade"), Duration.ofSeconds(30)));
    }

    @Test
    void claim_next_rejects_out_of_range_waits_and_too_many_tags() {
        String agent = "\"agent_id\":\"w1\",\"agent_name\":\"W\"";
        assertBodyRejected("/api/v1/packets/claim-next", "{" + agent + ",\"wait_seconds\":31}",
                "VALIDATION_ERROR", "wait_seconds");
        assertBodyRejected("/api/v1/packets/claim-next", "{" + agent + ",\"wait_seconds\":-1}",
                "VALIDATION_ERROR", "wait_seconds");
        assertBodyRejected("/api/v1/packets/claim-next", "{" + agent + ",\"wait_seconds\":\"5\"}",
                "VALIDATION_ERROR", "wait_seconds");
        assertBodyRejected("/api/v1/packets/claim-next", "{" + agent + ",\"tags\":[" + quoted(33) + "]}",
                "VALIDATION_ERROR", "tags");
        assertThat(stub.calls).isEmpty();
    }

    @Test
    void literal_packet_paths_are_never_packet_ids() {
        TestResponse awaiting = api.client.get("/api/v1/packets/awaiting", "X-API-Key", admin);
        TestResponse deleteBatch = send("DELETE", "/api/v1/packets/batch", null);
        TestResponse getClaimNext = api.client.get("/api/v1/packets/claim-next", "X-API-Key", admin);
        TestResponse patchSearch = send("PATCH", "/api/v1/packets/search", "{}");

        assertThat(awaiting.status()).isEqualTo(200);
        assertThat(deleteBatch.status()).isEqualTo(405);
        assertThat(deleteBatch.header("Allow")).isEqualTo("POST");
        assertThat(getClaimNext.status()).isEqualTo(405);
        assertThat(getClaimNext.header("Allow")).isEqualTo("POST");
        assertThat(patchSearch.status()).isEqualTo(405);
        assertThat(patchSearch.header("Allow")).isEqualTo("GET");
        assertThat(stub.calls).containsExactly(List.of(50, 0));
    }

    @Test
    void a_wrong_method_on_the_collection_is_405() {
        TestResponse response = send("DELETE", "/api/v1/packets", null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, POST");
    }

    private TestResponse send(String method, String path, String body) {
        return api.client.send(method, path, body, "X-API-Key", admin);
    }

    private void assertRejected(String path, String code, String field) {
        TestResponse response = api.client.get(path, "X-API-Key", admin);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.json()).as(path).containsEntry("code", code).containsEntry("field", field);
    }

    private void assertBodyRejected(String path, String body, String code, String field) {
        TestResponse response = send("POST", path, body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.json()).as(body).containsEntry("code", code).containsEntry("field", field);
    }

    private static String quoted(int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"t" + i + "\"").collect(Collectors.joining(","));
    }
}
