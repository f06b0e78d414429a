package dev.handoffrail.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketBodiesTest {

    @Test
    void aCreateBodyIsAboutTwoPointThreeKilobytesOfValidJson() throws IOException {
        String body = PacketBodies.packet(12_345, "sales-07", "billing-03");

        JsonNode packet = RailClient.JSON.readTree(body);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isBetween(2_200, 2_500);
        assertThat(packet.at("/metadata/source_agent/id").asText()).isEqualTo("sales-07");
        assertThat(packet.at("/metadata/target_agent/id").asText()).isEqualTo("billing-03");
        assertThat(packet.at("/context/conversation_state").size()).isEqualTo(6);
    }

    @Test
    void onlyEveryHundredThousandthBodyCarriesARareWord() {
        assertThat(PacketBodies.packet(0, "a", "b")).contains("zircon0");
        assertThat(PacketBodies.packet(200_000, "a", "b")).contains("zircon2");
        assertThat(PacketBodies.packet(1, "a", "b")).doesNotContain("zircon");
        assertThat(PacketBodies.packet(99_999, "a", "b")).doesNotContain("zircon");
    }
}
