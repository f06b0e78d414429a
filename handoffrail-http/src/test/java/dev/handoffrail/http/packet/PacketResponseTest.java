package dev.handoffrail.http.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.http.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API's packet ({@link PacketResponse}, written by Jackson) and the packet the core puts into webhook bodies
 * and charges against {@code max_packet_size} ({@link PacketRepresentation}) are the same document, byte for
 * byte: §18.1 promises receivers the §7.2 packet.
 */
class PacketResponseTest {
    private final JsonCodec codec = new JsonCodec(64);

    @Test
    void a_fully_populated_packet_is_written_exactly_as_the_core_document() {
        Packet packet = PacketFixtures.aFullPacket(PacketId.random(), SchemaId.random())
                .status(PacketStatus.COMPLETED).claimedAt(Fixtures.T0.plusSeconds(5))
                .completedAt(Fixtures.T0.plusSeconds(9)).build();

        assertThat(api(packet)).isEqualTo(JsonWriter.write(PacketRepresentation.toJson(packet)));
    }

    @Test
    void a_minimal_packet_shows_absent_fields_as_null_in_the_contract_order() {
        Packet packet = PacketFixtures.aPacket().id("9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10").build();

        assertThat(api(packet)).isEqualTo(JsonWriter.write(PacketRepresentation.toJson(packet)))
                .startsWith("{\"id\":\"9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\",\"version\":\"1.0.0\","
                        + "\"parent_packet_id\":null,\"schema_id\":null,\"status\":\"created\",\"metadata\":{")
                .contains("\"hitl\":null")
                .endsWith("\"_links\":{\"self\":\"/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\","
                        + "\"claim\":\"/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10/claim\","
                        + "\"history\":\"/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10/history\"}}");
    }

    @Test
    void a_list_of_packets_is_a_list_of_the_same_documents() {
        Packet first = PacketFixtures.aPacket().build();
        Packet second = PacketFixtures.aFullPacket(null, null).build();

        assertThat(new String(codec.write(PacketJson.packets(List.of(first, second))), StandardCharsets.UTF_8))
                .isEqualTo("[" + JsonWriter.write(PacketRepresentation.toJson(first)) + ","
                        + JsonWriter.write(PacketRepresentation.toJson(second)) + "]");
    }

    private String api(Packet packet) {
        return new String(codec.write(PacketJson.packet(packet)), StandardCharsets.UTF_8);
    }
}
