package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aFullPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.schema.SchemaId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packet storage document, run against SQLite and PostgreSQL by the subclasses: rows are written in this
 * adapter's own format (no API members), and rows written by earlier releases, which stored the API
 * representation, still read back unchanged without a data migration.
 */
abstract class PacketDocumentScenarios {
    /** {@code packets.body} exactly as releases before the storage document wrote it (the §7.2 representation). */
    static final String LEGACY_BODY = "{\"id\":\"0b6f2f3e-5d1c-4a8e-9f7a-2c3d4e5f6a7b\",\"version\":\"1.0.0\","
            + "\"parent_packet_id\":\"11"
            + "111111-2222-4333-8444-555555555555\",\"schema_id\":\"66666666-7777-4888-9999-000000000000\",\"st"
            + "atus\":\"claimed\",\"metadata\":{\"source_agent\":{\"id\":\"support-01\",\"name\":\"SupportBot\""
            + ",\"framework\":\"langchain\",\"version\":\"1.2.0\"},\"target_agent\":{\"id\":\"billing-01\",\"na"
            + "me\":\"BillingBot\",\"framework\":\"crewai\"},\"created_at\":\"2026-05-30T10:00:00.000000Z\",\"c"
            + "laimed_at\":\"2026-05-30T10:00:10.000000Z\",\"completed_at\":null,\"priority\":\"high\",\"tags\""
            + ":[\"billing\",\"upgrade\"]},\"context\":{\"summary\":\"Customer wants to upgrade to the business"
            + " plan\",\"conversation_state\":[{\"role\":\"user\",\"content\":\"I need 25 seats\",\"timestamp\""
            + ":\"2026-05-30T09:58:00Z\",\"metadata\":{\"channel\":\"chat\"}},{\"role\":\"agent\",\"content\":"
            + "\"Let me hand you to billing\",\"timestamp\":null,\"metadata\":null}],\"artifacts\":[{\"key\":\""
            + "quote\",\"value\":{\"total\":1250,\"currency\":\"EUR\"},\"content_type\":\"application/json\"},{"
            + "\"key\":\"notes\",\"value\":\"prefers annual billing\",\"content_type\":null},{\"key\":\"lines\""
            + ",\"value\":[\"seat\",\"support\"],\"content_type\":null}],\"custom\":{\"ticket\":\"T-1042\",\"se"
            + "ats\":25,\"discount\":0.15,\"flags\":[\"vip\",true],\"nested\":{\"region\":\"eu-west\"},\"precis"
            + "e\":0.1000000000000000055511151231257827,\"huge\":123456789012345678901234567890}},\"decisions\""
            + ":[{\"id\":\"d1\",\"decision\":\"Offer annual plan\",\"rationale\":\"Cheaper for 25 seats\",\"alt"
            + "ernatives\":[\"monthly\"],\"decided_by\":\"support-01\",\"timestamp\":\"2026-05-30T09:59:00Z\"}]"
            + ",\"actions\":{\"pending\":[{\"id\":\"a1\",\"description\":\"Send invoice\",\"assignee\":\"billin"
            + "g-01\",\"priority\":\"high\",\"depends_on\":[\"a0\"],\"deadline\":\"2026-06-01T00:00:00Z\"}],\"c"
            + "ompleted\":[{\"id\":\"a0\",\"description\":\"Verify identity\",\"result\":\"ok\",\"completed_by"
            + "\":\"support-01\",\"completed_at\":null}],\"failed\":[{\"id\":\"a2\",\"description\":\"Charge ca"
            + "rd\",\"error\":\"card declined\",\"retries_remaining\":2}]},\"dependencies\":[{\"id\":\"dep1\","
            + "\"type\":\"data\",\"description\":\"CRM record\",\"status\":\"available\",\"source\":\"crm\"}],"
            + "\"hitl\":{\"required\":true,\"reason\":\"Discount above 10%\",\"question\":\"Approve 15%?\",\"op"
            + "tions\":[\"approve\",\"reject\"],\"timeout_seconds\":3600,\"response\":\"approve\",\"responded_a"
            + "t\":\"2026-05-30T10:00:30.000000Z\",\"responded_by\":\"manager@acme.test\",\"notes\":\"fine\"},"
            + "\"created_at\":\"2026-05-30T10:00:00.000000Z\",\"updated_at\":\"2026-05-30T10:00:00.000000Z\",\""
            + "_links\":{\"self\":\"/api/v1/packets/0b6f2f3e-5d1c-4a8e-9f7a-2c3d4e5f6a7b\",\"claim\":\"/api/v1/"
            + "packets/0b6f2f3e-5d1c-4a8e-9f7a-2c3d4e5f6a7b/claim\",\"history\":\"/api/v1/packets/0b6f2f3e-5d1c"
            + "-4a8e-9f7a-2c3d4e5f6a7b/history\"}}";

    abstract TestDatabase database();

    @Test
    void a_row_written_as_the_api_representation_reads_back_as_the_same_packet() throws SQLException {
        Packet expected = legacyPacket();
        database().persistence().packets().insert(expected);
        overwriteBody(expected.id(), LEGACY_BODY);

        Packet read = database().persistence().packets().find(ACME, expected.id()).orElseThrow();

        assertThat(read).isEqualTo(expected);
        assertThat(read.context().custom().get("precise"))
                .isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(read.context().custom().get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(read.context().custom().get("seats")).isEqualTo(25L);
    }

    @Test
    void new_rows_are_written_in_the_storage_format_without_api_members() throws SQLException {
        Packet packet = legacyPacket();
        database().persistence().packets().insert(packet);

        String body = body(packet.id());

        assertThat(body).startsWith("{\"storage_format\":1,\"id\":\"" + packet.id() + "\"")
                .doesNotContain("_links").doesNotContain("/api/v1").doesNotContain("\"version\":\"1.0.0\"");
        assertThat(database().persistence().packets().find(ACME, packet.id())).contains(packet);
    }

    /** The packet {@link #LEGACY_BODY} was written from, with the two exact numbers it carries. */
    private static Packet legacyPacket() {
        Packet full = aFullPacket(new PacketId(UUID.fromString("11111111-2222-4333-8444-555555555555")),
                new SchemaId(UUID.fromString("66666666-7777-4888-9999-000000000000")))
                .id("0b6f2f3e-5d1c-4a8e-9f7a-2c3d4e5f6a7b").status(PacketStatus.CLAIMED)
                .claimedAt(T0.plusSeconds(10)).build();
        Map<String, Object> custom = new LinkedHashMap<>(full.context().custom());
        custom.put("precise", new BigDecimal("0.1000000000000000055511151231257827"));
        custom.put("huge", new BigInteger("123456789012345678901234567890"));
        return aFullPacket(full.parentId(), full.schemaId()).id(full.id()).status(PacketStatus.CLAIMED)
                .claimedAt(T0.plusSeconds(10)).custom(custom).build();
    }

    private void overwriteBody(PacketId id, String body) throws SQLException {
        try (Connection connection = database().persistence().dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE packets SET body = "
                     + database().persistence().dialect().json("?") + " WHERE CAST(id AS TEXT) = ?")) {
            update.setString(1, body);
            update.setString(2, id.toString());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private String body(PacketId id) throws SQLException {
        try (Connection connection = database().persistence().dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT body FROM packets WHERE CAST(id AS TEXT) = ?")) {
            select.setString(1, id.toString());
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }
}
