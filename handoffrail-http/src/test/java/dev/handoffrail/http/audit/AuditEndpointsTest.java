package dev.handoffrail.http.audit;

import static dev.handoffrail.http.LiveApi.assertValidation;
import static dev.handoffrail.http.LiveApi.map;
import static dev.handoffrail.http.LiveApi.pluck;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditEndpointsTest {
    private static final String T0 = "2026-05-30T12:00:00.000000Z";
    private static final String CSV_HEADER =
            "id,timestamp,resource,resource_id,packet_id,action,actor,api_key_id,details";

    private LiveApi api;
    private String admin;
    private String writer;
    private String reader;
    private String packet;

    @BeforeEach
    void start() {
        api = LiveApi.start();
        api.tenant("biz", "business");
        admin = api.key("biz", "admin");
        writer = api.key("biz", "writer");
        reader = api.key("biz", "reader");
        packet = api.packet(writer, "sales", "billing");
        api.clock.advance(Duration.ofSeconds(10));
        api.call(api.key("biz", "agent"), "POST", "/api/v1/packets/" + packet + "/claim",
                "{\"agent_id\": \"billing-02\", \"agent_name\": \"Billing\"}");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Map<String, Object> audit(String query) {
        TestResponse response = api.get(reader, "/api/v1/audit" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> entries(Map<String, Object> page) {
        return (List<Object>) page.get("entries");
    }

    @Test
    void packet_history_is_the_default_newest_first() {
        Map<String, Object> page = audit("");

        assertThat(page).containsEntry("total", 2L).containsEntry("limit", 50L).containsEntry("offset", 0L);
        assertThat(pluck(entries(page), "action")).containsExactly("claimed", "created");
        Map<String, Object> created = map(entries(page).get(1));
        assertThat(created).containsOnlyKeys("id", "packet_id", "actor", "action", "resource", "resource_id",
                "details", "timestamp", "api_key_id");
        assertThat(created).containsEntry("packet_id", packet).containsEntry("actor", "agent:sales")
                .containsEntry("resource", "packet").containsEntry("resource_id", packet)
                .containsEntry("details", Map.of()).containsEntry("timestamp", T0);
        assertThat((String) created.get("api_key_id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void every_resource_shows_non_packet_entries_with_an_empty_packet_id() {
        Map<String, Object> all = audit("?resource=all");
        Map<String, Object> keys = audit("?resource=api_key&action=api_key.created");

        assertThat(all).containsEntry("total", 6L);
        assertThat(pluck(entries(keys), "action")).hasSize(4).containsOnly("api_key.created");
        assertThat(entries(keys)).allSatisfy(entry -> assertThat(map(entry)).containsEntry("packet_id", "")
                .containsEntry("resource", "api_key").containsEntry("actor", "key:" + LiveApi.ROOT.substring(0, 8)));
    }

    @Test
    void filters_match_exactly_and_bounds_are_inclusive() {
        assertThat(pluck(entries(audit("?actor=agent:billing-02")), "action")).containsExactly("claimed");
        assertThat(pluck(entries(audit("?action=created")), "actor")).containsExactly("agent:sales");
        assertThat(entries(audit("?packet_id=" + packet))).hasSize(2);
        assertThat(entries(audit("?packet_id=7c0e0000-0000-4000-8000-000000000000"))).isEmpty();
        assertThat(pluck(entries(audit("?created_after=2026-05-30T12:00:10Z")), "action")).containsExactly("claimed");
        assertThat(pluck(entries(audit("?created_before=2026-05-30T12:00:00Z")), "action")).containsExactly("created");
        Map<String, Object> paged = audit("?limit=1&offset=1");
        assertThat(pluck(entries(paged), "action")).containsExactly("created");
        assertThat(paged).containsEntry("total", 2L).containsEntry("limit", 1L).containsEntry("offset", 1L);
    }

    @Test
    void malformed_filters_are_validation_errors() {
        assertValidation(api.get(reader, "/api/v1/audit?resource=packets"), "resource",
                "must be one of: packet, api_key, webhook, tenant, schema, all");
        assertValidation(api.get(reader, "/api/v1/audit?packet_id=nope"), "packet_id", "must be a valid UUID");
        assertValidation(api.get(reader, "/api/v1/audit?created_after=yesterday"), "created_after",
                "must be an RFC 3339 timestamp");
        assertValidation(api.get(reader, "/api/v1/audit?offset=-1"), "offset", "must be an integer >= 0");
    }

    @Test
    void another_tenants_trail_is_never_visible() {
        api.tenant("other", "business");
        String otherReader = api.key("other", "reader");

        Map<String, Object> theirs = api.get(otherReader, "/api/v1/audit?resource=all").json();

        assertThat(pluck(entries(theirs), "resource")).containsOnly("api_key");
        assertThat(api.get(otherReader, "/api/v1/audit?packet_id=" + packet).json()).containsEntry("total", 0L);
    }

    @Test
    void the_export_streams_ndjson_oldest_first_as_an_attachment() {
        TestResponse export = api.get(admin, "/api/v1/audit/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(export.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"audit-biz-2026-05-30.ndjson\"");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(map(LiveApi.parse(lines.get(0)))).containsEntry("action", "created")
                .containsEntry("packet_id", packet);
        assertThat(map(LiveApi.parse(lines.get(1)))).containsEntry("action", "claimed");
        assertThat(export.body()).endsWith("\n");
    }

    @Test
    void the_csv_export_has_the_documented_header_and_quoted_details() {
        TestResponse export = api.get(admin, "/api/v1/audit/export?format=csv&action=claimed");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("text/csv");
        assertThat(export.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"audit-biz-2026-05-30.csv\"");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo(CSV_HEADER);
        String[] cells = lines.get(1).split(",", 9);
        assertThat(cells[1]).isEqualTo("2026-05-30T12:00:10.000000Z");
        assertThat(cells[2]).isEqualTo("packet");
        assertThat(cells[3]).isEqualTo(packet);
        assertThat(cells[4]).isEqualTo(packet);
        assertThat(cells[5]).isEqualTo("claimed");
        assertThat(cells[6]).isEqualTo("agent:billing-02");
        assertThat(cells[8]).startsWith("\"{\"\"agent_name\"\":\"\"Billing\"\"").endsWith("}\"");
    }

    @Test
    void an_empty_csv_export_still_has_its_header() {
        TestResponse export = api.get(admin, "/api/v1/audit/export?format=csv&actor=nobody");

        assertThat(export.body()).isEqualTo(CSV_HEADER + "\n");
    }

    @Test
    void the_export_needs_an_admin_a_tier_with_audit_export_and_a_known_format() {
        api.tenant("acme", "pro");
        TestResponse lowTier = api.get(api.key("acme", "admin"), "/api/v1/audit/export");
        TestResponse writerRefused = api.get(writer, "/api/v1/audit/export");
        TestResponse badFormat = api.get(admin, "/api/v1/audit/export?format=xml");

        assertThat(lowTier.status()).isEqualTo(403);
        assertThat(lowTier.json()).containsEntry("code", "TIER_FEATURE_UNAVAILABLE");
        assertThat(lowTier.header("Content-Disposition")).isNull();
        assertThat(lowTier.header("Content-Type")).startsWith("application/json");
        assertThat(writerRefused.status()).isEqualTo(403);
        assertThat(writerRefused.json()).containsEntry("code", "FORBIDDEN");
        assertValidation(badFormat, "format", "must be one of: ndjson, csv");
    }
}
